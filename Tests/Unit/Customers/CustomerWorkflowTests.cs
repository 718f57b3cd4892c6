using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Events;
using Onboarding.Grains.Notifications;
using Onboarding.Identity;
using Onboarding.Tests.Unit.Events;
using static Onboarding.Customers.OnboardingState;
using static Onboarding.Customers.OnboardingTrigger;

namespace Onboarding.Tests.Unit.Customers;

/// <summary>
/// The customer workflow's decisions as tables: every (state, command) pair and what it must lead to.
/// No stand-ins: the decider is pure.
/// </summary>
public sealed class CustomerWorkflowTests
{
    internal static readonly RoleVerification Verified = new(RoleVerificationOutcome.Verified, "verified", new(2026, 11, 25, 10, 0, 58, TimeSpan.Zero), 1, true);
    internal static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 1, 0, TimeSpan.Zero);
    internal static readonly WorkflowOptions Options = new(
        new OnboardingOptions { PublicBaseUrl = new("https://onboarding.example.com/"), AllowedRegions = [SampleRequests.Region, "us-east-1"] },
        new StalledOnboardingOptions(), SampleRequests.ResourceType);
    private static readonly string LivePhysicalId = PhysicalResourceIds.For(SampleRequests.Account, SampleRequests.StackId);

    /// <summary>The states a decision can meet, the sub-states that change a decision included.</summary>
    internal static CustomerState Customer(string name)
    {
        if (name == "None") return new CustomerState();
        var state = new CustomerState
        {
            AccountId = SampleRequests.Account,
            ExternalId = SampleRequests.ExternalId,
            OnboardingToken = SampleRequests.Token,
            Region = SampleRequests.Region,
            TopicArn = SampleRequests.TopicArn,
            Whitelisted = true,
            MayBeOnTopic = true,
            Attempt = 1,
            CustomerLinkSecret = SecureTokens.CustomerLinkSecret(),
            StartedAt = Now.AddHours(-1),
            StateSince = Now.AddHours(-1),
        };
        switch (name)
        {
            case "Pending": state.State = Pending; break;
            case "Templated": state.State = Templated; state.TemplateKey = "templates/t.json"; break;
            case "Activating":
                state.State = Activating;
                Live(state);
                state.AwaitingAcceptance = new AwaitedAnswer(SampleRequests.StackId, "first-create", Now.AddMinutes(30));
                break;
            case "Active": state.State = Active; Live(state); state.RoleUsable = true; break;
            case "Removed": state.State = Removed; Live(state); break;
            case "Removed awaiting the stack's Delete": state.State = Removed; Live(state); state.AwaitingStackDelete = true; break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
        return state;

        static void Live(CustomerState s)
        {
            s.StackId = SampleRequests.StackId;
            s.PhysicalResourceId = LivePhysicalId;
            s.RoleArn = SampleRequests.RoleArn;
        }
    }

    private static CustomResourceRequest Request(string requestType, string requestId = "request-1") =>
        SampleRequests.Request(requestType) with
        {
            RequestId = requestId,
            PhysicalResourceId = requestType == "Create" ? null : LivePhysicalId,
        };

    public static TheoryData<string, string, string, OnboardingState, OnboardingTrigger?, string?> StackRequests => new()
    {
        // state, request, answer, next state, transition recorded, notification
        { "None", "Create", "FAILED", None, null, null },
        { "Pending", "Create", "FAILED", Pending, null, null },
        { "Templated", "Create", "SUCCESS", Activating, StackCreated, null },
        { "Activating", "Create", "FAILED", Activating, null, null },   // another request than the one awaited
        { "Active", "Create", "SUCCESS", Active, null, null },          // the same stack's resource again
        { "Removed", "Create", "FAILED", Removed, null, null },
        { "None", "Update", "FAILED", None, null, null },
        { "Templated", "Update", "FAILED", Templated, null, null },
        { "Activating", "Update", "FAILED", Activating, null, null },
        { "Active", "Update", "SUCCESS", Active, StackUpdated, PartnerNotificationTypes.CustomerRoleUpdated },
        { "Removed", "Update", "FAILED", Removed, null, null },
        { "None", "Delete", "SUCCESS", None, null, null },              // a Delete never hangs a stack
        { "Templated", "Delete", "SUCCESS", Templated, null, null },
        { "Activating", "Delete", "SUCCESS", Activating, null, null },
        { "Active", "Delete", "SUCCESS", Removed, StackDeleted, PartnerNotificationTypes.CustomerRemoved },
        { "Removed", "Delete", "SUCCESS", Removed, null, null },
        { "Removed awaiting the stack's Delete", "Delete", "SUCCESS", Removed, null, null },
    };

    [Theory, MemberData(nameof(StackRequests))]
    public void A_stack_request_is_answered_and_applied_as_the_table_says(
        string stateName, string requestType, string status, OnboardingState next, OnboardingTrigger? trigger, string? notification)
    {
        var state = Customer(stateName);
        var before = state.Copy();

        var decision = CustomerWorkflow.StackRequest(state, SampleRequests.Account, Request(requestType), Verified, Now, Options);

        Assert.Equal(status, decision.Reply.Outcome.Answer.Status);
        Assert.False(decision.Reply.Outcome.Duplicate);
        Assert.Equal(next, decision.State.State);
        Assert.Equal(trigger, decision.Transition?.Trigger);
        Assert.Equal(notification, Notified(decision.State));
        Assert.Equal(before.State, state.State);   // the input is never changed
        Assert.Equal(before.History.Count, state.History.Count);
    }

    [Fact]
    public void A_Create_on_a_Templated_customer_awaits_acceptance_of_its_answer_before_anything_else()
    {
        var decision = CustomerWorkflow.StackRequest(Customer("Templated"), SampleRequests.Account, Request("Create"), Verified, Now, Options);

        Assert.True(decision.Write);
        Assert.True(decision.Reply.Outcome.AwaitsAcceptance);
        Assert.Equal(new AwaitedAnswer(SampleRequests.StackId, "request-1", decision.Reply.Outcome.AnswerBy), decision.State.AwaitingAcceptance);
        Assert.Equal(SampleRequests.RoleArn, decision.State.RoleArn);
        Assert.False(decision.State.RoleUsable);
        Assert.Empty(decision.State.Effects);   // no notification, no template deletion before acceptance
    }

    [Fact]
    public void The_off_boarded_stacks_Delete_only_releases_the_topic()
    {
        var decision = CustomerWorkflow.StackRequest(Customer("Removed awaiting the stack's Delete"), SampleRequests.Account, Request("Delete"), Verified, Now, Options);

        Assert.True(decision.Write);
        Assert.False(decision.State.AwaitingStackDelete);
        Assert.Equal([new LeaveTopic(SampleRequests.TopicArn)], decision.State.Effects);
    }

    [Fact]
    public void A_forged_request_is_refused_and_named_as_a_security_event()
    {
        var forged = Request("Update") with
        {
            ResourceProperties = new Dictionary<string, string>(Request("Update").ResourceProperties)
            {
                [Onboarding.Grains.Templates.CustomResourceProperties.ExternalId] = "not-the-external-id",
            },
        };

        var decision = CustomerWorkflow.StackRequest(Customer("Active"), SampleRequests.Account, forged, Verified, Now, Options);

        Assert.Equal("FAILED", decision.Reply.Outcome.Answer.Status);
        Assert.NotNull(decision.Reply.SecurityDetail);
        Assert.False(decision.Write);
    }

    // (StackId, RequestId) records: the rules alone would answer a redelivery differently once the state moved.

    [Fact]
    public void An_Update_delivered_twice_notifies_once_and_adds_one_history_entry()
    {
        var update = Request("Update", "update-1");
        var first = CustomerWorkflow.StackRequest(Customer("Active"), SampleRequests.Account, update, Verified, Now, Options);

        var again = CustomerWorkflow.StackRequest(first.State, SampleRequests.Account, update, Verified, Now.AddMinutes(1), Options);

        Assert.True(again.Reply.Outcome.Duplicate);
        Assert.Equal(first.Reply.Outcome.Answer, again.Reply.Outcome.Answer);
        Assert.False(again.Write);
        Assert.Single(again.State.Effects.OfType<NotifyPartner>());
        Assert.Single(again.State.History, h => h.Trigger == StackUpdated);
    }

    [Fact]
    public void A_Create_redelivered_while_Activating_gets_its_recorded_SUCCESS_and_still_awaits_acceptance()
    {
        var create = Request("Create", "create-1");
        var first = CustomerWorkflow.StackRequest(Customer("Templated"), SampleRequests.Account, create, Verified, Now, Options);

        var again = CustomerWorkflow.StackRequest(first.State, SampleRequests.Account, create, Verified, Now.AddMinutes(1), Options);

        Assert.Equal(Activating, again.State.State);
        Assert.True(again.Reply.Outcome.Duplicate);
        Assert.Equal("SUCCESS", again.Reply.Outcome.Answer.Status);
        Assert.True(again.Reply.Outcome.AwaitsAcceptance);
        Assert.Equal(first.Reply.Outcome.AnswerBy, again.Reply.Outcome.AnswerBy);
    }

    [Fact]
    public void A_Create_redelivered_after_the_stacks_Delete_gets_the_SUCCESS_it_got_the_first_time()
    {
        var create = Request("Create", "create-1");
        var created = CustomerWorkflow.StackRequest(Customer("Templated"), SampleRequests.Account, create, Verified, Now, Options);
        var active = CustomerWorkflow.SettleAnswer(created.State, SampleRequests.StackId, "create-1", Now, Now, Options);
        var deleted = CustomerWorkflow.StackRequest(active.State, SampleRequests.Account, Request("Delete", "delete-1"), Verified, Now, Options);
        Assert.Equal(Removed, deleted.State.State);

        var again = CustomerWorkflow.StackRequest(deleted.State, SampleRequests.Account, create, Verified, Now.AddMinutes(2), Options);

        Assert.True(again.Reply.Outcome.Duplicate);
        Assert.Equal(created.Reply.Outcome.Answer, again.Reply.Outcome.Answer);
        Assert.Equal("SUCCESS", again.Reply.Outcome.Answer.Status);
        Assert.Equal(Removed, again.State.State);
        Assert.False(again.Write);
    }

    public static TheoryData<string, string, int?, AnswerSettlement, OnboardingState, string?> Settlements => new()
    {
        // state, request settled, accepted (minutes from now; null: not yet), settlement, next state, notification
        { "Activating", "first-create", 0, AnswerSettlement.Activated, Active, PartnerNotificationTypes.CustomerActivated },
        { "Activating", "first-create", null, AnswerSettlement.StillWaiting, Activating, null },
        { "Activating", "first-create", 31, AnswerSettlement.Expired, Templated, null },
        { "Activating", "another-create", 0, AnswerSettlement.NothingPending, Activating, null },
        { "Templated", "first-create", 0, AnswerSettlement.NothingPending, Templated, null },
        { "Active", "first-create", 0, AnswerSettlement.NothingPending, Active, null },
        { "Removed awaiting the stack's Delete", "first-create", 0, AnswerSettlement.NothingPending, Removed, null },
    };

    [Theory, MemberData(nameof(Settlements))]
    public void An_answers_settlement_moves_the_customer_as_the_table_says(
        string stateName, string requestId, int? acceptedAfterMinutes, AnswerSettlement settlement, OnboardingState next, string? notification)
    {
        var decision = CustomerWorkflow.SettleAnswer(
            Customer(stateName), SampleRequests.StackId, requestId, acceptedAfterMinutes is { } m ? Now.AddMinutes(m) : null, Now, Options);

        Assert.Equal(settlement, decision.Reply);
        Assert.Equal(next, decision.State.State);
        Assert.Equal(notification, Notified(decision.State));
        Assert.Equal(settlement is AnswerSettlement.Activated or AnswerSettlement.Expired, decision.Write);
        Assert.Equal(settlement == AnswerSettlement.Activated || Customer(stateName).RoleUsable, decision.State.RoleUsable);
        // Only a settled answer is no longer awaited.
        Assert.Equal(settlement is AnswerSettlement.Activated or AnswerSettlement.Expired || stateName != "Activating",
            decision.State.AwaitingAcceptance is null);
    }

    [Fact]
    public void An_answer_not_accepted_in_time_forgets_the_stack_and_waits_for_the_next_launch()
    {
        var decision = CustomerWorkflow.SettleAnswer(Customer("Activating"), SampleRequests.StackId, "first-create", null, Now.AddMinutes(31), Options);

        Assert.Equal((AnswerSettlement.Expired, Templated, AnswerNotAccepted), (decision.Reply, decision.State.State, decision.Transition?.Trigger));
        Assert.Null(decision.State.RoleArn);
        Assert.Null(decision.State.StackId);
        Assert.Null(decision.State.PhysicalResourceId);
        Assert.Empty(decision.State.Effects);
    }

    public static TheoryData<string, RefusalKind?, OnboardingState, bool, bool> OffBoardings => new()
    {
        // state, refusal, next state, written, awaiting the stack's Delete
        { "None", RefusalKind.NotFound, None, false, false },
        { "Pending", null, Removed, true, false },
        { "Templated", null, Removed, true, false },
        { "Activating", null, Removed, true, true },
        { "Active", null, Removed, true, true },
        { "Removed", null, Removed, false, false },
        { "Removed awaiting the stack's Delete", null, Removed, false, true },
    };

    [Theory, MemberData(nameof(OffBoardings))]
    public void Off_boarding_moves_the_customer_as_the_table_says(
        string stateName, RefusalKind? refusal, OnboardingState next, bool written, bool awaitingStackDelete)
    {
        var decision = CustomerWorkflow.OffBoard(Customer(stateName), SampleRequests.Account, "contract ended", Now, Options);

        Assert.Equal(refusal, decision.Reply?.Kind);
        Assert.Equal(next, decision.State.State);
        Assert.Equal(written, decision.Write);
        Assert.Equal(awaitingStackDelete, decision.State.AwaitingStackDelete);
        Assert.Equal(written ? PartnerNotificationTypes.CustomerRemoved : null, Notified(decision.State));
        Assert.Equal(written ? OffBoarded : null, decision.Transition?.Trigger);
        if (written) Assert.False(decision.State.RoleUsable);
    }

    private static string? Notified(CustomerState state) => state.Effects.OfType<NotifyPartner>().SingleOrDefault()?.Notification.Type;

    // Role verification: a request that brings a role is decided only with its verification.

    public static TheoryData<string, string, bool> RequestsThatBringARole => new()
    {
        // state, request, whether its role must be verified first
        { "Templated", "Create", true },
        { "Active", "Update", false },     // the sample Update reports the same role: nothing new to prove
        { "Active", "Delete", false },
        { "Activating", "Create", false }, // refused anyway: another request's answer is awaited
    };

    [Theory, MemberData(nameof(RequestsThatBringARole))]
    public void Without_a_verification_a_request_that_brings_a_role_asks_for_one_and_changes_nothing(string stateName, string requestType, bool asks)
    {
        var state = Customer(stateName);

        var decision = CustomerWorkflow.StackRequest(state, SampleRequests.Account, Request(requestType), null, Now, Options);

        Assert.Equal(asks, decision.Reply.Outcome.VerifyRole is not null);
        if (!asks) return;
        Assert.Equal(new RoleToVerify(SampleRequests.RoleArn, SampleRequests.ExternalId, SampleRequests.Account), decision.Reply.Outcome.VerifyRole);
        Assert.False(decision.Write);
        Assert.Same(state, decision.State);
        Assert.Equal("FAILED", decision.Reply.Outcome.Answer.Status);   // what a caller that cannot verify may say
    }

    [Fact]
    public void An_Update_that_replaces_the_role_is_refused_with_a_reason_and_changes_nothing()
    {
        var update = Request("Update");
        update = update with { ResourceProperties = new Dictionary<string, string>(update.ResourceProperties) { [Onboarding.Grains.Templates.CustomResourceProperties.RoleArn] = NewRole } };
        var active = Customer("Active");

        var decision = CustomerWorkflow.StackRequest(active, SampleRequests.Account, update, null, Now, Options);

        Assert.Null(decision.Reply.Outcome.VerifyRole);
        Assert.Equal(("FAILED", StackEventRules.RoleReplacedReason), (decision.Reply.Outcome.Answer.Status, decision.Reply.Outcome.Answer.Reason));
        Assert.Equal((Active, SampleRequests.RoleArn), (decision.State.State, decision.State.RoleArn));
        Assert.Empty(decision.State.Effects);
    }

    [Theory]
    [InlineData(RoleVerificationOutcome.NotAssumable)]
    [InlineData(RoleVerificationOutcome.TrustsWithoutExternalId)]
    [InlineData(RoleVerificationOutcome.AcceptsWrongExternalId)]
    public void A_Create_whose_role_fails_verification_is_answered_FAILED_with_the_reason_and_the_customer_stays_Templated(RoleVerificationOutcome outcome)
    {
        var rejected = new RoleVerification(outcome, "restore the template's trust policy", Now, 3, false);

        var decision = CustomerWorkflow.StackRequest(Customer("Templated"), SampleRequests.Account, Request("Create"), rejected, Now, Options);

        Assert.Equal(("FAILED", "restore the template's trust policy"), (decision.Reply.Outcome.Answer.Status, decision.Reply.Outcome.Answer.Reason));
        Assert.Equal(Templated, decision.State.State);
        Assert.Equal(RoleRejected, decision.Transition?.Trigger);
        Assert.Equal(rejected, decision.State.RoleCheck);
        Assert.Null(decision.State.RoleVerifiedAt);
        Assert.Null(decision.State.StackId);
        Assert.True(decision.Write);   // recorded, so a redelivery gets the same FAILED without asking STS again
        Assert.True(CustomerWorkflow.StackRequest(decision.State, SampleRequests.Account, Request("Create"), null, Now, Options).Reply.Outcome.Duplicate);
    }

    [Fact]
    public void A_verified_Create_records_when_the_role_was_proven_and_the_activation_notice_carries_it()
    {
        var created = CustomerWorkflow.StackRequest(Customer("Templated"), SampleRequests.Account, Request("Create", "first-create"), Verified, Now, Options);
        var active = CustomerWorkflow.SettleAnswer(created.State, SampleRequests.StackId, "first-create", Now, Now, Options);

        Assert.Equal(Verified.CheckedAt, created.State.RoleVerifiedAt);
        Assert.Equal(RoleHealth.Healthy, active.State.ToView().RoleHealth);
        Assert.Equal(Verified.CheckedAt, active.State.Effects.OfType<NotifyPartner>().Single().Notification.RoleVerifiedAt);
    }

    [Fact]
    public void An_Update_to_another_template_whose_role_fails_verification_keeps_the_active_role_its_health_and_its_version()
    {
        var update = Request("Update");
        update = update with { ResourceProperties = new Dictionary<string, string>(update.ResourceProperties) { [Onboarding.Grains.Templates.CustomResourceProperties.TemplateVersion] = "v1-0123456789abcdef" } };
        var active = Customer("Active");
        active.RoleCheck = Verified;

        var decision = CustomerWorkflow.StackRequest(active, SampleRequests.Account, update, new RoleVerification(RoleVerificationOutcome.NotAssumable, "gone", Now, 5, false), Now, Options);

        Assert.Equal("FAILED", decision.Reply.Outcome.Answer.Status);
        Assert.Equal((Active, SampleRequests.RoleArn, RoleHealth.Healthy), (decision.State.State, decision.State.RoleArn, decision.State.ToView().RoleHealth));
        Assert.Empty(decision.State.Effects);   // no CustomerRoleUpdated for an update that rolls back
        Assert.Null(decision.State.TemplateVersion);
    }

    private const string NewRole = "arn:aws:iam::123456789012:role/partner/NewOnboardingRole";
}
