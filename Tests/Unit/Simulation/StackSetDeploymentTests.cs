using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.Grains.Organizations;
using Onboarding.Grains.Templates;
using Onboarding.Tests.Unit.Organizations;
using Onboarding.Tests.Unit.Templates;

namespace Onboarding.Tests.Unit.Simulation;

/// <summary>The simulator reads an organization's management template as CloudFormation does: one member template, one instance per account.</summary>
public sealed class StackSetDeploymentTests
{
    private static readonly string Management = OrganizationTemplateRenderer.Render(OrganizationTemplateRendererTests.Spec());

    [Fact]
    public void Each_member_account_gets_its_own_stack_instance_of_the_member_template_in_the_one_region()
    {
        var deployment = StackSetDeployment.FromManagementTemplate(Management);

        var (first, second) = (deployment.InstanceFor("100000000001"), deployment.InstanceFor("100000000002"));

        Assert.Equal(("eu-west-1", true, false), (deployment.Region, deployment.AutoDeploys, deployment.RetainsStacksOnRemoval));
        Assert.Equal(("100000000001", "100000000002"), (first.AccountId, second.AccountId));
        Assert.NotEqual(first.StackId, second.StackId);
        Assert.Contains(":stack/StackSet-PartnerOnboarding-o-a1b2c3d4e5-", first.StackId);
        Assert.Equal("arn:aws:iam::100000000001:role/partner-onboarding/PartnerAccessRole-ABC123", first.Properties[CustomResourceProperties.RoleArn]);
        // One external id and one organization token for every member.
        Assert.Equal(first.Properties[CustomResourceProperties.ExternalId], second.Properties[CustomResourceProperties.ExternalId]);
        Assert.Equal(SampleSpecs.Token, second.Properties[CustomResourceProperties.OnboardingToken]);
        Assert.Equal(OrganizationTemplateRendererTests.OrganizationId, second.Properties[CustomResourceProperties.OrganizationId]);
    }

    [Fact]
    public void The_management_account_launches_the_templates_own_role_and_custom_resource()
    {
        var own = StackSetDeployment.ManagementStack(Management, "999988887777", "eu-west-1", "PartnerOnboarding-Organization");

        Assert.Equal("999988887777", own.Properties[CustomResourceProperties.AccountId]);
        Assert.Equal(OrganizationTemplateRendererTests.OrganizationId, own.Properties[CustomResourceProperties.OrganizationId]);
    }

    [Fact]
    public void A_single_account_template_has_no_StackSet_to_deploy()
    {
        Assert.Throws<NotSupportedException>(() => StackSetDeployment.FromManagementTemplate(RoleTemplateRenderer.Render(SampleSpecs.Valid())));
    }
}
