using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Onboarding.Persistence;
using static Onboarding.Silo.Storage.DynamoDbGrainStorageTable;

namespace Onboarding.Bench.Floor;

/// <summary>
/// The floor's customer item: the grain-state table's layout (keys, etag, indexed state and created-at for
/// the ByState index) with a JSON payload of about the size of the real customer state, written with the
/// same conditions (<c>attribute_not_exists</c> first, then the expected etag).
/// </summary>
public sealed class FloorCustomerRecord(string accountId)
{
    public const string StateName = "customer";

    /// <summary>
    /// What the real state carries beyond these fields (handled requests with their answers, notifications,
    /// longer history reasons): the bench reports both mean payload sizes, and this brings the floor's to
    /// about the service's (2.5 KB measured on 2026-11-25).
    /// </summary>
    private static readonly string Padding = new('x', 1_200);
    private readonly List<object> _history = [];
    private readonly DateTimeOffset _createdAt = DateTimeOffset.UtcNow;

    public string AccountId => accountId;
    public long Version { get; private set; }
    public string State { get; private set; } = "None";
    public string? TemplateKey { get; set; }
    public Uri? LaunchUrl { get; set; }
    public string? TopicArn { get; set; }
    public string ExternalId { get; } = Guid.NewGuid().ToString("N") + "xyz01234";
    public string ReminderKey => $"{(uint)accountId.GetHashCode():X8}|customer/{accountId}|onboarding-schedule";

    public Dictionary<string, AttributeValue> Key() => new()
    {
        [GrainIdAttribute] = new AttributeValue($"customer/{accountId}"),
        [StateNameAttribute] = new AttributeValue(StateName),
    };

    /// <summary>Moves to <paramref name="state"/> and builds the conditional PutItem of the next version.</summary>
    public PutItemRequest Write(string tableName, string state, string reason)
    {
        if (state != State) _history.Add(new { at = DateTimeOffset.UtcNow, from = State, to = state, reason });
        State = state;
        var expected = Version;
        Version++;
        var item = Key();
        item[ETagAttribute] = new AttributeValue { N = Version.ToString(CultureInfo.InvariantCulture) };
        item[PayloadTypeAttribute] = new AttributeValue("Onboarding.Grains.Customers.CustomerState");
        item[UpdatedAtAttribute] = new AttributeValue(DateTimeOffset.UtcNow.ToString("O"));
        item[PayloadAttribute] = new AttributeValue(JsonSerializer.Serialize(new
        {
            accountId, state, externalId = ExternalId, onboardingToken = ExternalId, region = "us-east-1", topicArn = TopicArn,
            templateKey = TemplateKey, launchUrl = LaunchUrl, createdAt = _createdAt, updatedAt = DateTimeOffset.UtcNow, history = _history, padding = Padding,
        }));
        item[IndexedAttributeNames.AccountId] = new AttributeValue(accountId);
        item[OnboardingStateAttribute] = new AttributeValue(state);
        item[CreatedAtAttribute] = new AttributeValue(_createdAt.ToString("O"));
        var request = new PutItemRequest { TableName = tableName, Item = item };
        if (expected == 0)
        {
            request.ConditionExpression = "attribute_not_exists(#g)";
            request.ExpressionAttributeNames = new() { ["#g"] = GrainIdAttribute };
        }
        else
        {
            request.ConditionExpression = "#e = :e";
            request.ExpressionAttributeNames = new() { ["#e"] = ETagAttribute };
            request.ExpressionAttributeValues = new() { [":e"] = new AttributeValue { N = expected.ToString(CultureInfo.InvariantCulture) } };
        }
        return request;
    }
}
