using Orleans.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Calls;
using Onboarding.Grains.Telemetry;
using Onboarding.Grains.Templates;
using Onboarding.Grains.Whitelist;
using Onboarding.Whitelist;

namespace Onboarding.Grains.Customers;

/// <summary>
/// One customer AWS account (key: its 12-digit id), a thin shell around <see cref="CustomerWorkflow"/>: each command is
/// decided there, the decision written once, then its effects run by <see cref="CustomerEffectRunner"/> and their
/// outcomes recorded. Time moves it through one durable reminder while in flight (the only thing that survives
/// deactivation) and one timer for the next moment anything is due: a re-prompt, a deadline, a failed effect's retry.
/// </summary>
public sealed partial class CustomerGrain(
    [PersistentState("customer", StorageNames.Onboarding)] IPersistentState<CustomerState> customer,
    CustomerEffectRunner runner,
    LaunchLinks launchLinks,
    IOptions<OnboardingOptions> onboardingOptions,
    IOptions<RoleTemplateOptions> templateOptions,
    IOptions<StalledOnboardingOptions> stalledOptions,
    IOptions<GrainCallOptions> callOptions,
    TimeProvider clock,
    OnboardingMetrics metrics,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain, ITopicMemberGrain, IRemindable
{
    public const string ScheduleReminderName = "onboarding-schedule";

    private IGrainReminder? _reminder;
    private IGrainTimer? _wakeUp;
    /// <summary>Memory is ahead of storage: effects were recorded and not yet written.</summary>
    private bool _unsaved;
    /// <summary>Transitions applied in memory and not yet written: counted in metrics once durable.</summary>
    private readonly List<OnboardingTrigger> _unsavedTransitions = [];

    private CustomerState State => customer.State;
    private string AccountId => this.GetPrimaryKeyString();
    private WorkflowOptions Workflow => new(onboardingOptions.Value, stalledOptions.Value, templateOptions.Value.CustomResourceType);
    private bool InFlight => State.State is OnboardingState.Pending or OnboardingState.Templated or OnboardingState.Activating;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Work a crash interrupted (the rest of a start, a template deletion, a notification) goes on without a caller.
        if (State.Effects.Count > 0) WakeUpIn(TimeSpan.Zero, keepAlive: true);
        return Task.CompletedTask;
    }

    public async Task<CustomerCommandResult> StartOnboarding(StartOnboardingCommand command)
    {
        if (!AccountIds.IsValid(AccountId))
            throw new ArgumentException($"Customer grain key '{AccountId}' is not a 12-digit account id.");
        var newTopicNeeded = State.State is OnboardingState.None or OnboardingState.Removed
            && (State.TopicArn is null || State.Region != command.Region) && onboardingOptions.Value.AllowedRegions.Contains(command.Region);
        var currentTopic = newTopicNeeded ? await GrainFactory.GetGrain<IRegionTopicsGrain>(command.Region).CurrentTopic() : null;

        var decision = CustomerWorkflow.Start(State, AccountId, command, AttemptSecrets.New(), currentTopic, clock.GetUtcNow(), Workflow);
        if (decision.Reply.Refusal is { } refusal) return CustomerCommandResult.Refused(refusal);
        if (decision.Reply.Created) LogStarted(AccountId, decision.State.Attempt, command.Region);
        // A start answers once the template is out; what failed before that is the caller's error (and retried).
        if (await CommitAsync(decision) is { } failure && State.State == OnboardingState.Pending) throw failure;
        return CustomerCommandResult.Done(State.ToView(), decision.Reply.Created);
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

    public async Task<CustomerCommandResult> RenewLaunchUrl()
    {
        var decision = CustomerWorkflow.RenewLaunchLink(State, AccountId, clock.GetUtcNow(), Workflow);
        if (decision.Reply is { } refusal) return CustomerCommandResult.Refused(refusal);
        await CommitAsync(decision);
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

    public async Task<LaunchLinkAnswer> OpenLaunchLink(string secret)
    {
        var status = LaunchLinkRules.Decide(State, secret, clock.GetUtcNow());
        if (status == LaunchLinkStatus.Ready)
        {
            using var budget = callOptions.Value.StartBudget();
            var (quickCreateUrl, tooLong) = await launchLinks.MintAsync(State, budget.Token);
            if (tooLong is null) return LaunchLinkAnswer.Ready(quickCreateUrl!);
            status = LaunchLinkStatus.CannotLaunch;
            LogLaunchLinkRefused(AccountId, status);
            return LaunchLinkRules.CannotLaunch(tooLong.Length, tooLong.Limit);
        }
        LogLaunchLinkRefused(AccountId, status);
        return LaunchLinkRules.Refusal(status, State);
    }

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

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ScheduleReminderName) return;
        // Known to this activation from now on, so that leaving flight unregisters it.
        _reminder ??= await this.GetReminder(ScheduleReminderName);
        await WakeUpAsync();
    }

    private async Task WakeUpAsync()
    {
        var decision = CustomerWorkflow.Tick(State, clock.GetUtcNow(), Workflow);
        await CommitAsync(decision);
        if (decision.Reply == StalledAction.Reprompt) LogReprompted(AccountId, State.PromptCount);
        else if (decision.Reply == StalledAction.Abandon) LogAbandoned(AccountId);
        else if (decision.Reply == StalledAction.ExpireAnswer) LogAnswerExpired(AccountId);
    }

    /// <summary>
    /// Adopts a decision (written once when it changed anything), then runs the pending effects in order, recording
    /// each outcome and writing them together; the first failure stops the run and is returned, and the timer retries it.
    /// </summary>
    private async Task<Exception?> CommitAsync<TReply>(Decision<TReply> decision)
    {
        using var budget = callOptions.Value.StartBudget();
        if (decision.Write)
        {
            Adopt(decision.State, decision.Transition);
            await SaveAsync(budget.Token);
        }
        Exception? failure = null;
        try
        {
            await SyncReminderAsync();
            while (State.Effects.FirstOrDefault() is { } effect)
            {
                if (effect.NeedsDurableRecord && _unsaved) await SaveAsync(budget.Token);
                var outcome = await runner.RunAsync(State, effect, budget.Token);
                var done = CustomerWorkflow.EffectDone(State, outcome, clock.GetUtcNow(), Workflow);
                Adopt(done.State, done.Transition);
            }
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            LogEffectFailed(exception, AccountId, State.Effects.FirstOrDefault()?.GetType().Name ?? "reminder");
            failure = exception;
        }
        if (_unsaved) await SaveAsync(budget.Token);
        ScheduleWakeUp(failure is not null);
        return failure;
    }

    private void Adopt(CustomerState next, TransitionRecord? transition)
    {
        customer.State = next;
        _unsaved = true;
        if (transition is not null) _unsavedTransitions.Add(transition.Trigger);
    }

    /// <summary>Registers the reminder while in flight, unregisters it once not; idempotent per activation.</summary>
    private async Task SyncReminderAsync()
    {
        var period = stalledOptions.Value.ReminderPeriod;
        if (InFlight && _reminder is null) _reminder = await this.RegisterOrUpdateReminder(ScheduleReminderName, period, period);
        else if (!InFlight && _reminder is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            _reminder = null;
        }
    }

    /// <summary>One timer for the next thing due before the reminder's next tick: a failed effect's retry, a re-prompt, a deadline.</summary>
    private void ScheduleWakeUp(bool retryEffects)
    {
        var now = clock.GetUtcNow();
        var due = CustomerWorkflow.NextDueAt(State, now, Workflow);
        if (retryEffects && (due is null || due > now + onboardingOptions.Value.FollowUpRetryInterval))
            due = now + onboardingOptions.Value.FollowUpRetryInterval;
        _wakeUp?.Dispose();
        _wakeUp = null;
        if (due is { } at && (retryEffects || at - now < stalledOptions.Value.ReminderPeriod))
            WakeUpIn(at - now, keepAlive: retryEffects);
    }

    /// <summary>Kept alive while effects are owed: an Active or Removed customer has no reminder to wake it.</summary>
    private void WakeUpIn(TimeSpan wait, bool keepAlive) =>
        _wakeUp = this.RegisterGrainTimer(_ => WakeUpAsync(),
            new GrainTimerCreationOptions(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan) { KeepAlive = keepAlive });

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
        foreach (var trigger in _unsavedTransitions) metrics.Persisted(trigger);
        _unsavedTransitions.Clear();
    }

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

    [LoggerMessage(LogLevel.Information, "Re-prompted account {AccountId} (prompt {Prompt})")]
    private partial void LogReprompted(string accountId, int prompt);

    [LoggerMessage(LogLevel.Information, "Abandoned the onboarding of account {AccountId}")]
    private partial void LogAbandoned(string accountId);

    [LoggerMessage(LogLevel.Information, "Account {AccountId} was off-boarded by the partner")]
    private partial void LogOffBoarded(string accountId);

    [LoggerMessage(LogLevel.Warning, "Work for account {AccountId} failed ({Effect}); retrying later")]
    private partial void LogEffectFailed(Exception exception, string accountId, string effect);

    [LoggerMessage(LogLevel.Debug, "A launch link of account {AccountId} was refused: {Status}")]
    private partial void LogLaunchLinkRefused(string accountId, LaunchLinkStatus status);
}
