using System.Text.Json.Nodes;

namespace Onboarding.Silo.Aws;

/// <summary>
/// The events queue's access policy: one statement lets SNS deliver from every event topic of the
/// service (matched by name prefix in the partner's account), so opening a topic never has to edit it.
/// Statements the service did not write are kept.
/// </summary>
public static class EventsQueuePolicy
{
    public const string StatementId = "AllowOnboardingEventTopics";

    /// <summary>The source ARN pattern for event topics of any region in the topic owner's account.</summary>
    public static string SourceArnPattern(string anyEventTopicArn, string topicNamePrefix)
    {
        var parts = anyEventTopicArn.Split(':');
        if (parts.Length != 6 || parts[2] != "sns")
            throw new ArgumentException($"'{anyEventTopicArn}' is not an SNS topic ARN.", nameof(anyEventTopicArn));
        return $"arn:{parts[1]}:sns:*:{parts[4]}:{topicNamePrefix}-*";
    }

    /// <summary>The policy with the service's statement set to allow <paramref name="sourceArnPattern"/>; null when nothing changes.</summary>
    public static string? Ensure(string? currentPolicy, string queueArn, string sourceArnPattern)
    {
        var policy = string.IsNullOrWhiteSpace(currentPolicy)
            ? new JsonObject { ["Version"] = "2012-10-17" }
            : JsonNode.Parse(currentPolicy) as JsonObject ?? throw new FormatException("The events queue's policy is not a JSON object.");
        var statements = policy["Statement"] as JsonArray ?? [];
        var wanted = Statement(queueArn, sourceArnPattern);
        var existing = statements.OfType<JsonObject>().FirstOrDefault(s => (string?)s["Sid"] == StatementId);
        if (existing is not null && JsonNode.DeepEquals(existing, wanted)) return null;
        if (existing is not null) statements.Remove(existing);
        statements.Add(wanted);
        policy["Statement"] = statements.DeepClone();
        return policy.ToJsonString();
    }

    private static JsonObject Statement(string queueArn, string sourceArnPattern) => new()
    {
        ["Sid"] = StatementId,
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Service"] = "sns.amazonaws.com" },
        ["Action"] = "sqs:SendMessage",
        ["Resource"] = queueArn,
        ["Condition"] = new JsonObject { ["ArnLike"] = new JsonObject { ["aws:SourceArn"] = sourceArnPattern } },
    };
}
