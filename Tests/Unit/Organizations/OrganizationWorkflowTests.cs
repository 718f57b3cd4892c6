using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Events;
using Onboarding.Grains.Organizations;
using Onboarding.Grains.Templates;
using Onboarding.Organizations;
using Onboarding.Tests.Unit.Customers;
using Onboarding.Tests.Unit.Events;

namespace Onboarding.Tests.Unit.Organizations;

/// <summary>The organization onboarding's decisions, and the customer workflow's side of them (pure: no stand-ins).</summary>
public sealed class OrganizationWorkflowTests
{
    private const string Organization = OrganizationTemplateRendererTests.OrganizationId;
    private const string Management = "999988887777";
    private static readonly DateTimeOffset Now = CustomerWorkflowTests.Now;
    private static readonly OrganizationSecrets Secrets = new(SampleRequests.ExternalId, SampleRequests.Token);
    private static readonly StartOrganizationCommand Command = new(Management, SampleRequests.Region, "acme", [OrganizationTemplateRendererTests.Root]);

    private static OrganizationState Started() =>
        OrganizationWorkflow.Start(new OrganizationState(), Organization, Command, Secrets, SampleRequests.TopicArn, Now).State;

    private static CustomResourceRequest MemberCreate(Action<Dictionary<string, string>>? edit = null) => OrganizationMemberChecksTests.MemberRequest(edit);

    [Fact]
    public void A_start_keeps_the_secrets_and_topic_and_admits_the_organization_on_the_topic_before_anything_else()
    {
        var decision = OrganizationWorkflow.Start(new OrganizationState(), Organization, Command, Secrets, SampleRequests.TopicArn, Now);

        Assert.True(decision.Write);
        Assert.True(decision.Reply.Created);
        Assert.Equal(OrganizationOnboardingState.Onboarding, decision.State.State);
        Assert.Equal((SampleRequests.ExternalId, SampleRequests.Token, SampleRequests.TopicArn), (decision.State.ExternalId, decision.State.OrganizationToken, decision.State.TopicArn));
        Assert.Equal([new AdmitOrganization(SampleRequests.TopicArn)], decision.State.Effects);
    }

    [Fact]
    public void A_repeated_start_resumes_and_one_with_another_management_account_or_region_is_refused()
    {
        var started = Started();

        var repeat = OrganizationWorkflow.Start(started, Organization, Command, new("other", "other"), "arn:aws:sns:eu-west-1:999999999999:other", Now);
        var otherManagement = OrganizationWorkflow.Start(started, Organization, Command with { ManagementAccountId = "111111111111" }, Secrets, SampleRequests.TopicArn, Now);
        var otherRegion = OrganizationWorkflow.Start(started, Organization, Command with { Region = "us-east-1" }, Secrets, SampleRequests.TopicArn, Now);

        Assert.Equal((false, false, null), (repeat.Write, repeat.Reply.Created, repeat.Reply.Refusal));
        Assert.Equal(SampleRequests.ExternalId, repeat.State.ExternalId);
        Assert.Equal(RefusalKind.InvalidTransition, otherManagement.Reply.Refusal?.Kind);
        Assert.Equal(RefusalKind.RegionMismatch, otherRegion.Reply.Refusal?.Kind);
    }

    [Fact]
    public void A_members_create_is_admitted_once_and_recorded_as_a_member()
    {
        var first = OrganizationWorkflow.Admit(Started(), MemberCreate(), SampleRequests.ResourceType, Now);
        var again = OrganizationWorkflow.Admit(first.State, MemberCreate(), SampleRequests.ResourceType, Now);

        Assert.Equal((SampleRequests.Account, OrganizationMemberKind.Member), (first.Reply.AccountId, first.Reply.Kind));
        Assert.True(first.Write);
        Assert.Equal([SampleRequests.Account], first.State.Members);
        Assert.True(again.Reply.Admitted);
        Assert.False(again.Write);
    }

    [Fact]
    public void The_management_accounts_own_create_is_admitted_but_is_not_a_member()
    {
        var started = Started();
        started.ManagementAccountId = SampleRequests.Account;

        var decision = OrganizationWorkflow.Admit(started, MemberCreate(), SampleRequests.ResourceType, Now);

        Assert.Equal(OrganizationMemberKind.ManagementAccount, decision.Reply.Kind);
        Assert.False(decision.Write);
        Assert.Empty(decision.State.Members);
    }

