using System.Text.Json.Nodes;

namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>
/// What a service-managed StackSet in an organization's management template deploys, as CloudFormation reads it: the
/// member template (its TemplateBody) in one region, one stack instance per member account of its targets, to accounts
/// that join later when auto-deployment is on, and none in the management account itself (which launches the
/// management template's own resources as an ordinary stack).
/// </summary>
public sealed record StackSetDeployment(string StackSetName, string Region, string MemberTemplateJson, bool AutoDeploys, bool RetainsStacksOnRemoval)
{
    /// <summary>Reads the one StackSet of <paramref name="managementTemplateJson"/>.</summary>
    /// <exception cref="NotSupportedException">No StackSet, or one that is not service-managed in a single region.</exception>
    public static StackSetDeployment FromManagementTemplate(string managementTemplateJson)
    {
        var resources = JsonNode.Parse(managementTemplateJson)!["Resources"]!.AsObject();
        var stackSet = resources.Select(r => r.Value!.AsObject()).SingleOrDefault(r => (string?)r["Type"] == "AWS::CloudFormation::StackSet")
            ?? throw new NotSupportedException("The template has no AWS::CloudFormation::StackSet.");
        var properties = stackSet["Properties"]!.AsObject();
        if ((string?)properties["PermissionModel"] != "SERVICE_MANAGED")
            throw new NotSupportedException("Only a service-managed StackSet deploys to an organization's accounts.");
        var regions = properties["StackInstancesGroup"]!.AsArray().SelectMany(g => g!["Regions"]!.AsArray()).Select(r => (string)r!).Distinct().ToList();
        if (regions.Count != 1) throw new NotSupportedException($"Expected one region, found {regions.Count}.");
        var auto = properties["AutoDeployment"];
        return new StackSetDeployment(
            (string)properties["StackSetName"]!,
            regions[0],
            (string)properties["TemplateBody"]!,
            (bool?)auto?["Enabled"] ?? false,
            (bool?)auto?["RetainStacksOnAccountRemoval"] ?? false);
    }

    /// <summary>The stack instance of <paramref name="accountId"/>, named as a StackSet names its instances.</summary>
    public LaunchedStack InstanceFor(string accountId) =>
        LaunchedStack.FromTemplate(MemberTemplateJson, accountId, Region, $"StackSet-{StackSetName}-{Guid.NewGuid()}");

    /// <summary>The management account's own stack: the management template's resources besides the StackSet.</summary>
    public static LaunchedStack ManagementStack(string managementTemplateJson, string managementAccountId, string region, string stackName) =>
        LaunchedStack.FromTemplate(managementTemplateJson, managementAccountId, region, stackName);
}
