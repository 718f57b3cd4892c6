using Onboarding.CustomerPages;

namespace Onboarding.Api.Pages.Onboarding;

/// <summary>The role's access in words: managed policies by name, each inline statement as one sentence. Pure.</summary>
public static class RoleAccessText
{
    private const string AwsManagedPrefix = "arn:aws:iam::aws:policy/";

    /// <summary>"SecurityAudit (an AWS managed policy)", or the customer-managed policy's name and the account it lives in.</summary>
    public static string ManagedPolicy(string arn)
    {
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        return arn.StartsWith(AwsManagedPrefix, StringComparison.Ordinal) ? $"{name} (an AWS managed policy)" : $"{name} ({arn})";
    }

    /// <summary>E.g. "Allows s3:GetObject and s3:ListBucket on arn:aws:s3:::reports/*, only when StringEquals aws:RequestedRegion: eu-west-1."</summary>
    public static string Statement(PolicyStatementSummary statement)
    {
        var verb = statement.Allow ? "Allows" : "Denies";
        var actions = statement.Actions.Contains("*") && !statement.NotActions ? "every action"
            : (statement.NotActions ? "every action except " : "") + List(statement.Actions);
        var resources = statement.Resources.Contains("*") && !statement.NotResources ? "every resource"
            : (statement.NotResources ? "every resource except " : "") + List(statement.Resources);
        var conditions = statement.Conditions.Count == 0 ? "" : ", only when " + string.Join("; and ", statement.Conditions);
        return $"{verb} {actions} on {resources}{conditions}.";
    }

    private static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "nothing",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
