using System.Text.Json.Nodes;

namespace Onboarding.Grains.Whitelist;

/// <summary>
/// The one statement an organization onboarding adds to its topic's policy: any principal of the organization may
/// publish (<c>aws:PrincipalOrgID</c>), so a member the StackSet deploys to can send its first Create before the service
/// has heard of it. Not verified on AWS that CloudFormation's publish carries that key (README: Organization onboarding);
/// each member also gets its own per-account statement once it reported, which keeps its stack's Delete deliverable after
/// it left the organization.
/// </summary>
internal static class OrganizationStatement
{
    public const string SidPrefix = "OnboardingOrganization";
    private const string ConditionKey = "aws:PrincipalOrgID";

    /// <summary>A Sid holds letters and digits only: the organization id without its dash.</summary>
    public static string SidOf(string organizationId) => SidPrefix + organizationId.Replace("-", "", StringComparison.Ordinal);

    public static JsonObject ToJson(string organizationId, string topicArn) => new()
    {
        ["Sid"] = SidOf(organizationId),
        ["Effect"] = "Allow",
        ["Principal"] = "*",
        ["Action"] = CustomerStatement.Action,
        ["Resource"] = topicArn,
        ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { [ConditionKey] = organizationId } },
    };

    /// <summary>The organization a statement of exactly this shape admits, or null for any other statement.</summary>
    public static string? TryRead(JsonNode statement, string topicArn)
    {
        if (statement is not JsonObject { Count: 6 } candidate
            || candidate["Condition"]?["StringEquals"]?[ConditionKey] is not JsonValue value
            || !value.TryGetValue(out string? organizationId)
            || !OrganizationIds.IsValid(organizationId))
            return null;
        return JsonNode.DeepEquals(candidate, ToJson(organizationId, topicArn)) ? organizationId : null;
    }
}
