using System.Text.Json.Nodes;
using Onboarding.Grains.Templates;

namespace Onboarding.Grains.Organizations;

/// <summary>
/// Renders an organization onboarding's template, launched once in the management account: a service-managed StackSet
/// that deploys the member role template to every account of the chosen root or OUs (and, auto-deployment on, to accounts
/// that join later; a stack instance is deleted when its account leaves), plus the management account's own role and
/// custom resource, since service-managed StackSets never deploy to the management account.
/// </summary>
public static class OrganizationTemplateRenderer
{
    public const string StackSetLogicalId = "MemberAccountsStackSet";

    /// <summary>The StackSet's name: one per organization onboarding in the management account.</summary>
    public static string StackSetNameFor(string organizationId) => $"PartnerOnboarding-{organizationId}";

    /// <summary>Validates <paramref name="spec"/> and returns the management template as JSON text.</summary>
    /// <exception cref="ArgumentException">A field is invalid (the exception names it).</exception>
    /// <exception cref="TemplateTooLargeException">The member template exceeds a StackSet's TemplateBody, or the whole 1 MB.</exception>
    public static string Render(OrganizationTemplateSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();

        // The member template goes inline: nothing in S3 has to outlive a presigned URL for the StackSet's later deployments.
        var memberBody = RoleTemplateRenderer.Text(MemberTemplate(spec.Member), CloudFormationLimits.MaxTemplateBodyBytes);
        var resources = RoleTemplateRenderer.Resources(spec.Member);
        resources[StackSetLogicalId] = StackSet(spec, memberBody);
        var template = new JsonObject
        {
            ["AWSTemplateFormatVersion"] = RoleTemplateRenderer.TemplateFormatVersion,
            ["Description"] = spec.Member.Description,
            ["Resources"] = resources,
            ["Outputs"] = RoleTemplateRenderer.Outputs(),
        };
        return RoleTemplateRenderer.Text(template, CloudFormationLimits.MaxTemplateBytes);
    }

    private static JsonObject MemberTemplate(RoleTemplateSpec member) => new()
    {
        ["AWSTemplateFormatVersion"] = RoleTemplateRenderer.TemplateFormatVersion,
        ["Description"] = member.Description,
        ["Resources"] = RoleTemplateRenderer.Resources(member),
        ["Outputs"] = RoleTemplateRenderer.Outputs(),
    };

    private static JsonObject StackSet(OrganizationTemplateSpec spec, string memberBody) => new()
    {
        ["Type"] = "AWS::CloudFormation::StackSet",
        // The management account's own role first: its custom resource is the organization's first report.
        ["DependsOn"] = RoleTemplateRenderer.RegistrationLogicalId,
        ["Properties"] = new JsonObject
        {
            ["StackSetName"] = spec.StackSetName,
            ["Description"] = spec.Member.Description,
            ["PermissionModel"] = "SERVICE_MANAGED",
            ["AutoDeployment"] = new JsonObject { ["Enabled"] = true, ["RetainStacksOnAccountRemoval"] = false },
            ["Capabilities"] = new JsonArray("CAPABILITY_IAM"),
            ["ManagedExecution"] = new JsonObject { ["Active"] = true },
            // Every member at once: each is answered on its own, and one that fails does not hold back the others.
            ["OperationPreferences"] = new JsonObject
            {
                ["RegionConcurrencyType"] = "PARALLEL",
                ["MaxConcurrentPercentage"] = 100,
                ["FailureTolerancePercentage"] = 100,
            },
            ["StackInstancesGroup"] = new JsonArray(new JsonObject
            {
                ["DeploymentTargets"] = new JsonObject { ["OrganizationalUnitIds"] = new JsonArray([.. spec.DeploymentTargets.Select(t => JsonValue.Create(t))]) },
                ["Regions"] = new JsonArray(spec.Region),
            }),
            ["TemplateBody"] = memberBody,
        },
    };
}
