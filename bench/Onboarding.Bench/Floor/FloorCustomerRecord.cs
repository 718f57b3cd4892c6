using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Onboarding.Persistence;
using Onboarding.Silo.Storage;
using static Onboarding.Silo.Storage.DynamoDbGrainStorageTable;

namespace Onboarding.Bench.Floor;

/// <summary>
/// The floor's customer item: the grain-state table's layout (keys, etag, write id, the indexed attributes the
/// state index keys on and projects) with a payload of the shape and size of the real customer state at each step
/// (the same fields, history, handled request, role check and pending notification), compressed as the grain
/// storage compresses it, and written with the same conditions (<c>attribute_not_exists</c> first, then the
/// expected etag). The bench reports both mean payloads: they are meant to match.
/// </summary>
public sealed class FloorCustomerRecord(string accountId)
{
    public const string StateName = "customer";

    // As the grain storage writes JSON.
    private static readonly JsonSerializerOptions AsStored = DynamoDbGrainStorageOptions.CreateDefaultSerializerOptions();

    private readonly JsonObject _payload = new()
    {
        ["AccountId"] = accountId,
        ["ExternalId"] = Secret(),
        ["OnboardingToken"] = Secret(),
        ["Attempt"] = 1,
        ["Region"] = "us-east-1",
        ["Reference"] = null,
        ["Whitelisted"] = false,
        ["LaunchUrl"] = null,
        ["LaunchUrlExpiresAt"] = null,
        ["RoleArn"] = null,
        ["StackId"] = null,
        ["PhysicalResourceId"] = null,
        ["History"] = new JsonArray(),
        // The service's JSON writes every field, defaults and nulls too: so does the floor's.
        ["PromptCount"] = 0,
        ["LastPromptAt"] = null,
        ["RoleUsable"] = false,
        ["AwaitingStackDelete"] = false,
        ["AwaitingAcceptance"] = null,
        ["MayBeOnTopic"] = false,
        ["HandledRequests"] = new JsonArray(),
        ["CustomerLinkSecret"] = Secret(),
        ["Effects"] = new JsonArray(),
        ["RoleCheck"] = null,
        ["RoleVerifiedAt"] = null,
        ["RoleHealthSince"] = null,
        ["NegativeChecksAt"] = null,
    };
    private readonly DateTimeOffset _createdAt = DateTimeOffset.UtcNow;
    private DateTimeOffset _changedAt;
    private string? _indexedState;

    public string AccountId => accountId;
    public long Version { get; private set; }
    public string State { get; private set; } = "None";
    public string? TemplateKey { get; set; }
    /// <summary>The quick-create URL the floor hands out (the service stores its own launch link instead).</summary>
    public Uri? LaunchUrl { get; set; }
    public string? TopicArn { get; set; }
    public string ExternalId => (string)_payload["ExternalId"]!;

    public Dictionary<string, AttributeValue> Key() => new()
    {
        [GrainIdAttribute] = new AttributeValue($"customer/{accountId}"),
        [StateNameAttribute] = new AttributeValue(StateName),
    };

    /// <summary>Sets payload fields the way the service's state has them at this step (null removes one).</summary>
    public FloorCustomerRecord With(params (string Name, JsonNode? Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            if (value is null) _payload.Remove(name);
            else _payload[name] = value;
        }
        return this;
    }

    /// <summary>Moves to <paramref name="state"/> and builds the conditional PutItem of the next version.</summary>
    public PutItemRequest Write(string tableName, string state, string reason)
    {
        var now = DateTimeOffset.UtcNow;
        if (state != State)
        {
            ((JsonArray)_payload["History"]!).Add(new JsonObject { ["At"] = now, ["From"] = State, ["To"] = state, ["Trigger"] = reason.Split(' ')[0], ["Reason"] = reason });
            _payload["StateSince"] = now;
        }
        State = state;
        _payload["State"] = state;
        _payload["TopicArn"] = TopicArn;
        _payload["TemplateKey"] = TemplateKey;
        _payload["CreatedAt"] = _createdAt;
        _payload["UpdatedAt"] = now;
        var expected = Version;
        Version++;
        var item = Key();
        item[ETagAttribute] = new AttributeValue { N = Version.ToString(CultureInfo.InvariantCulture) };
        item[WriteIdAttribute] = new AttributeValue(Guid.NewGuid().ToString("N"));
        item[UpdatedAtAttribute] = new AttributeValue(now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        item[PayloadAttribute] = GrainStatePayload.Encode(JsonSerializer.SerializeToUtf8Bytes(_payload, AsStored), PayloadCompression.Brotli);
        item[IndexedAttributeNames.AccountId] = new AttributeValue(accountId);
        item[IndexedAttributeNames.Region] = new AttributeValue("us-east-1");
        if (TopicArn is not null) item[IndexedAttributeNames.EventTopic] = new AttributeValue(TopicArn);
        item[OnboardingStateAttribute] = new AttributeValue(StateIndexKey.For(Enum.Parse<Onboarding.Customers.OnboardingState>(state), accountId));
        item[CreatedAtAttribute] = new AttributeValue(_createdAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        if (state != _indexedState) _changedAt = now;
        _indexedState = state;
        item[IndexedAttributeNames.ChangedAt] = new AttributeValue(_changedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        return OnVersion(new PutItemRequest { TableName = tableName, Item = item }, expected);
    }

    /// <summary>The grain storage's condition: no item yet for the first write, then the version the writer last wrote.</summary>
    public static PutItemRequest OnVersion(PutItemRequest request, long expected)
    {
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

    // 40 characters of a CSPRNG, as the service's external ids, tokens and link secrets.
    private static string Secret() => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
}
