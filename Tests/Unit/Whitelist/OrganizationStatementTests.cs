using System.Text.Json.Nodes;
using Onboarding.Grains.Whitelist;

namespace Onboarding.Tests.Unit.Whitelist;

/// <summary>An organization onboarding's one topic statement (aws:PrincipalOrgID), beside the per-account ones.</summary>
public sealed class OrganizationStatementTests
{
    private const string Topic = "arn:aws:sns:eu-west-1:444455556666:onboarding-1";
    private const string Organization = "o-a1b2c3d4e5";
    private const string Account = "111111111111";

    [Fact]
    public void An_organization_statement_admits_every_principal_of_the_organization_and_survives_account_edits()
    {
        var (withOrganization, changed) = TopicPolicyDocument.Parse(null, Topic).WithOrganizations([Organization], []);
        var edited = TopicPolicyDocument.Parse(withOrganization.Json, Topic).Apply([Account], [], TopicPolicyLimits.Sns);
        var read = TopicPolicyDocument.Parse(edited.PolicyJson, Topic);

        Assert.True(changed);
        Assert.Equal([Organization], read.Organizations);
        Assert.Equal([Account], read.CustomerAccounts);
        var statement = JsonNode.Parse(read.Json)!["Statement"]!.AsArray().Single(s => (string?)s!["Sid"] == "OnboardingOrganizationoa1b2c3d4e5")!;
        Assert.Equal("*", (string?)statement["Principal"]);
        Assert.Equal(Organization, (string?)statement["Condition"]!["StringEquals"]!["aws:PrincipalOrgID"]);
    }

    [Fact]
    public void Adding_it_twice_changes_nothing_and_removing_it_leaves_the_accounts()
    {
        var withBoth = TopicPolicyDocument.Parse(null, Topic).WithOrganizations([Organization], []).Document.Apply([Account], [], TopicPolicyLimits.Sns).Document;

        var (again, changedAgain) = withBoth.WithOrganizations([Organization], []);
        var (removed, changedByRemoval) = withBoth.WithOrganizations([], [Organization]);

        Assert.False(changedAgain);
        Assert.Equal(withBoth.Json, again.Json);
        Assert.True(changedByRemoval);
        Assert.Empty(TopicPolicyDocument.Parse(removed.Json, Topic).Organizations);
        Assert.Equal([Account], TopicPolicyDocument.Parse(removed.Json, Topic).CustomerAccounts);
    }

    [Fact]
    public void A_statement_naming_an_organization_with_another_shape_is_not_ours()
    {
        var statement = OrganizationStatementJson();
        statement["Action"] = new JsonArray("sns:Publish", "sns:Subscribe");
        var foreign = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statement) }.ToJsonString();

        var document = TopicPolicyDocument.Parse(foreign, Topic);

        Assert.Empty(document.Organizations);
        Assert.False(document.WithOrganizations([], [Organization]).Changed);
    }

    private static JsonObject OrganizationStatementJson() =>
        JsonNode.Parse(TopicPolicyDocument.Parse(null, Topic).WithOrganizations([Organization], []).Document.Json)!["Statement"]![0]!.DeepClone().AsObject();
}
