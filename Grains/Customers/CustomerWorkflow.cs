using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Grains.Notifications;
using Onboarding.Grains.Templates;

namespace Onboarding.Grains.Customers;

/// <summary>What the grain does once a decision is durable (or, with <see cref="Decision{TReply}.Write"/> false, at once).</summary>
public enum AfterDecision
{
    Nothing,
    /// <summary>Delete the used template, leave the topic, publish the notifications (<see cref="CustomerState.HasFollowUps"/>).</summary>
    RunFollowUps,
    /// <summary>Time the next due moment (an answer's deadline, a re-prompt, the abandonment).</summary>
    ScheduleDueTimer,
}

/// <summary>
/// One decision: the next state (a copy: the input is never changed), the transition it recorded, the
/// reply, and whether it must be written before anyone hears of it. Notifications are data in the next
/// state's outbox, so they are persisted in the same write as the move that caused them.
/// </summary>
public sealed record Decision<TReply>(CustomerState State, TransitionRecord? Transition, TReply Reply, bool Write, AfterDecision After);

/// <summary>The answer to a custom-resource request, and what to log as a security event.</summary>
public sealed record StackRequestReply(StackEventOutcome Outcome, string? SecurityDetail);

/// <summary>
/// The customer workflow's decisions, pure: state, command, time and options in; a <see cref="Decision{TReply}"/>
/// out. Legal moves come from <see cref="OnboardingStateMachine"/>; how a request is answered from
/// <see cref="StackEventRules"/>.
/// </summary>
public static class CustomerWorkflow
{
    /// <summary>
    /// A custom-resource request. A (StackId, RequestId) already answered gets the recorded answer and changes
    /// nothing: the rules alone would answer differently once the state moved (a Create redelivered while
    /// Activating or after the stack's Delete), and would apply an Update twice.
    /// </summary>
    public static Decision<StackRequestReply> StackRequest(
        CustomerState state, string accountId, CustomResourceRequest request, DateTimeOffset now, WorkflowOptions options)
    {
        var answerBy = AnswerDeadline.For(request, now);
        if (state.HandledRequests.FirstOrDefault(h => h.Matches(request)) is { } handled)
        {
            var awaits = AwaitsAcceptanceOf(state, request.StackId, request.RequestId);
            var recorded = new StackEventOutcome(handled.Answer, Duplicate: true, awaits ? state.AwaitingAcceptance!.AnswerBy : answerBy, awaits);
            return new(state, null, new(recorded, null), Write: false, AfterDecision.Nothing);
        }

        var rules = StackEventRules.Decide(accountId, state, request, options.CustomResourceType);
        var answer = new CustomResourceAnswer
        {
            Status = rules.Success ? CustomResourceAnswer.Success : CustomResourceAnswer.Failed,
            Reason = rules.Reason,
            PhysicalResourceId = rules.PhysicalResourceId,
            StackId = request.StackId,
            RequestId = request.RequestId,
            LogicalResourceId = request.LogicalResourceId,
        };
        // Nothing changes, so nothing is written: a redelivery decides the same way again.
        if (rules.Effect == StackEventEffect.None)
            return new(state, null, new(new(answer, Duplicate: false, answerBy, AwaitsAcceptance: false), rules.SecurityDetail), Write: false, AfterDecision.Nothing);

        var next = state.Copy();
        var transition = ApplyEffect(next, accountId, rules.Effect, request, answerBy, now, options.Onboarding);
        next.HandledRequests.Add(new HandledRequest { StackId = request.StackId, RequestId = request.RequestId, Answer = answer });
        if (next.HandledRequests.Count > options.Onboarding.HandledRequestLimit)
            next.HandledRequests.RemoveRange(0, next.HandledRequests.Count - options.Onboarding.HandledRequestLimit);
        var outcome = new StackEventOutcome(answer, Duplicate: false, answerBy, AwaitsAcceptanceOf(next, request.StackId, request.RequestId));
        // An activation's follow-ups wait for CloudFormation to accept the answer (SettleAnswer).
        var after = rules.Effect == StackEventEffect.Activate ? AfterDecision.ScheduleDueTimer : AfterDecision.RunFollowUps;
        return new(next, transition, new(outcome, rules.SecurityDetail), Write: true, after);
    }

    /// <summary>What the poller learnt about an Activating customer's answer: accepted in time, not yet, or too late.</summary>
    public static Decision<AnswerSettlement> SettleAnswer(
        CustomerState state, string stackId, string requestId, DateTimeOffset? acceptedAt, DateTimeOffset now, WorkflowOptions options)
    {
        if (!AwaitsAcceptanceOf(state, stackId, requestId))
            return new(state, null, AnswerSettlement.NothingPending, Write: false, AfterDecision.Nothing);
        var answerBy = state.AwaitingAcceptance!.AnswerBy;
        if (acceptedAt is { } accepted && accepted <= answerBy)
        {
            // CloudFormation has the SUCCESS: only now is the role the partner's to use, and the partner told.
            var next = state.Copy();
            next.AwaitingAcceptance = null;
            next.RoleUsable = true;
            var transition = Move(next, OnboardingTrigger.AnswerAccepted, "CloudFormation accepted the answer", now, options.Onboarding);
            Notify(next, PartnerNotificationTypes.CustomerActivated, null, now);
            return new(next, transition, AnswerSettlement.Activated, Write: true, AfterDecision.RunFollowUps);
        }
        if (acceptedAt is null && now < answerBy)
            return new(state, null, AnswerSettlement.StillWaiting, Write: false, AfterDecision.Nothing);
        var expired = ExpireAnswer(state, now, options);
        return expired with { Reply = AnswerSettlement.Expired };
    }

