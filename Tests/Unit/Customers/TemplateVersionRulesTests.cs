using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Notifications;
using Onboarding.Grains.Stats;
using Onboarding.Grains.Templates;
using Onboarding.Persistence;
using Onboarding.Tests.Unit.Events;
using static Onboarding.Customers.OnboardingState;
using static Onboarding.Tests.Unit.Customers.CustomerWorkflowTests;

namespace Onboarding.Tests.Unit.Customers;

/// <summary>
/// Template versions, decided purely: what a stack runs comes from its Create and Update requests; the version check
/// marks a customer outdated (and notifies it, once per offered version) when the offered version moved past it; an
/// Update to the offered version makes it current again and has its role proven again.
/// </summary>
public sealed class TemplateVersionRulesTests
{
    private const string V1 = "v1-1111111111111111", V2 = "v1-2222222222222222", V3 = "v1-3333333333333333";
    private static readonly WorkflowOptions OfferingV1 = Options with { TemplateVersion = V1 };
    private static readonly WorkflowOptions OfferingV2 = Options with { TemplateVersion = V2 };

    private static CustomResourceRequest Reporting(string requestType, string? version, string requestId = "request-1") =>
        SampleRequests.Request(requestType, properties =>
        {
            if (version is not null) properties[CustomResourceProperties.TemplateVersion] = version;
        }) with
        {
            RequestId = requestId,
            PhysicalResourceId = requestType == "Create" ? null : Onboarding.Grains.Events.PhysicalResourceIds.For(SampleRequests.Account, SampleRequests.StackId),
        };

    private static CustomerState ActiveOn(string? runs, string? offered)
    {
        var state = Customer("Active");
        (state.TemplateVersion, state.OfferedVersion) = (runs, offered);
        return state;
    }

    [Fact]
    public void A_Create_records_the_version_the_stack_reports_not_the_one_offered()
    {
        var created = CustomerWorkflow.StackRequest(Customer("Templated"), SampleRequests.Account, Reporting("Create", V1), Verified, Now, OfferingV2);

        Assert.Equal(V1, created.State.TemplateVersion);
        Assert.Null(created.State.OfferedVersion);   // the check decides it is outdated, once Active
    }

    [Fact]
    public void A_hand_edited_template_cannot_make_the_record_hold_a_long_claim()
    {
        var created = CustomerWorkflow.StackRequest(Customer("Templated"), SampleRequests.Account, Reporting("Create", new string('v', 10_000)), Verified, Now, OfferingV2);

        Assert.Equal(64, created.State.TemplateVersion!.Length);
    }

    [Fact]
    public void A_Create_with_the_offered_version_needs_no_check_to_write_it_current()
    {
        var created = CustomerWorkflow.StackRequest(Customer("Templated"), SampleRequests.Account, Reporting("Create", V2), Verified, Now, OfferingV2);
        var active = CustomerWorkflow.SettleAnswer(created.State, SampleRequests.StackId, "request-1", Now, Now, OfferingV2);

        var check = CustomerWorkflow.CheckTemplateVersion(active.State, "suffix", Now, OfferingV2);

        Assert.Equal((TemplateVersionStatus.Current, false), (check.Reply, check.Write));
    }

    public static TheoryData<string?, string?, string, TemplateVersionStatus, bool, bool> Checks => new()
    {
        // runs, offered before, offered now, status, outdated after, notified
        { V1, V1, V2, TemplateVersionStatus.BecameOutdated, true, true },
        { V1, V2, V2, TemplateVersionStatus.StillOutdated, true, false },    // checked again: no second notice
        { V1, V2, V3, TemplateVersionStatus.BecameOutdated, true, true },    // a newer version again: a new notice
        { V2, V2, V2, TemplateVersionStatus.Current, false, false },
        { V1, V2, V1, TemplateVersionStatus.Current, false, false },         // the settings went back to what the stack runs
        { null, null, V2, TemplateVersionStatus.Current, false, false },     // a stack from before versions: taken as current
        { V1, null, V1, TemplateVersionStatus.Current, false, false },
    };

    [Theory, MemberData(nameof(Checks))]
    public void The_version_check_marks_and_notifies_a_customer_once_per_offered_version(
        string? runs, string? offeredBefore, string offeredNow, TemplateVersionStatus status, bool outdated, bool notified)
    {
        var state = ActiveOn(runs, offeredBefore);

        var check = CustomerWorkflow.CheckTemplateVersion(state, "update-key", Now, Options with { TemplateVersion = offeredNow });

        Assert.Equal(status, check.Reply);
        Assert.Equal(outdated, check.State.IsOutdated);
        Assert.Equal(outdated ? "true" : "", check.State.IndexedAttributes[IndexedAttributeNames.Outdated]);
        Assert.Equal(outdated, CustomerCounting.ContributionOf(check.State)!.Outdated);
        var notice = check.State.Effects.OfType<NotifyPartner>().SingleOrDefault()?.Notification;
        Assert.Equal(notified, notice is not null);
        Assert.Equal(notified ? OnboardingTrigger.TemplateOutdated : null, check.Transition?.Trigger);
        if (!notified) return;
        Assert.Equal(PartnerNotificationTypes.CustomerTemplateOutdated, notice!.Type);
        Assert.Equal((runs, offeredNow), (notice.TemplateVersion, notice.OfferedVersion));
        Assert.Equal(CustomerLinkRoutes.Update(Options.Onboarding.PublicBaseUrl!, CustomerLinkToken.Format(state.AccountId, state.CustomerLinkSecret!)), notice.UpdateUrl);
        Assert.Equal(CustomerLinkRoutes.PageOf(notice.UpdateUrl!), notice.PageUrl);
        // The update template is published before the partner hears of the link.
        var publish = Assert.IsType<PublishTemplate>(check.State.Effects.First(e => e is PublishTemplate or NotifyPartner));
        Assert.Equal(check.State.TemplateKey, publish.TemplateKey);
        Assert.EndsWith("/update-key.json", publish.TemplateKey);
        Assert.Equal(Active, check.State.State);
    }

