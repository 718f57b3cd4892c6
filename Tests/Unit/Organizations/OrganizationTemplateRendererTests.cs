using System.Text.Json.Nodes;
using Onboarding.Grains.Organizations;
using Onboarding.Grains.Templates;
using Onboarding.Tests.Unit.Templates;

namespace Onboarding.Tests.Unit.Organizations;

/// <summary>The management-account template of an organization onboarding, as data.</summary>
public sealed class OrganizationTemplateRendererTests
{
    internal const string OrganizationId = "o-a1b2c3d4e5";
    internal const string Root = "r-ab12";

    internal static OrganizationTemplateSpec Spec() => new()
    {
        Member = SampleSpecs.Valid() with { OrganizationId = OrganizationId },
        Region = "eu-west-1",
        DeploymentTargets = [Root],
        StackSetName = "PartnerOnboarding-o-a1b2c3d4e5",
    };

    private static JsonObject Render(OrganizationTemplateSpec spec) => JsonNode.Parse(OrganizationTemplateRenderer.Render(spec))!.AsObject();

    [Fact]
    public void A_service_managed_StackSet_deploys_the_member_template_to_the_targets_and_to_accounts_that_join_later()
    {
        var stackSet = Render(Spec())["Resources"]![OrganizationTemplateRenderer.StackSetLogicalId]!.AsObject();
        var properties = stackSet["Properties"]!.AsObject();

        Assert.Equal("AWS::CloudFormation::StackSet", (string?)stackSet["Type"]);
        Assert.Equal("SERVICE_MANAGED", (string?)properties["PermissionModel"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Enabled":true,"RetainStacksOnAccountRemoval":false}"""), properties["AutoDeployment"]));
        var group = properties["StackInstancesGroup"]![0]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"OrganizationalUnitIds":["{{Root}}"]}"""), group["DeploymentTargets"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["eu-west-1"]"""), group["Regions"]));
        Assert.Contains("CAPABILITY_IAM", properties["Capabilities"]!.AsArray().Select(c => (string?)c));
    }

    [Fact]
    public void Every_member_and_the_management_account_get_the_same_role_template_naming_the_organization()
    {
        var template = Render(Spec());
        var member = JsonNode.Parse((string)template["Resources"]![OrganizationTemplateRenderer.StackSetLogicalId]!["Properties"]!["TemplateBody"]!)!;

        // The management account's own role and custom resource: a StackSet never deploys there.
        foreach (var resources in new[] { template["Resources"]!, member["Resources"]! })
        {
            var registration = resources[RoleTemplateRenderer.RegistrationLogicalId]!["Properties"]!;
            Assert.Equal(OrganizationId, (string?)registration[CustomResourceProperties.OrganizationId]);
            Assert.Equal(SampleSpecs.ExternalId, (string?)registration[CustomResourceProperties.ExternalId]);
            Assert.Equal(SampleSpecs.Token, (string?)registration[CustomResourceProperties.OnboardingToken]);
            Assert.Equal(RoleTemplateRenderer.RolePath, (string?)resources[RoleTemplateRenderer.RoleLogicalId]!["Properties"]!["Path"]);
        }
        Assert.Equal(RoleTemplateRenderer.RegistrationLogicalId, (string?)template["Resources"]![OrganizationTemplateRenderer.StackSetLogicalId]!["DependsOn"]);
    }

    [Fact]
    public void A_single_account_template_names_no_organization()
    {
        var single = JsonNode.Parse(RoleTemplateRenderer.Render(SampleSpecs.Valid()))!;

        Assert.Null(single["Resources"]![RoleTemplateRenderer.RegistrationLogicalId]!["Properties"]![CustomResourceProperties.OrganizationId]);
    }

    public static TheoryData<string, OrganizationTemplateSpec> BadSpecs => new()
    {
        { "Member", Spec() with { Member = SampleSpecs.Valid() } },
        { "OrganizationId", Spec() with { Member = SampleSpecs.Valid() with { OrganizationId = "org-1" } } },
        { "Region", Spec() with { Region = "europe" } },
        { "DeploymentTargets", Spec() with { DeploymentTargets = [] } },
        { "DeploymentTargets", Spec() with { DeploymentTargets = ["123456789012"] } },
        { "StackSetName", Spec() with { StackSetName = "1-starts-with-a-digit" } },
    };

    [Theory, MemberData(nameof(BadSpecs))]
    public void A_bad_field_is_refused_by_name(string field, OrganizationTemplateSpec spec)
    {
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => OrganizationTemplateRenderer.Render(spec)).ParamName);
    }

    [Fact]
    public void A_member_template_past_a_StackSets_TemplateBody_limit_is_refused()
    {
        var statements = string.Join(",", Enumerable.Range(0, 700).Select(i => $$"""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-{{i}}/*"}"""));
        var spec = Spec() with { Member = Spec().Member with { InlinePolicyDocument = $$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""" } };

        var tooLarge = Assert.Throws<TemplateTooLargeException>(() => OrganizationTemplateRenderer.Render(spec));
        Assert.Equal(CloudFormationLimits.MaxTemplateBodyBytes, tooLarge.LimitBytes);
    }
}