    /// <summary>The answer missed CloudFormation's deadline: the stack rolls back, the customer may launch again.</summary>
    public static Decision<AnswerSettlement> ExpireAnswer(CustomerState state, DateTimeOffset now, WorkflowOptions options)
    {
        var next = state.Copy();
        next.AwaitingAcceptance = null;
        next.RoleArn = null;
        next.StackId = null;
        next.PhysicalResourceId = null;
        var transition = Move(next, OnboardingTrigger.AnswerNotAccepted,
            "CloudFormation did not accept the answer within the stack's ServiceTimeout; the stack rolls back", now, options.Onboarding);
        return new(next, transition, AnswerSettlement.Expired, Write: true, AfterDecision.ScheduleDueTimer);
    }

    /// <summary>The partner ends the customer's onboarding; a Removed customer is left as it is.</summary>
    public static Decision<CommandRefusal?> OffBoard(CustomerState state, string accountId, string reason, DateTimeOffset now, WorkflowOptions options)
    {
        if (state.State == OnboardingState.None)
            return new(state, null, new CommandRefusal(RefusalKind.NotFound, state.State, $"No onboarding was ever started for account {accountId}."), Write: false, AfterDecision.Nothing);
        if (state.State == OnboardingState.Removed)
            return new(state, null, null, Write: false, AfterDecision.Nothing);

        var next = state.Copy();
        // Kept for audit, never to be assumed again: the customer's stack may still exist until they delete it.
        next.RoleUsable = false;
        // An Activating customer's stack exists too (its answer may still be accepted).
        next.AwaitingStackDelete = state.State is OnboardingState.Active or OnboardingState.Activating;
        next.AwaitingAcceptance = null;
        var transition = Move(next, OnboardingTrigger.OffBoarded, reason, now, options.Onboarding);
        Notify(next, PartnerNotificationTypes.CustomerRemoved, reason, now);
        return new(next, transition, null, Write: true, AfterDecision.RunFollowUps);
    }

    /// <summary>
    /// Moves <paramref name="state"/> as the table allows (throws otherwise) and records why. Returns the
    /// history entry, or null for the one silent row: Start on an onboarding in flight (a resume).
    /// </summary>
    public static TransitionRecord? Move(CustomerState state, OnboardingTrigger trigger, string reason, DateTimeOffset now, OnboardingOptions options)
    {
        var from = state.State;
        var to = OnboardingStateMachine.TryNext(from, trigger)
            ?? throw new InvalidOperationException($"No transition from {from} on {trigger}.");
        state.State = to;
        state.UpdatedAt = now;
        if (to != from) state.StateSince = now;
        if (to == from && trigger == OnboardingTrigger.Start) return null;
        var record = new TransitionRecord(now, from, to, trigger, reason);
        state.History.Add(record);
        if (state.History.Count > options.HistoryLimit)
            state.History.RemoveRange(0, state.History.Count - options.HistoryLimit);
        return record;
    }

    /// <summary>Adds a partner notification to the outbox (written with the move that caused it).</summary>
    public static void Notify(CustomerState state, string type, string? reason, DateTimeOffset now, Uri? launchUrl = null, int? prompt = null) =>
        state.Outbox.Add(new PartnerNotification
        {
            EventId = Guid.NewGuid().ToString("N"),
            Type = type,
            AccountId = state.AccountId,
            Reference = state.Reference,
            RoleArn = state.RoleArn,
            StackId = state.StackId,
            Reason = reason,
            OccurredAt = now,
            LaunchUrl = launchUrl,
            Prompt = prompt,
        });

    private static bool AwaitsAcceptanceOf(CustomerState state, string stackId, string requestId) =>
        state.State == OnboardingState.Activating && state.AwaitingAcceptance?.IsFor(stackId, requestId) == true;

    private static TransitionRecord? ApplyEffect(
        CustomerState state, string accountId, StackEventEffect effect, CustomResourceRequest request, DateTimeOffset answerBy, DateTimeOffset now, OnboardingOptions options)
    {
        var roleArn = request.ResourceProperties.GetValueOrDefault(CustomResourceProperties.RoleArn);
        switch (effect)
        {
            case StackEventEffect.Activate:
                state.RoleArn = roleArn;
                state.StackId = request.StackId;
                state.PhysicalResourceId = PhysicalResourceIds.For(accountId, request.StackId);
                state.AwaitingAcceptance = new AwaitedAnswer(request.StackId, request.RequestId, answerBy);
                return Move(state, OnboardingTrigger.StackCreated, "stack created the role; answering CloudFormation", now, options);
            case StackEventEffect.UpdateRole:
                var changed = !string.Equals(state.RoleArn, roleArn, StringComparison.Ordinal);
                state.RoleArn = roleArn;
                var updated = Move(state, OnboardingTrigger.StackUpdated, changed ? "stack updated the role" : "stack updated; role unchanged", now, options);
                Notify(state, PartnerNotificationTypes.CustomerRoleUpdated, null, now);
                return updated;
            case StackEventEffect.ReleaseTopic:
                // Already Removed and notified: only the topic policy entry was left for this Delete.
                state.AwaitingStackDelete = false;
                return null;
            case StackEventEffect.Remove:
                state.RoleUsable = false;
                var removed = Move(state, OnboardingTrigger.StackDeleted, "stack deleted the role", now, options);
                Notify(state, PartnerNotificationTypes.CustomerRemoved, "stack deleted", now);
                return removed;
            default:
                return null;
        }
    }
}

/// <summary>The options a decision reads.</summary>
public sealed record WorkflowOptions(OnboardingOptions Onboarding, StalledOnboardingOptions Stalled, string CustomResourceType);
