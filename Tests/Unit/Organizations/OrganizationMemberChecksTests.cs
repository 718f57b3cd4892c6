using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Grains.Organizations;
using Onboarding.Grains.Templates;
using Onboarding.Tests.Unit.Events;

namespace Onboarding.Tests.Unit.Organizations;

/// <summary>A member account's request is checked as a single account's, against the organization onboarding's one external id and token.</summary>
public sealed class OrganizationMemberChecksTests
{
    private const string Organization = OrganizationTemplateRendererTests.OrganizationId;
    private const string Management = "999988887777";

    private static readonly OrganizationOnboardingKeys Keys =
        new(Organization, Management, SampleRequests.ExternalId, SampleRequests.Token, SampleRequests.ResourceType, topic => topic == SampleRequests.TopicArn);

    internal static CustomResourceRequest MemberRequest(Action<Dictionary<string, string>>? edit = null) =>
        SampleRequests.Request("Create", properties =>
        {
            properties[CustomResourceProperties.OrganizationId] = Organization;
            edit?.Invoke(properties);
        });

    [Fact]
    public void A_member_stacks_request_names_the_member_account()
    {
        var check = OrganizationMemberChecks.Verify(MemberRequest(), Keys);

        Assert.True(check.Passed);
        Assert.Equal((SampleRequests.Account, OrganizationMemberKind.Member), (check.AccountId, check.Kind));
    }

    [Fact]
    public void The_management_accounts_own_request_is_known_as_such()
    {
        var keys = Keys with { ManagementAccountId = SampleRequests.Account };

        Assert.Equal(OrganizationMemberKind.ManagementAccount, OrganizationMemberChecks.Verify(MemberRequest(), keys).Kind);
    }

    public static TheoryData<string, Action<Dictionary<string, string>>> Forgeries => new()
    {
        { "another organization's token", p => p[CustomResourceProperties.OnboardingToken] = "another-organizations-token" },
        { "another external id", p => p[CustomResourceProperties.ExternalId] = "another-external-id" },
        { "a role in another account", p => p[CustomResourceProperties.RoleArn] = $"arn:aws:iam::{SampleRequests.OtherAccount}:role/PartnerAccessRole" },
        { "another organization named with this token", p => p[CustomResourceProperties.OrganizationId] = "o-zzzzzzzzzz" },
        { "no organization at all", p => p.Remove(CustomResourceProperties.OrganizationId) },
    };

    [Theory, MemberData(nameof(Forgeries))]
    public void A_request_that_does_not_belong_to_this_organization_onboarding_is_refused_with_the_generic_reason(string forgery, Action<Dictionary<string, string>> edit)
    {
        var check = OrganizationMemberChecks.Verify(MemberRequest(edit), Keys);

        Assert.False(check.Passed, forgery);
        Assert.Null(check.AccountId);
        Assert.Contains(check.Result.PublicReason, new[] { CustomResourceChecks.MismatchReason, CustomResourceChecks.RoleAccountReason });
    }
}
