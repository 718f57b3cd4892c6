using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Onboarding.Grains.Identifiers;

namespace Onboarding.Grains.Whitelist;

/// <summary>A statement this service owns: lets <see cref="Accounts"/> publish to the topic.</summary>
internal sealed record CustomerStatement(string Sid, ImmutableSortedSet<string> Accounts)
{
    public const string Action = "sns:Publish";
    private const string Effect = "Allow";
    private const string PrincipalType = "AWS";
    private static readonly string[] Keys = ["Sid", "Effect", "Principal", "Action", "Resource"];

    public static ImmutableSortedSet<string> NoAccounts { get; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    public JsonObject ToJson(string topicArn, string partition) => new()
    {
        ["Sid"] = Sid,
        ["Effect"] = Effect,
        ["Principal"] = new JsonObject
        {
            [PrincipalType] = new JsonArray([.. Accounts.Select(account => JsonValue.Create(RootArn(partition, account)))]),
        },
        ["Action"] = Action,
        ["Resource"] = topicArn,
    };

    public static string RootArn(string partition, string account) => $"arn:{partition}:iam::{account}:root";

    /// <summary>
    /// Reads a statement if it has our Sid prefix and exactly our shape; anything else (even with our
    /// prefix) is not ours to rewrite and stays untouched.
    /// </summary>
    public static CustomerStatement? TryRead(JsonObject statement, string topicArn, string partition)
    {
        if (statement["Sid"] is not JsonValue sidValue
            || !sidValue.TryGetValue(out string? sid)
            || !sid.StartsWith(TopicPolicyDocument.CustomerSidPrefix, StringComparison.Ordinal)
            || statement.Count != Keys.Length
            || !Keys.All(statement.ContainsKey)
            || !IsSingleString(statement["Effect"], Effect)
            || !IsSingleString(statement["Action"], Action)
            || !IsSingleString(statement["Resource"], topicArn)
            || statement["Principal"] is not JsonObject { Count: 1 } principal
            || principal[PrincipalType] is not { } awsPrincipals)
        {
            return null;
        }

        var accounts = NoAccounts.ToBuilder();
        JsonNode?[] nodes = awsPrincipals is JsonArray array ? [.. array] : [awsPrincipals];
        foreach (var node in nodes)
        {
            if (ReadAccount(node, partition) is not { } account)
            {
                return null;
            }

            accounts.Add(account);
        }

        return new CustomerStatement(sid, accounts.ToImmutable());
    }

    // AWS answers with the root ARN; a policy written by hand may hold the bare account id.
    private static string? ReadAccount(JsonNode? node, string partition)
    {
        if (node is not JsonValue value || !value.TryGetValue(out string? text))
        {
            return null;
        }

        if (AccountIds.IsValid(text))
        {
            return text;
        }

        var arn = AwsIdentifierPatterns.AccountRootArn().Match(text);
        return arn.Success && arn.Groups["partition"].Value == partition ? arn.Groups["account"].Value : null;
    }

    // IAM accepts a single value or a one-element array.
    private static bool IsSingleString(JsonNode? node, string expected) => node switch
    {
        JsonValue value => value.TryGetValue(out string? text) && text == expected,
        JsonArray { Count: 1 } array => IsSingleString(array[0], expected),
        _ => false,
    };
}
