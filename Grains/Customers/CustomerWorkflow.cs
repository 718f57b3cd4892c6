using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Grains.Notifications;
using Onboarding.Grains.Templates;
using Onboarding.Identity;
using Onboarding.Organizations;

namespace Onboarding.Grains.Customers;

/// <summary>
/// One decision: the next state (a copy: the input is never changed) with the effects it leaves to do, the
/// transition it recorded, the reply, and whether it must be written before anyone hears of it.
/// </summary>
public sealed record Decision<TReply>(CustomerState State, TransitionRecord? Transition, TReply Reply, bool Write);

/// <summary>The answer to a custom-resource request, and what to log as a security event.</summary>
public sealed record StackRequestReply(StackEventOutcome Outcome, string? SecurityDetail);

/// <summary>A start's outcome: refused, or going on (<paramref name="Created"/>: a new attempt began).</summary>
public sealed record StartReply(CommandRefusal? Refusal, bool Created);

/// <summary>
/// The customer workflow, pure: state, command, time and options in; a <see cref="Decision{TReply}"/> out. Legal moves
/// come from <see cref="OnboardingStateMachine"/>, how a request is answered from <see cref="StackEventRules"/>, what
/// falls due from <see cref="StalledOnboardingRules"/>. Everything else the workflow does is a
/// <see cref="WorkflowEffect"/> in the next state, whose outcome comes back through <see cref="EffectDone"/>.
/// </summary>
public static partial class CustomerWorkflow
{
    /// <summary>
    /// Start, or resume the attempt in flight. <paramref name="currentTopic"/> is the region's topic to join when the
    /// attempt needs one; <paramref name="secrets"/> are used only when a new attempt begins.
    /// </summary>
    public static Decision<StartReply> Start(
        CustomerState state, string accountId, StartOnboardingCommand command, AttemptSecrets secrets, string? currentTopic, DateTimeOffset now, WorkflowOptions options)
    {
        var onboarding = options.Onboarding;
        if (!onboarding.AllowedRegions.Contains(command.Region))
            return Refuse(state, RefusalKind.RegionNotAllowed, $"Region '{command.Region}' is not offered; use one of: {string.Join(", ", onboarding.AllowedRegions)}.");
        if (!OnboardingStateMachine.Allows(state.State, OnboardingTrigger.Start))
            return Refuse(state, RefusalKind.InvalidTransition, $"The account is {state.State}: an onboarding cannot start now.");
        if (state.State is OnboardingState.None or OnboardingState.Removed)
            return BeginAttempt(state, accountId, command, secrets, currentTopic, now, options);
        if (!string.Equals(state.Region, command.Region, StringComparison.Ordinal))
            return Refuse(state, RefusalKind.RegionMismatch, $"The onboarding in flight was started for region {state.Region}; finish or remove it before using {command.Region}.");
        if (!string.IsNullOrEmpty(command.Reference) && !string.Equals(state.Reference, command.Reference, StringComparison.Ordinal))
        {
            // Handing the same onboarding to a second caller would report its activation under the first one's reference.
            return Refuse(state, RefusalKind.ReferenceConflict, state.Reference is null
                ? $"The onboarding in flight for account {accountId} was started without a reference; finish or remove it before starting it as '{command.Reference}'."
                : $"The onboarding in flight for account {accountId} was started under reference '{state.Reference}', not '{command.Reference}'.");
        }

        // A resume: a Pending attempt finishes its effects; a Templated one gets a launch link that still works for a while.
        if (state.State != OnboardingState.Templated || !state.LaunchLinkNeededBy(now + onboarding.LaunchUrlRenewBefore))
            return new(state, null, new(null, Created: false), Write: false);
        var renewed = state.Copy();
        IssueLaunchLink(renewed, now, onboarding);
        return new(renewed, null, new(null, Created: false), Write: true);
    }

