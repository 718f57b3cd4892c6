using Orleans.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.CustomerPages;
using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Calls;
using Onboarding.Grains.CustomerPages;
using Onboarding.Grains.Telemetry;
using Onboarding.Grains.Templates;
using Onboarding.Grains.Stats;
using Onboarding.Grains.Whitelist;
using Onboarding.Queries;
using Onboarding.Identity;
using Onboarding.Organizations;
using Onboarding.Whitelist;

namespace Onboarding.Grains.Customers;

/// <summary>
/// One customer AWS account (key: its 12-digit id), a thin shell around <see cref="CustomerWorkflow"/>: each command is
/// decided there, the decision written once, then its effects run by <see cref="CustomerEffectRunner"/> and their
/// outcomes recorded. Time moves it through one timer for the next moment anything is due (a re-prompt, a deadline, a
/// failed effect's retry) and, once its activation is gone, the <see cref="IInFlightSweepGrain"/>, which wakes every
/// customer the state index lists in flight: no reminder of its own, so no reminder-table write per onboarding.
/// </summary>
public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Onboarding)] IPersistentState<CustomerState> customer,
    CustomerEffectRunner runner,
    LaunchLinks launchLinks,
    WorkflowOptions workflow,
    IOptions<GrainCallOptions> callOptions,
    TimeProvider clock,
    OnboardingMetrics metrics,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain, ITopicMemberGrain, IRoleHolderGrain, ICountedCustomerGrain, IScheduledCustomerGrain, ITemplateVersionHolderGrain, IRemindable
{
    /// <summary>The reminder each customer in flight held before the <see cref="IInFlightSweepGrain"/>: dropped at its next tick.</summary>
    public const string LegacyScheduleReminderName = "onboarding-schedule";

    private IGrainTimer? _wakeUp;
    /// <summary>Memory is ahead of storage: effects were recorded and not yet written.</summary>
    private bool _unsaved;
    /// <summary>Transitions applied in memory and not yet written: counted in metrics once durable.</summary>
    private readonly List<TransitionRecord> _unsavedTransitions = [];
    /// <summary>The last count done in memory and not yet written: its counter shard is told once a write holds it.</summary>
    private long? _countedThrough;

    private CustomerState State => customer.State;
    private string AccountId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        customer.State = CustomerCounting.AdoptUncounted(State);
        // Work a crash interrupted (the rest of a start, a template deletion, a notification) goes on without a caller.
        if (State.Effects.Count > 0) WakeUpIn(TimeSpan.Zero, keepAlive: true);
        return Task.CompletedTask;
    }

    public async Task<CustomerCommandResult> StartOnboarding(StartOnboardingCommand command)
    {
        if (!AccountIds.IsValid(AccountId))
            throw new ArgumentException($"Customer grain key '{AccountId}' is not a 12-digit account id.");
        var newTopicNeeded = State.State is OnboardingState.None or OnboardingState.Removed
            && (State.TopicArn is null || State.Region != command.Region) && workflow.Onboarding.AllowedRegions.Contains(command.Region);
        var currentTopic = newTopicNeeded ? await GrainFactory.GetGrain<IRegionTopicsGrain>(command.Region).CurrentTopic() : null;

        var decision = CustomerWorkflow.Start(State, AccountId, command, AttemptSecrets.New(), currentTopic, clock.GetUtcNow(), workflow);
        if (decision.Reply.Refusal is { } refusal) return CustomerCommandResult.Refused(refusal);
        if (decision.Reply.Created) CustomerLog.Started(logger, AccountId, decision.State.Attempt, command.Region);
        // A start answers once the template is out; what failed before that is the caller's error (and retried).
        if (await CommitAsync(decision) is { } failure && State.State == OnboardingState.Pending) throw failure;
        return CustomerCommandResult.Done(State.ToView(), decision.Reply.Created);
    }

    public async Task<CustomerCommandResult> StartOrganizationOnboarding(OrganizationAttempt attempt)
    {
        var decision = CustomerWorkflow.StartOrganizationManagement(State, AccountId, attempt, AttemptSecrets.New(), clock.GetUtcNow(), workflow);
        if (decision.Reply.Refusal is { } refusal) return CustomerCommandResult.Refused(refusal);
        if (decision.Reply.Created) CustomerLog.Started(logger, AccountId, decision.State.Attempt, attempt.Region);
        if (await CommitAsync(decision) is { } failure && State.State == OnboardingState.Pending) throw failure;
        return CustomerCommandResult.Done(State.ToView(), decision.Reply.Created);
    }

    public async Task<CommandRefusal?> JoinOrganization(OrganizationAttempt attempt)
    {
        var decision = CustomerWorkflow.JoinOrganization(State, AccountId, attempt, AttemptSecrets.New(), clock.GetUtcNow(), workflow);
        if (decision.Reply is { } refusal) return refusal;
        // The member's Create is decided right after this: its topic entry must be there for the stack's later Delete.
        if (await CommitAsync(decision) is { } failure && State.Effects.Any(e => e is JoinTopic)) throw failure;
        return null;
    }

    public async Task<StackEventOutcome> HandleStackEvent(CustomResourceRequest request, RoleVerification? verification = null)
    {
        var decision = CustomerWorkflow.StackRequest(State, AccountId, request, verification, clock.GetUtcNow(), workflow);
        var (outcome, securityDetail) = decision.Reply;
        if (outcome.Duplicate || outcome.VerifyRole is not null) return outcome;
        if (securityDetail is { } detail)
            CustomerLog.SecurityEvent(logger, AccountId, request.RequestType, request.StackId, request.RequestId, detail);
        CustomerLog.Decided(logger, AccountId, request.RequestType, request.RequestId, outcome.Answer.Status);
        // The effect and its answer in one write, before CloudFormation hears of it.
        await CommitAsync(decision, countAfterReply: true);
        return outcome;
    }

    public async Task<AnswerSettlement> SettleAnswer(string stackId, string requestId, DateTimeOffset? acceptedAt)
    {
        var decision = CustomerWorkflow.SettleAnswer(State, stackId, requestId, acceptedAt, clock.GetUtcNow(), workflow);
        await CommitAsync(decision);
        return decision.Reply;
    }

    public async Task<CustomerCommandResult> RenewLaunchUrl(string reason)
    {
        var decision = CustomerWorkflow.RenewLaunchLink(State, AccountId, reason, clock.GetUtcNow(), workflow);
        if (decision.Reply is { } refusal) return CustomerCommandResult.Refused(refusal);
        await CommitAsync(decision);
        return CustomerCommandResult.Done(State.ToView());
    }

    public async Task<CustomerCommandResult> OffBoard(string reason)
    {
        var decision = CustomerWorkflow.OffBoard(State, AccountId, reason, clock.GetUtcNow(), workflow);
        if (decision.Reply is { } refusal) return CustomerCommandResult.Refused(refusal);
        await CommitAsync(decision);
        return CustomerCommandResult.Done(State.ToView());
    }

    public Task<OnboardingView?> GetView() =>
        Task.FromResult(State.State == OnboardingState.None ? null : State.ToView());

    public async Task<LaunchLinkAnswer> OpenLaunchLink(string secret)
    {
        using var budget = callOptions.Value.StartBudget();
        return await launchLinks.OpenAsync(State, secret, clock.GetUtcNow(), budget.Token);
    }

    public async Task<LaunchLinkAnswer> OpenUpdateLink(string secret)
    {
        using var budget = callOptions.Value.StartBudget();
        return await launchLinks.OpenUpdateAsync(State, secret, budget.Token);
    }

    public async Task<TemplateVersionStatus> CheckTemplateVersion()
    {
        var decision = CustomerWorkflow.CheckTemplateVersion(State, SecureTokens.ObjectKeySuffix(), clock.GetUtcNow(), workflow);
        await CommitAsync(decision);
        return decision.Reply;
    }

    public Task<OnboardingPageView?> OpenOnboardingPage(string secret) =>
        Task.FromResult(OnboardingPageRules.View(State, secret, clock.GetUtcNow(), workflow.Onboarding));

    /// <summary>
    /// The account's entry on a topic's policy, as the reconciler asks: kept where the record justifies it, removed
    /// elsewhere. Before the join is done the attempt's own <see cref="JoinTopic"/> adds it.
    /// </summary>
    public async Task<WhitelistOutcome?> ReconcileTopicEntry(string topicArn)
    {
        var policy = GrainFactory.GetGrain<ITopicPolicyGrain>(topicArn);
        if (State.JustifiedTopicArn == topicArn) return State.Whitelisted ? await policy.AddAccount(AccountId) : null;
        return await policy.RemoveAccount(AccountId);
    }

    public Task<RoleToVerify?> RoleCheckDue() => Task.FromResult(CustomerWorkflow.RoleCheckDue(State, clock.GetUtcNow(), workflow));

    public async Task<RoleHealth> RecordRoleCheck(string roleArn, RoleVerification check)
    {
        var decision = CustomerWorkflow.RoleChecked(State, roleArn, check, clock.GetUtcNow(), workflow);
        await CommitAsync(decision);
        return decision.Reply;
    }

    public Task Wake() => WakeUpAsync();

    /// <summary>A reminder registered before the sweep: unregistered (the sweep wakes the customer now), then a tick.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != LegacyScheduleReminderName) return;
        if (await this.GetReminder(LegacyScheduleReminderName) is { } legacy) await this.UnregisterReminder(legacy);
        await WakeUpAsync();
    }

    /// <summary>Runs what is pending (a count the record still holds repeats, harmlessly), then writes what only memory knows.</summary>
    public async Task SettleCounts()
    {
        await CommitAsync(new Decision<bool>(State, null, true, Write: false));
        if (_countedThrough is not null)
        {
            using var budget = callOptions.Value.StartBudget();
            await SaveAsync(budget.Token);
        }
        else if (!State.Effects.Any(e => e is CountCustomer))
        {
            Counters.Forget(AccountId, State.CountSequence).Ignore();
        }
    }

    private ICustomerCountersGrain Counters => GrainFactory.GetGrain<ICustomerCountersGrain>(CustomerCounting.ShardOf(AccountId));

    private Task WakeUpAsync() => CommitAsync(CustomerWorkflow.Tick(State, clock.GetUtcNow(), workflow));

    /// <summary>
    /// Adopts a decision (written once when it changed anything), then runs the pending effects in order, recording
    /// each outcome and writing them together; the first failure of an effect that is not a cleanup stops the run, a
    /// failed cleanup is passed over; the first failure is returned, and the timer retries what is left.
    /// </summary>
    /// <param name="countAfterReply">
    /// A count left alone runs in the next turn, after the reply: its completion is written with the next write
    /// anyway, and CloudFormation's answer need not wait for it.
    /// </param>
    private async Task<Exception?> CommitAsync<TReply>(Decision<TReply> decision, bool countAfterReply = false)
    {
        using var budget = callOptions.Value.StartBudget();
        if (decision.Write)
        {
            Adopt(decision.State, decision.Transition);
            await SaveAsync(budget.Token);
        }
        Exception? failure = null;
        var running = nameof(WorkflowEffect);
        try
        {
            countAfterReply &= State.Effects.Count > 0 && State.Effects.All(e => e is CountCustomer);
            var failedCleanups = new List<WorkflowEffect>();
            while (!countAfterReply && State.Effects.FirstOrDefault(e => !failedCleanups.Contains(e)) is { } effect)
            {
                running = effect.GetType().Name;
                try
                {
                    await RunAsync(effect, budget.Token);
                }
                catch (Exception exception) when (effect.IsCleanup && exception is not InconsistentStateException)
                {
                    CustomerLog.EffectFailed(logger, exception, AccountId, running);
                    failure ??= exception;
                    failedCleanups.Add(effect);
                }
            }
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            CustomerLog.EffectFailed(logger, exception, AccountId, running);
            failure = exception;
            // The count does not wait for work that failed before it: meanwhile the customer counts as it is.
            if (State.Effects.OfType<CountCustomer>().FirstOrDefault() is { } count) await TryCountAsync(count, budget.Token);
        }
        if (_unsaved) await SaveAsync(budget.Token);
        ScheduleWakeUp(failure is not null);
        if (countAfterReply && failure is null) WakeUpIn(TimeSpan.Zero, keepAlive: true);
        return failure;
    }

    private async Task RunAsync(WorkflowEffect effect, CancellationToken cancellationToken)
    {
        if (effect.NeedsDurableRecord && _unsaved) await SaveAsync(cancellationToken);
        var outcome = await runner.RunAsync(State, effect, cancellationToken);
        var done = CustomerWorkflow.EffectDone(State, outcome, clock.GetUtcNow(), workflow);
        if (done.Write) Adopt(done.State, done.Transition);
        else AdoptCount(done.State, effect);
    }

    private async Task TryCountAsync(CountCustomer count, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(count, cancellationToken);
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            CustomerLog.EffectFailed(logger, exception, AccountId, nameof(CountCustomer));
        }
    }

    private void Adopt(CustomerState next, TransitionRecord? transition)
    {
        // A write that changes what the customer counts as carries its count (run with the other effects).
        customer.State = CustomerCounting.WithCount(next);
        _unsaved = true;
        if (transition is not null) _unsavedTransitions.Add(transition);
    }

    /// <summary>A count done: kept in memory until the next write holds it (the counters take a repeat once meanwhile).</summary>
    private void AdoptCount(CustomerState next, WorkflowEffect effect)
    {
        customer.State = next;
        if (effect is CountCustomer count) _countedThrough = count.Sequence;
    }

    /// <summary>One timer for the next thing due before the sweep's next visit: a failed effect's retry, a re-prompt, a deadline.</summary>
    private void ScheduleWakeUp(bool retryEffects)
    {
        var now = clock.GetUtcNow();
        var due = CustomerWorkflow.NextDueAt(State, now, workflow);
        if (retryEffects && (due is null || due > now + workflow.Onboarding.FollowUpRetryInterval))
            due = now + workflow.Onboarding.FollowUpRetryInterval;
        _wakeUp?.Dispose();
        _wakeUp = null;
        if (due is { } at && (retryEffects || at - now < workflow.Stalled.ReminderPeriod))
            WakeUpIn(at - now, keepAlive: retryEffects);
    }

    /// <summary>Kept alive while effects are owed: an Active or Removed customer is not swept.</summary>
    private void WakeUpIn(TimeSpan wait, bool keepAlive)
    {
        _wakeUp?.Dispose();
        _wakeUp = this.RegisterGrainTimer(_ => WakeUpAsync(),
            new GrainTimerCreationOptions(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan) { KeepAlive = keepAlive });
    }

    /// <summary>Writes the state (conditionally: a stale etag throws), then counts what became durable.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
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
        _unsaved = false;
        if (_countedThrough is { } counted)
        {
            Counters.Forget(AccountId, counted).Ignore();
            _countedThrough = null;
        }
        foreach (var transition in _unsavedTransitions)
        {
            metrics.Persisted(transition.Trigger);
            CustomerLog.Moved(logger, AccountId, transition.From, transition.To, transition.Trigger, transition.Reason);
        }
        _unsavedTransitions.Clear();
    }
}
