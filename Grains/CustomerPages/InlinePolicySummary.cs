using System.Text.Json;
using Onboarding.CustomerPages;

namespace Onboarding.Grains.CustomerPages;

/// <summary>
/// Reads an IAM policy document into statements a person can read (effect, actions, resources, conditions): the
/// customer's page says what the role's inline policy grants without showing JSON. Pure. IAM lets a statement name
/// one value or a list, and a single statement or a list of them: both are read.
/// </summary>
public static class InlinePolicySummary
{
    public static IReadOnlyList<PolicyStatementSummary> Summarize(string? policyDocument)
    {
        if (string.IsNullOrWhiteSpace(policyDocument)) return [];
        using var document = JsonDocument.Parse(policyDocument);
        if (!document.RootElement.TryGetProperty("Statement", out var statements)) return [];
        var each = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
        return [.. each.Where(s => s.ValueKind == JsonValueKind.Object).Select(Statement)];
    }

    private static PolicyStatementSummary Statement(JsonElement statement)
    {
        var allow = !string.Equals(Text(statement, "Effect"), "Deny", StringComparison.OrdinalIgnoreCase);
        var notActions = statement.TryGetProperty("NotAction", out _);
        var notResources = statement.TryGetProperty("NotResource", out _);
        return new PolicyStatementSummary(
            allow,
            Values(statement, notActions ? "NotAction" : "Action"),
            notActions,
            Values(statement, notResources ? "NotResource" : "Resource"),
            notResources,
            Conditions(statement));
    }

    /// <summary>Each condition as "operator key: value, value" (e.g. "StringEquals aws:RequestedRegion: eu-west-1").</summary>
    private static List<string> Conditions(JsonElement statement)
    {
        if (!statement.TryGetProperty("Condition", out var condition) || condition.ValueKind != JsonValueKind.Object) return [];
        return [.. condition.EnumerateObject()
            .Where(op => op.Value.ValueKind == JsonValueKind.Object)
            .SelectMany(op => op.Value.EnumerateObject().Select(key => $"{op.Name} {key.Name}: {string.Join(", ", ValuesOf(key.Value))}"))];
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Values(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? ValuesOf(value) : [];

    private static List<string> ValuesOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())],
        JsonValueKind.String => [value.GetString()!],
        _ => [value.GetRawText()],
    };
}