    public static TheoryData<string, Action<Dictionary<string, string>>> Refusals => new()
    {
        { "another token", p => p[CustomResourceProperties.OnboardingToken] = "another-token" },
        { "another external id", p => p[CustomResourceProperties.ExternalId] = "another-external-id" },
        { "another organization", p => p[CustomResourceProperties.OrganizationId] = "o-zzzzzzzzzz" },
    };

    [Theory, MemberData(nameof(Refusals))]
    public void A_create_that_is_not_the_organizations_is_refused_with_the_generic_reason_and_recorded_nowhere(string what, Action<Dictionary<string, string>> edit)
    {
        var decision = OrganizationWorkflow.Admit(Started(), MemberCreate(edit), SampleRequests.ResourceType, Now);

        Assert.False(decision.Reply.Admitted, what);
        Assert.Equal(CustomResourceChecks.MismatchReason, decision.Reply.Reason);
        Assert.NotNull(decision.Reply.SecurityDetail);
        Assert.False(decision.Write);
    }

    [Fact]
    public void Nothing_is_admitted_before_a_start_or_after_the_end()
    {
        var ended = OrganizationWorkflow.End(Started(), "stack deleted", includingManagement: false, Now).State;

        Assert.Equal(OrganizationWorkflow.NotStartedReason, OrganizationWorkflow.Admit(new OrganizationState(), MemberCreate(), SampleRequests.ResourceType, Now).Reply.Reason);
        Assert.Equal(OrganizationWorkflow.RemovedReason, OrganizationWorkflow.Admit(ended, MemberCreate(), SampleRequests.ResourceType, Now).Reply.Reason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_end_off_boards_every_member_then_dismisses_the_organization_from_the_topic_once(bool includingManagement)
    {
        var withMember = OrganizationWorkflow.Admit(Started(), MemberCreate(), SampleRequests.ResourceType, Now).State;
        withMember.Effects.Clear();

        var ended = OrganizationWorkflow.End(withMember, "why", includingManagement, Now);
        var again = OrganizationWorkflow.End(ended.State, "why", includingManagement, Now);

        Assert.Equal(OrganizationOnboardingState.Removed, ended.State.State);
        OrganizationEffect[] expected = includingManagement
            ? [new OffBoardAccount(Management, "why"), new OffBoardAccount(SampleRequests.Account, "why"), new DismissOrganization(SampleRequests.TopicArn)]
            : [new OffBoardAccount(SampleRequests.Account, "why"), new DismissOrganization(SampleRequests.TopicArn)];
        Assert.Equal(expected, ended.State.Effects);
        Assert.False(again.Write);
    }

    private static OrganizationAttempt Attempt() => Started().Attempted;

    [Fact]
    public void A_new_member_customer_waits_for_its_create_on_the_organizations_topic_with_its_secrets_and_no_template_of_its_own()
    {
        var decision = CustomerWorkflow.JoinOrganization(new CustomerState(), SampleRequests.Account, Attempt(), AttemptSecrets.New(), Now, CustomerWorkflowTests.Options);

        Assert.Null(decision.Reply);
        var member = decision.State;
        Assert.Equal(OnboardingState.Templated, member.State);
        Assert.Equal((SampleRequests.ExternalId, SampleRequests.Token, SampleRequests.TopicArn, Organization), (member.ExternalId, member.OnboardingToken, member.TopicArn, member.Organization?.OrganizationId));
        Assert.Equal([new JoinTopic(SampleRequests.TopicArn, 0)], member.Effects);
        Assert.Null(member.TemplateKey);
        Assert.True(member.IsOrganizationMember);
        // No link of its own: never prompted, never abandoned.
        Assert.Equal(StalledAction.Stop, StalledOnboardingRules.Decide(member, new StalledOnboardingOptions(), Now.AddDays(30)).Action);
    }

    [Fact]
    public void A_member_customer_activates_from_its_create_exactly_as_a_single_account()
    {
        var member = CustomerWorkflow.JoinOrganization(new CustomerState(), SampleRequests.Account, Attempt(), AttemptSecrets.New(), Now, CustomerWorkflowTests.Options).State;
        member.Effects.Clear();

        var decided = CustomerWorkflow.StackRequest(member, SampleRequests.Account, MemberCreate(), CustomerWorkflowTests.Verified, Now, CustomerWorkflowTests.Options);

        Assert.Equal(CustomResourceAnswer.Success, decided.Reply.Outcome.Answer.Status);
        Assert.Equal(OnboardingState.Activating, decided.State.State);
    }

    [Fact]
    public void A_member_already_joined_is_found_and_an_account_onboarded_on_its_own_keeps_its_onboarding()
    {
        var member = CustomerWorkflow.JoinOrganization(new CustomerState(), SampleRequests.Account, Attempt(), AttemptSecrets.New(), Now, CustomerWorkflowTests.Options).State;

        var found = CustomerWorkflow.JoinOrganization(member, SampleRequests.Account, Attempt(), AttemptSecrets.New(), Now, CustomerWorkflowTests.Options);
        var own = CustomerWorkflow.JoinOrganization(CustomerWorkflowTests.Customer("Active"), SampleRequests.Account, Attempt(), AttemptSecrets.New(), Now, CustomerWorkflowTests.Options);

        Assert.Equal((null, false), (found.Reply, found.Write));
        Assert.Equal(OrganizationRefusals.OnboardedOnItsOwn, own.Reply?.Message);
        Assert.False(own.Write);
    }

    [Fact]
    public void The_management_stacks_delete_removes_its_customer_and_ends_the_organization()
    {
        var attempt = Attempt() with { Organization = new OrganizationLink(Organization, SampleRequests.Account, [OrganizationTemplateRendererTests.Root]) };
        var management = CustomerWorkflow.StartOrganizationManagement(new CustomerState(), SampleRequests.Account, attempt, AttemptSecrets.New(), Now, CustomerWorkflowTests.Options).State;
        var active = CustomerWorkflowTests.Customer("Active");
        active.Organization = management.Organization;

        var deleted = CustomerWorkflow.StackRequest(active, SampleRequests.Account,
            SampleRequests.Request("Delete", p => p[CustomResourceProperties.OrganizationId] = Organization) with { PhysicalResourceId = active.PhysicalResourceId },
            null, Now, CustomerWorkflowTests.Options);

        Assert.Equal([new JoinTopic(SampleRequests.TopicArn, 0), new PublishTemplate(management.TemplateKey!)], management.Effects);
        Assert.Equal(OnboardingState.Removed, deleted.State.State);
        Assert.Equal(Organization, Assert.Single(deleted.State.Effects.OfType<EndOrganization>()).OrganizationId);
        Assert.All(deleted.State.Effects.OfType<NotifyPartner>(), n => Assert.Equal(Organization, n.Notification.OrganizationId));
    }

    [Theory]
    [InlineData("Activating")]
    [InlineData("Active")]
    public void A_repeated_organization_start_leaves_its_management_account_as_it_is_once_its_stack_reported(string state)
    {
        var management = CustomerWorkflowTests.Customer(state);
        management.Organization = Attempt().Organization with { ManagementAccountId = SampleRequests.Account };

        var repeat = CustomerWorkflow.StartOrganizationManagement(management, SampleRequests.Account, Attempt(), AttemptSecrets.New(), Now, CustomerWorkflowTests.Options);

        Assert.Equal((null, false, false), (repeat.Reply.Refusal, repeat.Reply.Created, repeat.Write));
    }

    [Fact]
    public void An_abandoned_management_account_ends_its_organization_and_an_abandoned_single_account_ends_none()
    {
        var attempt = Attempt() with { Organization = new OrganizationLink(Organization, SampleRequests.Account, [OrganizationTemplateRendererTests.Root]) };
        var management = CustomerWorkflow.StartOrganizationManagement(new CustomerState(), SampleRequests.Account, attempt, AttemptSecrets.New(), Now, CustomerWorkflowTests.Options).State;
        management.State = OnboardingState.Templated;
        management.Effects.Clear();
        var single = CustomerWorkflowTests.Customer("Templated");
        var late = Now + new StalledOnboardingOptions().AbandonAfter + TimeSpan.FromDays(1);

        var abandoned = CustomerWorkflow.Tick(management, late, CustomerWorkflowTests.Options);
        var alone = CustomerWorkflow.Tick(single, late, CustomerWorkflowTests.Options);

        Assert.Equal(StalledAction.Abandon, abandoned.Reply);
        Assert.Equal(Organization, Assert.Single(abandoned.State.Effects.OfType<EndOrganization>()).OrganizationId);
        Assert.Equal(StalledAction.Abandon, alone.Reply);
        Assert.Empty(alone.State.Effects.OfType<EndOrganization>());
    }
}