    [Theory]
    [InlineData("Templated")]
    [InlineData("Activating")]
    [InlineData("Removed")]
    public void Only_an_Active_customer_is_checked(string stateName)
    {
        var state = Customer(stateName);

        var check = CustomerWorkflow.CheckTemplateVersion(state, "suffix", Now, OfferingV2);

        Assert.Equal((TemplateVersionStatus.NotApplicable, false), (check.Reply, check.Write));
    }

    [Fact]
    public void A_newer_version_replaces_the_update_template_of_the_older_one()
    {
        var outdated = CustomerWorkflow.CheckTemplateVersion(ActiveOn(V1, V1), "first", Now, OfferingV2).State;
        outdated.Effects.Clear();

        var again = CustomerWorkflow.CheckTemplateVersion(outdated, "second", Now, Options with { TemplateVersion = V3 });

        Assert.Contains(new DeleteTemplate(outdated.TemplateKey!), again.State.Effects);
        Assert.Contains(new PublishTemplate(again.State.TemplateKey!), again.State.Effects);
        Assert.EndsWith("/second.json", again.State.TemplateKey);
    }

    [Fact]
    public void An_Update_to_the_offered_version_is_verified_again_then_makes_the_customer_current_and_drops_the_update_template()
    {
        var outdated = CustomerWorkflow.CheckTemplateVersion(ActiveOn(V1, V1), "key", Now, OfferingV2).State;
        outdated.Effects.Clear();
        var update = Reporting("Update", V2);

        var unverified = CustomerWorkflow.StackRequest(outdated, SampleRequests.Account, update, null, Now, OfferingV2);
        var verified = CustomerWorkflow.StackRequest(outdated, SampleRequests.Account, update, Verified, Now, OfferingV2);

        Assert.Equal(SampleRequests.RoleArn, unverified.Reply.Outcome.VerifyRole?.RoleArn);   // the same role, proven again
        Assert.False(unverified.Write);
        Assert.Equal("SUCCESS", verified.Reply.Outcome.Answer.Status);
        Assert.Equal((V2, false), (verified.State.TemplateVersion, verified.State.IsOutdated));
        Assert.Equal(Verified.CheckedAt, verified.State.RoleVerifiedAt);
        Assert.Equal(OnboardingTrigger.StackUpdated, verified.Transition?.Trigger);
        Assert.Contains(new DeleteTemplate(outdated.TemplateKey!), verified.State.Effects);
        Assert.Equal("", verified.State.IndexedAttributes[IndexedAttributeNames.Outdated]);
    }

    [Fact]
    public void An_Update_that_keeps_the_version_needs_no_verification()
    {
        var update = Reporting("Update", V1);

        var decision = CustomerWorkflow.StackRequest(ActiveOn(V1, V1), SampleRequests.Account, update, null, Now, OfferingV1);

        Assert.Null(decision.Reply.Outcome.VerifyRole);
        Assert.Equal("SUCCESS", decision.Reply.Outcome.Answer.Status);
    }

    [Fact]
    public void An_Update_to_an_older_version_leaves_the_customer_outdated()
    {
        var outdated = CustomerWorkflow.CheckTemplateVersion(ActiveOn(V1, V1), "key", Now, Options with { TemplateVersion = V3 }).State;

        var decision = CustomerWorkflow.StackRequest(outdated, SampleRequests.Account, Reporting("Update", V2), Verified, Now, Options with { TemplateVersion = V3 });

        Assert.Equal((V2, true), (decision.State.TemplateVersion, decision.State.IsOutdated));
        Assert.DoesNotContain(decision.State.Effects, e => e is DeleteTemplate);
    }

    [Fact]
    public void A_new_attempt_forgets_the_versions_of_the_last_one()
    {
        var removed = Customer("Removed");
        (removed.TemplateVersion, removed.OfferedVersion) = (V1, V2);

        var started = CustomerWorkflow.Start(removed, SampleRequests.Account, new StartOnboardingCommand(SampleRequests.Region, null), AttemptSecrets.New(), SampleRequests.TopicArn, Now, OfferingV2);

        Assert.Equal((null, null), (started.State.TemplateVersion, started.State.OfferedVersion));
    }
}
