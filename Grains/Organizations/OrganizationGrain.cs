using Microsoft.Extensions.Logging;
using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Events;
using Onboarding.Organizations;
using Onboarding.Whitelist;

namespace Onboarding.Grains.Organizations;

/// <summary>
/// One organization onboarding (key: the organization id), a thin shell around <see cref="OrganizationWorkflow"/>: each
/// command decided there, written once, then its effects run by <see cref="OrganizationEffectRunner"/>. The management
/// account is a customer like any other (launch link, page, prompts), started with the organization's secrets and the
/// management template; members become customers as their stack instances report.
/// </summary>
public sealed partial class OrganizationGrain(
    [PersistentState("organization", StorageNames.Onboarding)] IPersistentState<OrganizationState> organization,
    OrganizationEffectRunner runner,
    WorkflowOptions workflow,
    TimeProvider clock,
    ILogger<OrganizationGrain> logger) : Grain, IOrganizationGrain
{
    private IGrainTimer? _retry;

    private OrganizationState State => organization.State;
    private string OrganizationId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Work a crash interrupted (an off-boarding half done) goes on without a caller.
        if (State.Effects.Count > 0) RetryIn(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task<OrganizationCommandResult> Start(StartOrganizationCommand command)
    {
        if (!workflow.Onboarding.AllowedRegions.Contains(command.Region))
            return OrganizationCommandResult.Refused(new CommandRefusal(RefusalKind.RegionNotAllowed, OnboardingState.None,
                $"Region '{command.Region}' is not offered; use one of: {string.Join(", ", workflow.Onboarding.AllowedRegions)}."));
        var topic = State.State == OrganizationOnboardingState.Onboarding ? State.TopicArn : await GrainFactory.GetGrain<IRegionTopicsGrain>(command.Region).CurrentTopic();
        var secrets = new OrganizationSecrets(SecureTokens.ExternalId(), SecureTokens.OnboardingToken());
        var decision = OrganizationWorkflow.Start(State, OrganizationId, command, secrets, topic, clock.GetUtcNow());
        if (decision.Reply.Refusal is { } refusal) return OrganizationCommandResult.Refused(refusal);
        if (decision.Reply.Created) LogStarted(logger, OrganizationId, command.ManagementAccountId, command.Region);
        // The organization's statement is on the topic before anyone can launch its template.
        if (await CommitAsync(decision.State, decision.Write) is { } failure) throw failure;

        var management = await GrainFactory.GetGrain<ICustomerGrain>(State.ManagementAccountId).StartOrganizationOnboarding(State.Attempted);
        if (management.Refusal is { } refused)
        {
            // The management account keeps the onboarding it has: a new attempt of this organization's ends unused.
            if (decision.Reply.Created)
                await CommitAsync(OrganizationWorkflow.End(State, refused.Message, includingManagement: false, clock.GetUtcNow()).State, write: true);
            return OrganizationCommandResult.Refused(refused);
        }
        return OrganizationCommandResult.Done(await ViewAsync(management.View), decision.Reply.Created);
    }

    public async Task<OrganizationAdmission> AdmitMember(CustomResourceRequest request)
    {
        var now = clock.GetUtcNow();
        var decision = OrganizationWorkflow.Admit(State, request, workflow.CustomResourceType, now);
        var admission = decision.Reply;
        if (!admission.Admitted)
        {
            if (admission.SecurityDetail is { } detail) LogRefused(logger, OrganizationId, request.StackId, request.RequestId, detail);
            var account = CloudFormationStackArn.TryParse(request.StackId, out var stack) ? stack!.AccountId : null;
            var answer = new CustomResourceAnswer
            {
                Status = CustomResourceAnswer.Failed,
                Reason = admission.Reason,
                PhysicalResourceId = account is null ? request.LogicalResourceId : PhysicalResourceIds.For(account, request.StackId),
                StackId = request.StackId,
                RequestId = request.RequestId,
                LogicalResourceId = request.LogicalResourceId,
            };
            return new(new StackEventOutcome(answer, Duplicate: false, AnswerDeadline.For(request, now), AwaitsAcceptance: false), null);
        }
        if (decision.Write)
        {
            await CommitAsync(decision.State, write: true);
            LogMemberAdmitted(logger, OrganizationId, admission.AccountId!);
        }
        return new(null, admission.Kind == OrganizationMemberKind.Member ? State.Attempted : null);
    }

    public async Task<OrganizationCommandResult> OffBoard(string reason)
    {
        if (State.State == OrganizationOnboardingState.None)
            return OrganizationCommandResult.Refused(new CommandRefusal(RefusalKind.NotFound, OnboardingState.None, $"No onboarding was ever started for organization {OrganizationId}."));
        var decision = OrganizationWorkflow.End(State, reason, includingManagement: true, clock.GetUtcNow());
        if (await CommitAsync(decision.State, decision.Write) is { } failure) throw failure;
        return OrganizationCommandResult.Done(await ViewAsync(management: null));
    }

    public async Task ManagementAccountRemoved(string reason)
    {
        var decision = OrganizationWorkflow.End(State, reason, includingManagement: false, clock.GetUtcNow());
        if (await CommitAsync(decision.State, decision.Write) is { } failure) throw failure;
    }

    public async Task<OrganizationView?> GetView() =>
        State.State == OrganizationOnboardingState.None ? null : await ViewAsync(management: null);

    /// <summary>
    /// The view, with every member's state read from its customer grain (one call each, in parallel: an operator's read,
    /// sized for organizations of hundreds of accounts, not a per-request lookup).
    /// </summary>
    private async Task<OrganizationView> ViewAsync(OnboardingView? management)
    {
        management ??= await GrainFactory.GetGrain<ICustomerGrain>(State.ManagementAccountId).GetView();
        var members = await Task.WhenAll(State.Members.Select(m => GrainFactory.GetGrain<ICustomerGrain>(m).GetView()));
        var ours = members.Where(v => v?.OrganizationId == OrganizationId).Select(v => v!).ToList();
        var counts = ours.GroupBy(v => v.State).ToDictionary(g => g.Key, g => g.Count());
        var onTheirOwn = members.Where(v => v is not null && v.OrganizationId != OrganizationId).Select(v => v!.AccountId).ToList();
        return new OrganizationView(
            OrganizationId, State.ManagementAccountId, State.State, State.Region, State.Reference, State.ExternalId, State.TopicArn,
            [.. State.DeploymentTargets],
            management?.OrganizationId == OrganizationId ? management : null,
            management?.OrganizationId == OrganizationId ? management.LaunchUrl : null,
            ours.Count, counts, onTheirOwn, State.CreatedAt, State.UpdatedAt);
    }

    /// <summary>Adopts <paramref name="next"/> (written when <paramref name="write"/>), then runs the pending effects and writes once more; returns the first failure.</summary>
    private async Task<Exception?> CommitAsync(OrganizationState next, bool write)
    {
        if (write)
        {
            organization.State = next;
            await organization.WriteStateAsync();
        }
        if (State.Effects.Count == 0) return null;
        var unsaved = false;
        Exception? failure = null;
        try
        {
            while (State.Effects.FirstOrDefault() is { } effect)
            {
                await runner.RunAsync(State, effect);
                organization.State = OrganizationWorkflow.EffectDone(State, effect, clock.GetUtcNow()).State;
                unsaved = true;
            }
        }
        catch (Exception exception)
        {
            LogEffectFailed(logger, exception, OrganizationId, State.Effects.FirstOrDefault()?.GetType().Name ?? "");
            failure = exception;
            RetryIn(workflow.Onboarding.FollowUpRetryInterval);
        }
        if (unsaved) await organization.WriteStateAsync();
        return failure;
    }

    private void RetryIn(TimeSpan wait)
    {
        _retry?.Dispose();
        _retry = this.RegisterGrainTimer(_ => CommitAsync(State, write: false),
            new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    [LoggerMessage(LogLevel.Information, "Organization {OrganizationId} onboarding started (management account {ManagementAccountId}, region {Region})")]
    private static partial void LogStarted(ILogger logger, string organizationId, string managementAccountId, string region);

    [LoggerMessage(LogLevel.Information, "Organization {OrganizationId}: member account {AccountId} admitted")]
    private static partial void LogMemberAdmitted(ILogger logger, string organizationId, string accountId);

    [LoggerMessage(LogLevel.Warning, "Security event: a Create for organization {OrganizationId} (stack {StackId}, request {RequestId}) refused: {Detail}")]
    private static partial void LogRefused(ILogger logger, string organizationId, string stackId, string requestId, string detail);

    [LoggerMessage(LogLevel.Warning, "Organization {OrganizationId}: effect {Effect} failed; retried shortly")]
    private static partial void LogEffectFailed(ILogger logger, Exception exception, string organizationId, string effect);
}
