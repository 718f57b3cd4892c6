using Orleans.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Calls;
using Onboarding.Grains.Events;
using Onboarding.Grains.Notifications;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Telemetry;
using Onboarding.Grains.Templates;
using Onboarding.Grains.Whitelist;
using Onboarding.Whitelist;

namespace Onboarding.Grains.Customers;

/// <summary>
/// One customer AWS account (key: its 12-digit id). The only place where its onboarding is decided:
/// every command is checked against <see cref="OnboardingStateMachine"/>, and each step is durable
/// before the next one starts, so a crash at any point is resumed, never repeated with other values.
/// </summary>
public sealed partial class CustomerGrain(
    [PersistentState("customer", StorageNames.Onboarding)] IPersistentState<CustomerState> customer,
    ITemplateStore templates,
    IPartnerNotifier notifier,
    IOptions<OnboardingOptions> onboardingOptions,
    IOptions<RoleTemplateOptions> templateOptions,
    IOptions<StalledOnboardingOptions> stalledOptions,
    IOptions<GrainCallOptions> callOptions,
    IOptions<WhitelistOptions> whitelistOptions,
    TimeProvider clock,
    OnboardingMetrics metrics,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain, IRemindable
{
    private readonly OnboardingOptions _options = onboardingOptions.Value;
    private IGrainTimer? _followUpRetry;
    /// <summary>Transitions applied in memory and not yet written: counted in metrics once durable.</summary>
    private readonly List<OnboardingTrigger> _unsavedTransitions = [];

    private CustomerState State => customer.State;

    private string AccountId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A crash between the steps of a start leaves the customer Pending: finish it without waiting for a caller.
        if (State.State == OnboardingState.Pending)
        {
            this.RegisterGrainTimer(ResumePendingAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
        // Follow-up work a crash interrupted (template deletion, policy removal, notifications).
        if (State.HasFollowUps) ScheduleFollowUpRetry(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task<CustomerCommandResult> StartOnboarding(StartOnboardingCommand command)
    {
        if (!AccountIds.IsValid(AccountId))
            throw new ArgumentException($"Customer grain key '{AccountId}' is not a 12-digit account id.");
        if (!_options.AllowedRegions.Contains(command.Region))
            return Refuse(RefusalKind.RegionNotAllowed,
                $"Region '{command.Region}' is not offered; use one of: {string.Join(", ", _options.AllowedRegions)}.");
        if (!OnboardingStateMachine.Allows(State.State, OnboardingTrigger.Start))
            return Refuse(RefusalKind.InvalidTransition, $"The account is {State.State}: an onboarding cannot start now.");

        var created = State.State is OnboardingState.None or OnboardingState.Removed;
        if (created)
        {
            BeginOnboarding(command);
            await SaveAsync();
            LogStarted(AccountId, State.Attempt, State.Region);
            // Before the steps that can fail: a start interrupted from here on is resumed by its reminder.
            if (!await TryAsync("register the onboarding's reminder", SyncReminderAsync))
                ScheduleFollowUpRetry(_options.FollowUpRetryInterval);
        }
        else if (!string.Equals(State.Region, command.Region, StringComparison.Ordinal))
        {
            return Refuse(RefusalKind.RegionMismatch,
                $"The onboarding in flight was started for region {State.Region}; finish or remove it before using {command.Region}.");
        }
        else if (!string.IsNullOrEmpty(command.Reference) && !string.Equals(State.Reference, command.Reference, StringComparison.Ordinal))
        {
            // Handing the same onboarding to a second caller would report its activation under the first one's reference.
            return Refuse(RefusalKind.ReferenceConflict, State.Reference is null
                ? $"The onboarding in flight for account {AccountId} was started without a reference; finish or remove it before starting it as '{command.Reference}'."
                : $"The onboarding in flight for account {AccountId} was started under reference '{State.Reference}', not '{command.Reference}'.");
        }

        using (var budget = callOptions.Value.StartBudget()) await CompleteStepsAsync(budget.Token);
        if (NeedsReminderSync) await RunFollowUpsAsync(recordRequired: false);
        return CustomerCommandResult.Done(State.ToView(), created);
    }

    public async Task<StackEventOutcome> HandleStackEvent(CustomResourceRequest request)
    {
        var decision = CustomerWorkflow.StackRequest(State, AccountId, request, clock.GetUtcNow(), Workflow);
        var (outcome, securityDetail) = decision.Reply;
        if (outcome.Duplicate) return outcome;
        if (securityDetail is { } detail)
            LogSecurityEvent(AccountId, request.RequestType, request.StackId, request.RequestId, detail);
        LogDecided(AccountId, request.RequestType, request.RequestId, outcome.Answer.Status);
        // The effect and its answer in one write, before CloudFormation hears of it.
        await CommitAsync(decision);
        return outcome;
    }

    public async Task<AnswerSettlement> SettleAnswer(string stackId, string requestId, DateTimeOffset? acceptedAt)
    {
        var decision = CustomerWorkflow.SettleAnswer(State, stackId, requestId, acceptedAt, clock.GetUtcNow(), Workflow);
        await CommitAsync(decision);
        if (decision.Reply == AnswerSettlement.Activated) LogActivated(AccountId);
        if (decision.Reply == AnswerSettlement.Expired) LogAnswerExpired(AccountId);
        return decision.Reply;
    }

    private async Task ExpireAnswerAsync()
    {
        await CommitAsync(CustomerWorkflow.ExpireAnswer(State, clock.GetUtcNow(), Workflow));
        LogAnswerExpired(AccountId);
    }

    /// <summary>Adopts a decision: its state, written once when it changed anything, then what it leaves to do.</summary>
    private async Task CommitAsync<TReply>(Decision<TReply> decision)
    {
        if (!decision.Write) return;
        customer.State = decision.State;
        if (decision.Transition is { } transition) _unsavedTransitions.Add(transition.Trigger);
        await SaveAsync();
        if (decision.After == AfterDecision.RunFollowUps) await RunFollowUpsAsync(recordRequired: false);
        else if (decision.After == AfterDecision.ScheduleDueTimer) ScheduleDueTimer();
    }

    private WorkflowOptions Workflow => new(_options, stalledOptions.Value, templateOptions.Value.CustomResourceType);

    public async Task<CustomerCommandResult> RenewLaunchUrl()
    {
        if (State.State != OnboardingState.Templated)
            return State.State == OnboardingState.None
                ? Refuse(RefusalKind.NotFound, $"No onboarding was ever started for account {AccountId}.")
                : Refuse(RefusalKind.InvalidTransition, $"The account is {State.State}: only a Templated onboarding has a launch URL.");
        using (var budget = callOptions.Value.StartBudget()) await IssueLaunchUrlAsync(budget.Token);
        Touch();
        await SaveAsync();
        return CustomerCommandResult.Done(State.ToView());
    }

    public async Task<CustomerCommandResult> OffBoard(string reason)
    {
        var decision = CustomerWorkflow.OffBoard(State, AccountId, reason, clock.GetUtcNow(), Workflow);
        if (decision.Reply is { } refusal) return CustomerCommandResult.Refused(refusal);
        await CommitAsync(decision);
        if (decision.Write) LogOffBoarded(AccountId);
        return CustomerCommandResult.Done(State.ToView());
    }

    public Task<OnboardingView?> GetView() =>
        Task.FromResult(State.State == OnboardingState.None ? null : State.ToView());

    private CustomerCommandResult Refuse(RefusalKind kind, string message) =>
        CustomerCommandResult.Refused(new CommandRefusal(kind, State.State, message));

    /// <summary>Step 1: the record with a fresh external id, in memory (the caller persists it).</summary>
    private void BeginOnboarding(StartOnboardingCommand command)
    {
        var now = clock.GetUtcNow();
        if (State.State == OnboardingState.None)
        {
            State.AccountId = AccountId;
            State.CreatedAt = now;
        }
        else if (!string.Equals(State.Region, command.Region, StringComparison.Ordinal))
        {
            // ServiceToken must be in the stack's region: another region needs another topic.
            State.TopicArn = null;
        }

        State.Attempt++;
        State.StartedAt = now;
        State.PromptCount = 0;
        State.LastPromptAt = null;
        State.ExternalId = SecureTokens.ExternalId();
        State.OnboardingToken = SecureTokens.OnboardingToken();
        State.CustomerLinkSecret = SecureTokens.CustomerLinkSecret();
        State.Region = command.Region;
        State.Reference = command.Reference;
        State.Whitelisted = false;
        State.AwaitingStackDelete = false;
        State.TemplateKey = null;
        State.LaunchUrl = null;
        State.LaunchUrlExpiresAt = null;
        State.RoleArn = null;
        State.StackId = null;
        State.PhysicalResourceId = null;
        Apply(OnboardingTrigger.Start, State.Attempt == 1 ? "onboarding started" : $"onboarding restarted (attempt {State.Attempt})");
    }

    /// <summary>Steps 2–4, each persisted before the next; skips what is already done.</summary>
    private async Task CompleteStepsAsync(CancellationToken cancellationToken)
    {
        // Records the topic durably before joining its policy; Whitelisted is stored with the next step.
        if (!State.Whitelisted) await WhitelistAsync(cancellationToken);

        if (State.State == OnboardingState.Pending)
        {
            State.TemplateKey ??= $"{_options.TemplateKeyPrefix}{AccountId}/{SecureTokens.ObjectKeySuffix()}.json";
            await templates.PutAsync(State.TemplateKey, RenderTemplate(), cancellationToken);
            await IssueLaunchUrlAsync(cancellationToken);
            Apply(OnboardingTrigger.TemplatePublished, "template uploaded; launch URL issued");
            await SaveAsync(cancellationToken);
        }
        else if (State.LaunchLinkNeededBy(clock.GetUtcNow() + _options.LaunchUrlRenewBefore))
        {
            await IssueLaunchUrlAsync(cancellationToken);
            Touch();
            await SaveAsync(cancellationToken);
        }
    }

    private string RenderTemplate()
    {
        var template = templateOptions.Value;
        return RoleTemplateRenderer.Render(new RoleTemplateSpec
        {
            CustomerAccountId = AccountId,
            ExternalId = State.ExternalId,
            OnboardingToken = State.OnboardingToken,
            TrustedPrincipalArn = _options.EffectiveTrustedPrincipalArn,
            ServiceTokenTopicArn = State.TopicArn!,
            ManagedPolicyArns = template.ManagedPolicyArns,
            InlinePolicyDocument = template.InlinePolicyDocument,
            ServiceTimeoutSeconds = template.ServiceTimeoutSeconds,
            CustomResourceType = template.CustomResourceType,
            Description = template.Description,
        });
    }

    private async Task ResumePendingAsync(CancellationToken cancellationToken)
    {
        if (State.State != OnboardingState.Pending) return;
        try
        {
            await CompleteStepsAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The next start (or the stalled-onboarding reminder) tries again.
            LogResumeFailed(exception, AccountId);
        }
    }

    private void Notify(string type, string? reason, Uri? launchUrl = null, int? prompt = null) =>
        CustomerWorkflow.Notify(State, type, reason, clock.GetUtcNow(), launchUrl, prompt);

    /// <summary>
    /// Does what a transition left to do — delete the used template, take the account off its topic,
    /// publish notifications — and records what got done. Never throws: what fails is retried by a timer.
    /// </summary>
    private async Task RunFollowUpsAsync(bool recordRequired = true)
    {
        using var budget = callOptions.Value.StartBudget();
        var failed = !await TryAsync("keep the onboarding's reminder", SyncReminderAsync);
        var pendingBefore = State.FollowUpCount;
        if (State.OwesTemplateDeletion && State.TemplateKey is { } key)
            failed |= !await TryAsync("delete the template", async () => { await templates.DeleteAsync(key, budget.Token); State.TemplateKey = null; });
        if (State.OwesTopicRemoval && State.TopicArn is { } topicArn)
            failed |= !await TryAsync("remove the account from its topic", async () => { await GrainFactory.GetGrain<ITopicPolicyGrain>(topicArn).RemoveAccount(AccountId); State.Whitelisted = State.MayBeOnTopic = false; });
        while (State.Outbox.Count > 0 && !failed)
        {
            var next = State.Outbox[0];
            failed |= !await TryAsync("notify the partner", async () => { await notifier.PublishAsync(next, budget.Token); State.Outbox.RemoveAt(0); });
        }

        try
        {
            if (recordRequired || State.FollowUpCount != pendingBefore) await SaveAsync();
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            LogFollowUpFailed(exception, AccountId, "record follow-up work");
            failed = true;
        }
        if (failed) ScheduleFollowUpRetry(_options.FollowUpRetryInterval);
        else { _followUpRetry?.Dispose(); _followUpRetry = null; }
    }

    private async Task<bool> TryAsync(string what, Func<Task> work)
    {
        try
        {
            await work();
            return true;
        }
        catch (Exception exception)
        {
            LogFollowUpFailed(exception, AccountId, what);
            return false;
        }
    }

    private void ScheduleFollowUpRetry(TimeSpan dueTime)
    {
        _followUpRetry?.Dispose();
        _followUpRetry = this.RegisterGrainTimer(
            async _ => { if (State.HasFollowUps || NeedsReminderSync) await RunFollowUpsAsync(recordRequired: false); },
            new GrainTimerCreationOptions(dueTime, _options.FollowUpRetryInterval) { KeepAlive = true });
    }

    /// <summary>Moves the state machine and records why; refuses what the table does not allow.</summary>
    private void Apply(OnboardingTrigger trigger, string reason)
    {
        if (CustomerWorkflow.Move(State, trigger, reason, clock.GetUtcNow(), _options) is { } transition)
            _unsavedTransitions.Add(transition.Trigger);
    }

    /// <summary>Writes the state (conditionally: a stale etag throws), then counts what became durable.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await customer.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // Memory is now ahead of storage: never answer from it. The next call reads what is stored.
            _unsavedTransitions.Clear();
            DeactivateOnIdle();
            throw;
        }
        foreach (var trigger in _unsavedTransitions) metrics.Persisted(trigger);
        _unsavedTransitions.Clear();
    }

    private void Touch() => State.UpdatedAt = clock.GetUtcNow();

    [LoggerMessage(LogLevel.Information, "Account {AccountId} was off-boarded by the partner")]
    private partial void LogOffBoarded(string accountId);

    [LoggerMessage(LogLevel.Information, "Onboarding started for account {AccountId} (attempt {Attempt}, region {Region})")]
    private partial void LogStarted(string accountId, int attempt, string region);

    [LoggerMessage(LogLevel.Warning, "Security event: {RequestType} request {RequestId} of stack {StackId} claims account {AccountId} but was refused: {Detail}")]
    private partial void LogSecurityEvent(string accountId, string requestType, string stackId, string requestId, string detail);

    [LoggerMessage(LogLevel.Information, "Decided {RequestType} request {RequestId} for account {AccountId}: {Status}")]
    private partial void LogDecided(string accountId, string requestType, string requestId, string status);

    [LoggerMessage(LogLevel.Information, "Account {AccountId} is Active: CloudFormation accepted the answer")]
    private partial void LogActivated(string accountId);

    [LoggerMessage(LogLevel.Warning, "The answer activating account {AccountId} was not accepted within the stack's ServiceTimeout; back to Templated")]
    private partial void LogAnswerExpired(string accountId);

    [LoggerMessage(LogLevel.Warning, "Follow-up work for account {AccountId} failed ({What}); retrying later")]
    private partial void LogFollowUpFailed(Exception exception, string accountId, string what);

    [LoggerMessage(LogLevel.Warning, "Resuming the pending onboarding of account {AccountId} failed; the next start retries")]
    private partial void LogResumeFailed(Exception exception, string accountId);
}
