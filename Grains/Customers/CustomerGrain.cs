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
        var answerBy = AnswerDeadline.For(request, clock.GetUtcNow());
        // A redelivery: the recorded answer again, nothing applied twice.
        if (State.HandledRequests.FirstOrDefault(h => h.Matches(request)) is { } handled)
        {
            var awaits = AwaitsAcceptanceOf(request.StackId, request.RequestId);
            return new StackEventOutcome(handled.Answer, Duplicate: true, awaits ? State.AwaitingAcceptance!.AnswerBy : answerBy, awaits);
        }

        var decision = StackEventRules.Decide(AccountId, State, request, templateOptions.Value.CustomResourceType);
        if (decision.SecurityDetail is { } detail)
            LogSecurityEvent(AccountId, request.RequestType, request.StackId, request.RequestId, detail);
        var answer = new CustomResourceAnswer
        {
            Status = decision.Success ? CustomResourceAnswer.Success : CustomResourceAnswer.Failed,
            Reason = decision.Reason,
            PhysicalResourceId = decision.PhysicalResourceId,
            StackId = request.StackId,
            RequestId = request.RequestId,
            LogicalResourceId = request.LogicalResourceId,
        };
        LogDecided(AccountId, request.RequestType, request.RequestId, answer.Status);

        // Nothing changes, so nothing is written: a redelivery decides the same way again.
        if (decision.Effect == StackEventEffect.None) return new StackEventOutcome(answer, Duplicate: false, answerBy, AwaitsAcceptance: false);

        // The effect and its answer in one write, before CloudFormation hears of it.
        ApplyEffect(decision.Effect, request, answerBy);
        Remember(new HandledRequest { StackId = request.StackId, RequestId = request.RequestId, Answer = answer });
        await SaveAsync();
        // An activation's follow-ups wait for CloudFormation to accept the answer (SettleAnswer).
        if (decision.Effect == StackEventEffect.Activate) ScheduleDueTimer();
        else await RunFollowUpsAsync();
        return new StackEventOutcome(answer, Duplicate: false, answerBy, AwaitsAcceptanceOf(request.StackId, request.RequestId));
    }

    public async Task<AnswerSettlement> SettleAnswer(string stackId, string requestId, DateTimeOffset? acceptedAt)
    {
        if (!AwaitsAcceptanceOf(stackId, requestId)) return AnswerSettlement.NothingPending;
        var answerBy = State.AwaitingAcceptance!.AnswerBy;
        if (acceptedAt is { } accepted && accepted <= answerBy)
        {
            await CompleteActivationAsync();
            return AnswerSettlement.Activated;
        }
        if (acceptedAt is null && clock.GetUtcNow() < answerBy) return AnswerSettlement.StillWaiting;
        await ExpireAnswerAsync();
        return AnswerSettlement.Expired;
    }

    private bool AwaitsAcceptanceOf(string stackId, string requestId) =>
        State.State == OnboardingState.Activating && State.AwaitingAcceptance?.IsFor(stackId, requestId) == true;

    /// <summary>CloudFormation has the SUCCESS: only now is the role the partner's to use, and the partner told.</summary>
    private async Task CompleteActivationAsync()
    {
        State.AwaitingAcceptance = null;
        State.RoleUsable = true;
        Apply(OnboardingTrigger.AnswerAccepted, "CloudFormation accepted the answer");
        Notify(PartnerNotificationTypes.CustomerActivated, null);
        await SaveAsync();
        LogActivated(AccountId);
        // Deletes the template, drops the reminder, publishes the notification.
        await RunFollowUpsAsync(recordRequired: false);
    }

    /// <summary>The answer missed CloudFormation's deadline: the stack rolls back, the customer may launch again.</summary>
    private async Task ExpireAnswerAsync()
    {
        State.AwaitingAcceptance = null;
        State.RoleArn = null;
        State.StackId = null;
        State.PhysicalResourceId = null;
        Apply(OnboardingTrigger.AnswerNotAccepted, "CloudFormation did not accept the answer within the stack's ServiceTimeout; the stack rolls back");
        await SaveAsync();
        LogAnswerExpired(AccountId);
        ScheduleDueTimer();
    }

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
        if (State.State == OnboardingState.None)
            return Refuse(RefusalKind.NotFound, $"No onboarding was ever started for account {AccountId}.");
        if (State.State == OnboardingState.Removed)
            return CustomerCommandResult.Done(State.ToView());

        // Kept for audit, never to be assumed again: the customer's stack may still exist until they delete it.
        State.RoleUsable = false;
        // An Activating customer's stack exists too (its answer may still be accepted).
        State.AwaitingStackDelete = State.State is OnboardingState.Active or OnboardingState.Activating;
        State.AwaitingAcceptance = null;
        Apply(OnboardingTrigger.OffBoarded, reason);
        Notify(PartnerNotificationTypes.CustomerRemoved, reason);
        await SaveAsync();
        LogOffBoarded(AccountId);
        await RunFollowUpsAsync(recordRequired: false);
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

    private void ApplyEffect(StackEventEffect effect, CustomResourceRequest request, DateTimeOffset answerBy)
    {
        var roleArn = request.ResourceProperties.GetValueOrDefault(CustomResourceProperties.RoleArn);
        switch (effect)
        {
            case StackEventEffect.Activate:
                State.RoleArn = roleArn;
                State.StackId = request.StackId;
                State.PhysicalResourceId = PhysicalResourceIds.For(AccountId, request.StackId);
                State.AwaitingAcceptance = new AwaitedAnswer(request.StackId, request.RequestId, answerBy);
                Apply(OnboardingTrigger.StackCreated, "stack created the role; answering CloudFormation");
                break;
            case StackEventEffect.UpdateRole:
                var changed = !string.Equals(State.RoleArn, roleArn, StringComparison.Ordinal);
                State.RoleArn = roleArn;
                Apply(OnboardingTrigger.StackUpdated, changed ? "stack updated the role" : "stack updated; role unchanged");
                Notify(PartnerNotificationTypes.CustomerRoleUpdated, null);
                break;
            case StackEventEffect.ReleaseTopic:
                // Already Removed and notified: only the topic policy entry was left for this Delete.
                State.AwaitingStackDelete = false;
                break;
            case StackEventEffect.Remove:
                State.RoleUsable = false;
                Apply(OnboardingTrigger.StackDeleted, "stack deleted the role");
                Notify(PartnerNotificationTypes.CustomerRemoved, "stack deleted");
                break;
        }
    }

    private void Notify(string type, string? reason, Uri? launchUrl = null, int? prompt = null) => State.Outbox.Add(new PartnerNotification
    {
        EventId = Guid.NewGuid().ToString("N"),
        Type = type,
        AccountId = AccountId,
        Reference = State.Reference,
        RoleArn = State.RoleArn,
        StackId = State.StackId,
        Reason = reason,
        OccurredAt = clock.GetUtcNow(),
        LaunchUrl = launchUrl,
        Prompt = prompt,
    });

    private void Remember(HandledRequest record)
    {
        State.HandledRequests.Add(record);
        if (State.HandledRequests.Count > _options.HandledRequestLimit)
            State.HandledRequests.RemoveRange(0, State.HandledRequests.Count - _options.HandledRequestLimit);
    }

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
        var from = State.State;
        var to = OnboardingStateMachine.TryNext(from, trigger)
            ?? throw new InvalidOperationException($"No transition from {from} on {trigger}.");
        var now = clock.GetUtcNow();
        State.State = to;
        State.UpdatedAt = now;
        if (to != from) State.StateSince = now;
        if (to == from && trigger == OnboardingTrigger.Start) return;
        _unsavedTransitions.Add(trigger);
        State.History.Add(new TransitionRecord(now, from, to, trigger, reason));
        if (State.History.Count > _options.HistoryLimit)
            State.History.RemoveRange(0, State.History.Count - _options.HistoryLimit);
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