    /// <summary>
    /// The partner (or an operator) asks for the launch link again: it works for a full lifetime from now, and the
    /// history records it with <paramref name="reason"/> (who asked, and where).
    /// </summary>
    public static Decision<CommandRefusal?> RenewLaunchLink(CustomerState state, string accountId, string reason, DateTimeOffset now, WorkflowOptions options)
    {
        if (state.State != OnboardingState.Templated)
            return new(state, null, state.State == OnboardingState.None
                ? new CommandRefusal(RefusalKind.NotFound, state.State, $"No onboarding was ever started for account {accountId}.")
                : new CommandRefusal(RefusalKind.InvalidTransition, state.State, $"The account is {state.State}: only a Templated onboarding has a launch URL."), Write: false);
        var next = state.Copy();
        IssueLaunchLink(next, now, options.Onboarding);
        var transition = Move(next, OnboardingTrigger.LinkRenewed, reason, now, options.Onboarding);
        return new(next, transition, null, Write: true);
    }

    /// <summary>
    /// A custom-resource request. A (StackId, RequestId) already answered gets the recorded answer and changes
    /// nothing: the rules alone would answer differently once the state moved (a Create redelivered while
    /// Activating or after the stack's Delete), and would apply an Update twice. A request that brings a role (a
    /// Create, an Update that changes it) is decided only with that role's <paramref name="verification"/>: without
    /// one, the reply asks for it and nothing changes.
    /// </summary>
    public static Decision<StackRequestReply> StackRequest(
        CustomerState state, string accountId, CustomResourceRequest request, RoleVerification? verification, DateTimeOffset now, WorkflowOptions options)
    {
        var answerBy = AnswerDeadline.For(request, now);
        if (state.HandledRequests.FirstOrDefault(h => h.Matches(request)) is { } handled)
        {
            var awaits = AwaitsAcceptanceOf(state, request.StackId, request.RequestId);
            var recorded = new StackEventOutcome(handled.Answer, Duplicate: true, awaits ? state.AwaitingAcceptance!.AnswerBy : answerBy, awaits);
            return new(state, null, new(recorded, null), Write: false);
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
            return new(state, null, new(new(answer, Duplicate: false, answerBy, AwaitsAcceptance: false), rules.SecurityDetail), Write: false);

        var roleArn = request.ResourceProperties.GetValueOrDefault(CustomResourceProperties.RoleArn);
        // An Update keeps the role (the rules refuse one that replaces it); one that moves the stack to another template
        // version is proven again, as the new template may have changed what the role is.
        var bringsRole = rules.Effect == StackEventEffect.Activate
            || rules.Effect == StackEventEffect.UpdateRole && !string.Equals(state.TemplateVersion, ReportedVersion(request), StringComparison.Ordinal);
        if (bringsRole && verification is null)
        {
            var toVerify = new RoleToVerify(roleArn!, state.ExternalId, accountId);
            var unverified = answer with { Status = CustomResourceAnswer.Failed, Reason = "the role could not be verified; try again" };
            return new(state, null, new(new(unverified, Duplicate: false, answerBy, AwaitsAcceptance: false, toVerify), null), Write: false);
        }

        var next = state.Copy();
        TransitionRecord? transition;
        if (bringsRole && !verification!.IsVerified)
        {
            // The stack rolls back; the customer may fix the role and launch (or update) again. Why is in the history and the answer.
            answer = answer with { Status = CustomResourceAnswer.Failed, Reason = verification.Reason };
            if (next.State != OnboardingState.Active) next.RoleCheck = verification;
            transition = Move(next, OnboardingTrigger.RoleRejected, $"role verification: {verification.Outcome}", now, options.Onboarding);
        }
        else
        {
            if (bringsRole)
            {
                (next.RoleCheck, next.RoleVerifiedAt, next.RoleHealthSince) = (verification, verification!.CheckedAt, verification.CheckedAt);
                if (verification.NegativeChecks) next.NegativeChecksAt = verification.CheckedAt;
            }
            transition = ApplyStackEffect(next, accountId, rules.Effect, request, answerBy, now, options);
        }
        next.HandledRequests.Add(new HandledRequest { StackId = request.StackId, RequestId = request.RequestId, Answer = answer });
        if (next.HandledRequests.Count > options.Onboarding.HandledRequestLimit)
            next.HandledRequests.RemoveRange(0, next.HandledRequests.Count - options.Onboarding.HandledRequestLimit);
        var outcome = new StackEventOutcome(answer, Duplicate: false, answerBy, AwaitsAcceptanceOf(next, request.StackId, request.RequestId));
        return new(next, transition, new(outcome, rules.SecurityDetail), Write: true);
    }

    /// <summary>What the poller learnt about an Activating customer's answer: accepted in time, not yet, or too late.</summary>
    public static Decision<AnswerSettlement> SettleAnswer(
        CustomerState state, string stackId, string requestId, DateTimeOffset? acceptedAt, DateTimeOffset now, WorkflowOptions options)
    {
        if (!AwaitsAcceptanceOf(state, stackId, requestId))
            return new(state, null, AnswerSettlement.NothingPending, Write: false);
        var answerBy = state.AwaitingAcceptance!.AnswerBy;
        if (acceptedAt is { } accepted && accepted <= answerBy)
        {
            // CloudFormation has the SUCCESS: only now is the role the partner's to use, its template used up, the partner told.
            var next = state.Copy();
            next.AwaitingAcceptance = null;
            next.RoleUsable = true;
            var transition = Move(next, OnboardingTrigger.AnswerAccepted, "CloudFormation accepted the answer", now, options.Onboarding);
            EnqueueRelease(next);
            Notify(next, PartnerNotificationTypes.CustomerActivated, null, now);
            return new(next, transition, AnswerSettlement.Activated, Write: true);
        }
        if (acceptedAt is null && now < answerBy)
            return new(state, null, AnswerSettlement.StillWaiting, Write: false);
        var (expired, notAccepted) = ExpireAnswer(state, now, options);
        return new(expired, notAccepted, AnswerSettlement.Expired, Write: true);
    }

    /// <summary>The partner ends the customer's onboarding; a Removed customer is left as it is.</summary>
    public static Decision<CommandRefusal?> OffBoard(CustomerState state, string accountId, string reason, DateTimeOffset now, WorkflowOptions options)
    {
        if (state.State == OnboardingState.None)
            return new(state, null, new CommandRefusal(RefusalKind.NotFound, state.State, $"No onboarding was ever started for account {accountId}."), Write: false);
        if (state.State == OnboardingState.Removed)
            return new(state, null, null, Write: false);

        var next = state.Copy();
        // Kept for audit, never to be assumed again: the customer's stack may still exist until they delete it.
        next.RoleUsable = false;
        // An Activating customer's stack exists too (its answer may still be accepted).
        next.AwaitingStackDelete = state.State is OnboardingState.Active or OnboardingState.Activating;
        next.AwaitingAcceptance = null;
        var transition = Move(next, OnboardingTrigger.OffBoarded, reason, now, options.Onboarding);
        EnqueueRelease(next);
        Notify(next, PartnerNotificationTypes.CustomerRemoved, reason, now);
        return new(next, transition, null, Write: true);
    }

    /// <summary>A schedule tick (the reminder, or the timer set for the next due moment): does what fell due, once.</summary>
    public static Decision<StalledAction> Tick(CustomerState state, DateTimeOffset now, WorkflowOptions options)
    {
        var due = StalledOnboardingRules.Decide(state, options.Stalled, now).Action;
        var (next, transition) = due switch
        {
            StalledAction.Reprompt => Reprompt(state, now, options),
            StalledAction.Abandon => Abandon(state, now, options),
            // The poller that held the answer is gone, or never reported back.
            StalledAction.ExpireAnswer => ExpireAnswer(state, now, options),
            // Stop, Wait, and ResumePending (the attempt's own effects finish it).
            _ => (state, null),
        };
        return new(next, transition, due, Write: !ReferenceEquals(next, state));
    }

    /// <summary>The next moment a <see cref="Tick"/> would do something, or null when nothing is scheduled.</summary>
    public static DateTimeOffset? NextDueAt(CustomerState state, DateTimeOffset now, WorkflowOptions options) =>
        StalledOnboardingRules.Decide(state, options.Stalled, now) switch
        {
            { Action: StalledAction.Wait or StalledAction.ResumePending, NextDueAt: var at } => at,
            { Action: StalledAction.Stop } => null,
            _ => now,
        };

    /// <summary>An effect was done: record what it changed, and drop it from the pending ones.</summary>
    public static Decision<bool> EffectDone(CustomerState state, EffectOutcome outcome, DateTimeOffset now, WorkflowOptions options)
    {
        var next = state.Copy();
        if (!next.Effects.Remove(outcome.Effect)) return new(state, null, false, Write: false);
        // The counters know the count's sequence: a repeat before the next write is harmless, so it forces none.
        if (outcome.Effect is CountCustomer)
        {
            next.Counted = outcome.Counted;
            return new(next, null, true, Write: false);
        }
        TransitionRecord? transition = null;
        switch (outcome.Effect)
        {
            case JoinTopic { Rollover: var rollover } when outcome.NextTopicArn is { } nextTopic:
                // The full topic's policy never got the account; the next one is recorded before it is tried.
                next.TopicArn = nextTopic;
                next.MayBeOnTopic = true;
                next.Effects.Insert(0, new JoinTopic(nextTopic, rollover + 1));
                break;
            case JoinTopic { TopicArn: var topic } when topic == next.TopicArn:
                next.Whitelisted = true;
                break;
            case PublishTemplate when next.State == OnboardingState.Pending:
                IssueLaunchLink(next, now, options.Onboarding);
                transition = Move(next, OnboardingTrigger.TemplatePublished, "template uploaded; launch URL issued", now, options.Onboarding);
                break;
            case DeleteTemplate { TemplateKey: var key } when key == next.TemplateKey:
                next.TemplateKey = null;
                break;
            case LeaveTopic { TopicArn: var topic } when topic == next.TopicArn && !next.Effects.Any(e => e is JoinTopic):
                next.Whitelisted = next.MayBeOnTopic = false;
                break;
            case NotifyPartner { Notification: var sent }:
                // Rides on the write that records the effect done: remembering it costs no write of its own.
                next.SentNotifications.Add(new SentNotification(sent.Type, sent.EventId, sent.OccurredAt, now));
                if (next.SentNotifications.Count > options.Onboarding.SentNotificationLimit)
                    next.SentNotifications.RemoveRange(0, next.SentNotifications.Count - options.Onboarding.SentNotificationLimit);
                break;
        }
        return new(next, transition, true, Write: true);
    }

    /// <summary>The periodic check an Active customer's role is due for now, or null: counted from its last check.</summary>
    public static RoleToVerify? RoleCheckDue(CustomerState state, DateTimeOffset now, WorkflowOptions options)
    {
        if (state is not { State: OnboardingState.Active, RoleArn: { } roleArn }) return null;
        var last = state.RoleCheck?.CheckedAt ?? state.RoleVerifiedAt ?? state.StateSince;
        if (now < last + options.Checks.Every) return null;
        // The negative checks each leave an AccessDenied in the customer's CloudTrail: on their own, rarer cadence.
        var negative = state.NegativeChecksAt is not { } at || now >= at + options.Checks.NegativeEvery;
        return new RoleToVerify(roleArn, state.ExternalId, state.AccountId, negative ? RoleVerificationMode.RecheckWithNegativeChecks : RoleVerificationMode.Recheck);
    }

    /// <summary>
    /// A periodic check's result. A change of health is a recorded move, notified once: degraded (the role is gone or
    /// its trust no longer matches the template) or recovered. A check of a role the customer no longer has changes nothing.
    /// </summary>
    public static Decision<RoleHealth> RoleChecked(CustomerState state, string roleArn, RoleVerification check, DateTimeOffset now, WorkflowOptions options)
    {
        if (state.State != OnboardingState.Active || !string.Equals(state.RoleArn, roleArn, StringComparison.Ordinal))
            return new(state, null, state.Health, Write: false);
        var before = state.Health;
        var next = state.Copy();
        next.RoleCheck = check;
        if (check.IsVerified) next.RoleVerifiedAt = check.CheckedAt;
        if (check.NegativeChecks) next.NegativeChecksAt = check.CheckedAt;
        next.UpdatedAt = now;
        var after = next.Health;
        TransitionRecord? transition = null;
        if (after == RoleHealth.Degraded && before != RoleHealth.Degraded)
        {
            next.RoleHealthSince = now;
            transition = Move(next, OnboardingTrigger.RoleDegraded, $"role check: {check.Outcome}", now, options.Onboarding);
            Notify(next, PartnerNotificationTypes.CustomerRoleDegraded, check.Reason, now);
        }
        else if (after == RoleHealth.Healthy && before == RoleHealth.Degraded)
        {
            next.RoleHealthSince = now;
            transition = Move(next, OnboardingTrigger.RoleRecovered, "role check: Verified", now, options.Onboarding);
            Notify(next, PartnerNotificationTypes.CustomerRoleRecovered, null, now);
        }
        return new(next, transition, after, Write: true);
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

    private static Decision<StartReply> BeginAttempt(
        CustomerState state, string accountId, StartOnboardingCommand command, AttemptSecrets secrets, string? currentTopic, DateTimeOffset now, WorkflowOptions options,
        OrganizationAttempt? organization = null)
    {
        var next = state.Copy();
        if (next.State == OnboardingState.None)
        {
            next.AccountId = accountId;
            next.CreatedAt = now;
        }
        // ServiceToken must be in the stack's region: another region needs another topic. A topic is for life otherwise.
        // An organization's accounts all publish to the topic its one template names.
        var topic = organization?.TopicArn
            ?? (string.Equals(next.Region, command.Region, StringComparison.Ordinal) ? next.TopicArn ?? currentTopic : currentTopic);
        next.Attempt++;
        next.StartedAt = now;
        next.PromptCount = 0;
        next.LastPromptAt = null;
        next.ExternalId = organization?.ExternalId ?? secrets.ExternalId;
        next.OnboardingToken = organization?.OrganizationToken ?? secrets.OnboardingToken;
        next.Organization = organization?.Organization;
        next.CustomerLinkSecret = secrets.CustomerLinkSecret;
        next.Region = command.Region;
        next.Reference = command.Reference;
        next.TopicArn = topic ?? throw new ArgumentNullException(nameof(currentTopic), "A new attempt needs the region's current topic.");
        // Stored before the policy changes, so removal can always find the entry.
        next.MayBeOnTopic = true;
        next.Whitelisted = false;
        next.AwaitingStackDelete = false;
        next.LaunchUrl = null;
        next.LaunchUrlExpiresAt = null;
        next.RoleArn = null;
        next.StackId = null;
        next.PhysicalResourceId = null;
        next.RoleCheck = null;
        next.RoleVerifiedAt = null;
        next.TemplateVersion = next.OfferedVersion = null;
        // The new attempt needs this topic's entry: a removal still owed from the last one would take it away.
        next.Effects.RemoveAll(e => e is LeaveTopic leave && leave.TopicArn == topic);
        next.TemplateKey = $"{options.Onboarding.TemplateKeyPrefix}{accountId}/{secrets.TemplateKeySuffix}.json";
        Enqueue(next, new JoinTopic(topic, Rollover: 0));
        Enqueue(next, new PublishTemplate(next.TemplateKey));
        var transition = Move(next, OnboardingTrigger.Start, next.Attempt == 1 ? "onboarding started" : $"onboarding restarted (attempt {next.Attempt})", now, options.Onboarding);
        return new(next, transition, new(null, Created: true), Write: true);
    }

    private static (CustomerState, TransitionRecord?) Reprompt(CustomerState state, DateTimeOffset now, WorkflowOptions options)
    {
        var next = state.Copy();
        next.PromptCount++;
        next.LastPromptAt = now;
        // The link in the prompt must still work when the customer reads it, up to the next prompt.
        var nextDue = StalledOnboardingRules.NextRepromptAt(next, options.Stalled) ?? next.StartedAt + options.Stalled.AbandonAfter;
        if (next.LaunchLinkNeededBy(nextDue)) IssueLaunchLink(next, now, options.Onboarding);
        var transition = Move(next, OnboardingTrigger.Reprompted, $"re-prompt {next.PromptCount} of {options.Stalled.MaxReprompts}", now, options.Onboarding);
        Notify(next, PartnerNotificationTypes.OnboardingStalled, $"no stack since {next.StateSince:u}", now, next.LaunchUrl, next.PromptCount);
        return (next, transition);
    }

    private static (CustomerState, TransitionRecord?) Abandon(CustomerState state, DateTimeOffset now, WorkflowOptions options)
    {
        var next = state.Copy();
        var transition = Move(next, OnboardingTrigger.Abandoned, "Abandoned: no stack was created in time", now, options.Onboarding);
        EnqueueRelease(next);
        Notify(next, PartnerNotificationTypes.OnboardingAbandoned, $"no stack within {options.Stalled.AbandonAfter}", now);
        EndOrganizationOf(next, "the organization's management template was never launched");
        return (next, transition);
    }

    /// <summary>The answer missed CloudFormation's deadline: the stack rolls back, the customer may launch again.</summary>
    private static (CustomerState, TransitionRecord?) ExpireAnswer(CustomerState state, DateTimeOffset now, WorkflowOptions options)
    {
        var next = state.Copy();
        next.AwaitingAcceptance = null;
        next.RoleArn = null;
        next.StackId = null;
        next.PhysicalResourceId = null;
        next.RoleVerifiedAt = null;
        var transition = Move(next, OnboardingTrigger.AnswerNotAccepted,
            "CloudFormation did not accept the answer within the stack's ServiceTimeout; the stack rolls back", now, options.Onboarding);
        return (next, transition);
    }

    private static TransitionRecord? ApplyStackEffect(
        CustomerState state, string accountId, StackEventEffect effect, CustomResourceRequest request, DateTimeOffset answerBy, DateTimeOffset now, WorkflowOptions workflow)
    {
        var options = workflow.Onboarding;
        var roleArn = request.ResourceProperties.GetValueOrDefault(CustomResourceProperties.RoleArn);
        switch (effect)
        {
            case StackEventEffect.Activate:
                // Nothing else yet: what an activation does waits for CloudFormation to accept the answer (SettleAnswer).
                state.RoleArn = roleArn;
                state.StackId = request.StackId;
                state.PhysicalResourceId = PhysicalResourceIds.For(accountId, request.StackId);
                RecordRunningVersion(state, request, workflow.TemplateVersion);
                state.AwaitingAcceptance = new AwaitedAnswer(request.StackId, request.RequestId, answerBy);
                return Move(state, OnboardingTrigger.StackCreated, "stack created the role; answering CloudFormation", now, options);
            case StackEventEffect.UpdateRole:
                var before = state.TemplateVersion;
                RecordRunningVersion(state, request, workflow.TemplateVersion);
                var updated = Move(state, OnboardingTrigger.StackUpdated, string.Equals(before, state.TemplateVersion, StringComparison.Ordinal)
                    ? "stack updated; role unchanged" : $"stack updated to template {state.TemplateVersion ?? "(no version)"}; role verified again", now, options);
                Notify(state, PartnerNotificationTypes.CustomerRoleUpdated, null, now);
                return updated;
            case StackEventEffect.ReleaseTopic:
                // Already Removed and notified: only the topic policy entry was left for this Delete.
                state.AwaitingStackDelete = false;
                EnqueueRelease(state);
                return null;
            case StackEventEffect.Remove:
                state.RoleUsable = false;
                var removed = Move(state, OnboardingTrigger.StackDeleted, "stack deleted the role", now, options);
                EnqueueRelease(state);
                Notify(state, PartnerNotificationTypes.CustomerRemoved, "stack deleted", now);
                // The management stack carried the StackSet: its deletion ends the whole organization onboarding.
                EndOrganizationOf(state, "the organization's management stack was deleted");
                return removed;
            default:
                return null;
        }
    }

    /// <summary>
    /// What an attempt holds and no longer needs: its template once the stack exists or the attempt ended, and its
    /// topic entry once Removed with no stack Delete left to deliver through the topic.
    /// </summary>
    private static void EnqueueRelease(CustomerState state)
    {
        // An attempt that ended before its template was out (abandoned or off-boarded while Pending) needs neither step.
        if (state.State == OnboardingState.Removed) state.Effects.RemoveAll(e => e is JoinTopic or PublishTemplate);
        if (state.TemplateKey is { } key) Enqueue(state, new DeleteTemplate(key));
        if (state is { State: OnboardingState.Removed, AwaitingStackDelete: false, TopicArn: { } topic } && (state.Whitelisted || state.MayBeOnTopic))
            Enqueue(state, new LeaveTopic(topic));
    }

    /// <summary>
    /// A management account's customer Removed by its stack or its template's neglect ends its organization onboarding.
    /// (Not when the partner or the organization off-boards it: the organization decides that itself, and is then the caller.)
    /// </summary>
    private static void EndOrganizationOf(CustomerState state, string reason)
    {
        if (state.Organization is { } organization && organization.IsManagementAccount(state.AccountId))
            Enqueue(state, new EndOrganization(organization.OrganizationId, reason));
    }

    /// <summary>Adds a partner notification (written with the move that caused it).</summary>
    private static void Notify(CustomerState state, string type, string? reason, DateTimeOffset now, Uri? launchUrl = null, int? prompt = null, Uri? updateUrl = null) =>
        state.Effects.Add(new NotifyPartner(new PartnerNotification
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
            PageUrl = (launchUrl ?? updateUrl) is { } link ? CustomerLinkRoutes.PageOf(link) : null,
            Prompt = prompt,
            RoleVerifiedAt = state.RoleVerifiedAt,
            UpdateUrl = updateUrl,
            TemplateVersion = updateUrl is null ? null : state.TemplateVersion,
            OfferedVersion = updateUrl is null ? null : state.OfferedVersion,
            OrganizationId = state.Organization?.OrganizationId,
        }));

    private static void Enqueue(CustomerState state, WorkflowEffect effect)
    {
        if (!state.Effects.Contains(effect)) state.Effects.Add(effect);
    }

    /// <summary>The attempt's launch link (the same for the whole attempt), working for a full lifetime from now.</summary>
    private static void IssueLaunchLink(CustomerState state, DateTimeOffset now, OnboardingOptions options)
    {
        state.LaunchUrl = CustomerLinkRoutes.Launch(options.PublicBaseUrl!, CustomerLinkToken.Format(state.AccountId, state.CustomerLinkSecret!));
        state.LaunchUrlExpiresAt = now + options.LaunchUrlLifetime;
        state.UpdatedAt = now;
    }

    private static Decision<StartReply> Refuse(CustomerState state, RefusalKind kind, string message) =>
        new(state, null, new(new CommandRefusal(kind, state.State, message), Created: false), Write: false);

    private static bool AwaitsAcceptanceOf(CustomerState state, string stackId, string requestId) =>
        state.State == OnboardingState.Activating && state.AwaitingAcceptance?.IsFor(stackId, requestId) == true;
}

/// <summary>The options a decision reads.</summary>
/// <param name="TemplateVersion">The version of the template the settings render now (<see cref="RoleTemplateVersion"/>); null: not compared.</param>
public sealed record WorkflowOptions(
    OnboardingOptions Onboarding, StalledOnboardingOptions Stalled, string CustomResourceType, RoleCheckSchedule? RoleChecks = null, string? TemplateVersion = null)
{
    public RoleCheckSchedule Checks => RoleChecks ?? RoleCheckSchedule.Default;
}

/// <summary>
/// How often an Active customer's role is checked again, how often with the negative checks too, how often the sweep
/// does a step, and how many AssumeRole calls a second the checks may make.
/// </summary>
public sealed record RoleCheckSchedule(TimeSpan Every, TimeSpan NegativeEvery, TimeSpan Tick, double MaxAssumeRolePerSecond)
{
    public static RoleCheckSchedule Default { get; } = new(TimeSpan.FromHours(24), TimeSpan.FromDays(7), TimeSpan.FromMinutes(1), 10);
}
