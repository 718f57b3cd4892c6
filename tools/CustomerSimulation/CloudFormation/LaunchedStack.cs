using System.Text.Json.Nodes;

namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>
/// What CloudFormation holds once a stack from the service's template has created its resources: the
/// role exists (so <c>Fn::GetAtt</c> resolves to its ARN in the customer's account), <c>Ref AWS::AccountId</c>
/// resolves, and the custom resource's properties are ready to be sent to its ServiceToken topic.
/// </summary>
public sealed record LaunchedStack(string StackId, string Region, string AccountId, string TopicArn, string ResourceType, Dictionary<string, string> Properties)
{
    public const string DefaultRoleName = "PartnerAccessRole-ABC123";
    public const string DefaultStackNamePrefix = "PartnerOnboarding";

    /// <summary>
    /// The template the stack was launched from (set by <see cref="FromTemplate"/>): what the CloudFormation
    /// simulator creates the stack's role from. Null for a stack made up without a template.
    /// </summary>
    public string? TemplateJson { get; init; }

    /// <summary>The IAM path of the template's role ("/" when the template sets none), part of its ARN.</summary>
    public string RolePath { get; init; } = "/";

    /// <summary>The ARN a role of that name (on the template's path) has in the stack's account.</summary>
    public string RoleArn(string name = DefaultRoleName) => $"arn:aws:iam::{AccountId}:role{RolePath}{name}";

    /// <summary>"Launches" the template: a new stack id, and the custom resource's properties as CloudFormation resolves them.</summary>
    public static LaunchedStack FromTemplate(string templateJson, string accountId, string region, string? stackName = null, string roleName = DefaultRoleName) =>
        Launch(templateJson, accountId, region, $"arn:aws:cloudformation:{region}:{accountId}:stack/{stackName ?? $"{DefaultStackNamePrefix}-{accountId}"}/{Guid.NewGuid()}", roleName);

    /// <summary>
    /// The same stack updated with another template (the console's Update stack → Replace template): same stack id and
    /// role name, the custom resource's properties as the new template has them. <see cref="Properties"/> of this one are
    /// the Update's OldResourceProperties.
    /// </summary>
    public LaunchedStack UpdatedTo(string templateJson, string roleName = DefaultRoleName) => Launch(templateJson, AccountId, Region, StackId, roleName);

    private static LaunchedStack Launch(string templateJson, string accountId, string region, string stackId, string roleName)
    {
        var template = JsonNode.Parse(templateJson)!.AsObject();
        var resources = template["Resources"]!.AsObject().Select(r => r.Value!.AsObject()).ToList();
        var resource = resources.Single(r => ((string?)r["Type"])!.StartsWith("Custom::", StringComparison.Ordinal));
        var rolePath = resources.Where(r => (string?)r["Type"] == "AWS::IAM::Role")
            .Select(r => (string?)r["Properties"]?["Path"]).FirstOrDefault() ?? "/";
        var roleArn = $"arn:aws:iam::{accountId}:role{rolePath}{roleName}";
        var properties = new Dictionary<string, string>();
        foreach (var (key, value) in resource["Properties"]!.AsObject())
        {
            // CloudFormation sends every property value as a string, intrinsic functions resolved.
            properties[key] = value switch
            {
                JsonValue scalar => scalar.ToString(),
                JsonObject function when function.ContainsKey("Fn::GetAtt") => roleArn,
                JsonObject function when (string?)function["Ref"] == "AWS::AccountId" => accountId,
                _ => value!.ToJsonString(),
            };
        }
        return new LaunchedStack(stackId, region, accountId, properties["ServiceToken"], (string)resource["Type"]!, properties) { TemplateJson = templateJson, RolePath = rolePath };
    }
}
