using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Onboarding.Customers;
using Onboarding.Queries;
using Onboarding.Grains.Ports;
using Onboarding.Persistence;
using Onboarding.Silo.Configuration;

namespace Onboarding.Silo.Storage;

/// <summary>
/// Customers by state from the grain-state table's <see cref="DynamoDbGrainStorageTable.StateIndexName"/>
/// index: a Query per page (newest first), never a scan and never a grain per customer. The cursor is
/// the index's LastEvaluatedKey, base64url-encoded and bound to the state it was issued for.
/// </summary>
public sealed class DynamoDbCustomerIndex(IAmazonDynamoDB dynamoDb, IOptions<ResourceOptions> resources) : ICustomerIndex, ITopicMemberIndex
{
    // Every state in which a record can place its account on a topic (CustomerState.JustifiedTopicArn).
    private static readonly OnboardingState[] TopicMemberStates = [.. Enum.GetValues<OnboardingState>().Where(s => s != OnboardingState.None)];

    private const int CursorVersion = 1;
    /// <summary>Longer than any key this service writes (DynamoDB allows 2 KB of partition key).</summary>
    private const int MaxKeyLength = 1024;
    private static readonly string[] ProjectedAttributes =
    [
        IndexedAttributeNames.AccountId, IndexedAttributeNames.OnboardingState, IndexedAttributeNames.Region,
        IndexedAttributeNames.Reference, IndexedAttributeNames.CreatedAt, IndexedAttributeNames.Stalled,
        IndexedAttributeNames.ChangedAt,
    ];

    public async Task<CustomerPage> ListAsync(OnboardingState state, CustomerFilter filter, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var names = ProjectedAttributes.Select((name, i) => (Placeholder: $"#a{i}", name)).ToList();
        var request = StateQuery(state, filter);
        request.Limit = limit;
        request.ScanIndexForward = false;
        request.ProjectionExpression = string.Join(", ", names.Select(n => n.Placeholder));
        foreach (var (placeholder, name) in names) request.ExpressionAttributeNames[placeholder] = name;
        if (cursor is not null) request.ExclusiveStartKey = DecodeCursor(cursor, state);

        QueryResponse response;
        try
        {
            response = await dynamoDb.QueryAsync(request, cancellationToken);
        }
        catch (AmazonDynamoDBException exception) when (cursor is not null && exception.ErrorCode == "ValidationException")
        {
            // A well-formed cursor naming a key DynamoDB rejects: the client's mistake, not ours.
            throw new InvalidCursorException("The cursor is not one this service issued.");
        }
        var customers = (response.Items ?? []).Select(ToSummary).ToList();
        var next = response.LastEvaluatedKey is { Count: > 0 } last ? EncodeCursor(last, state) : null;
        return new CustomerPage(customers, next);
    }

    public async Task<long> CountAsync(OnboardingState state, CustomerFilter filter, CancellationToken cancellationToken)
    {
        long count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = StateQuery(state, filter);
            request.Select = Select.COUNT;
            request.ExclusiveStartKey = start;
            var response = await dynamoDb.QueryAsync(request, cancellationToken);
            count += response.Count ?? 0;
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return count;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ListTopicMembersAsync(CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var state in TopicMemberStates)
        {
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var request = StateQuery(state);
                request.ExclusiveStartKey = start;
                request.FilterExpression = "attribute_exists(#topic)";
                request.ProjectionExpression = "#account, #topic";
                request.ExpressionAttributeNames["#topic"] = IndexedAttributeNames.EventTopic;
                request.ExpressionAttributeNames["#account"] = IndexedAttributeNames.AccountId;
                var response = await dynamoDb.QueryAsync(request, cancellationToken);
                foreach (var item in response.Items ?? [])
                {
                    if (Text(item, IndexedAttributeNames.EventTopic) is { } topic && Text(item, IndexedAttributeNames.AccountId) is { } account)
                        (members.TryGetValue(topic, out var accounts) ? accounts : members[topic] = new(StringComparer.Ordinal)).Add(account);
                }
                start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);
        }
        return members.ToDictionary(m => m.Key, m => (IReadOnlySet<string>)m.Value, StringComparer.Ordinal);
    }

    private QueryRequest StateQuery(OnboardingState state, CustomerFilter filter = CustomerFilter.All)
    {
        var request = new QueryRequest
        {
            TableName = resources.Value.GrainStateTable,
            IndexName = DynamoDbGrainStorageTable.StateIndexName,
            KeyConditionExpression = "#state = :state",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#state"] = IndexedAttributeNames.OnboardingState },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":state"] = new() { S = state.ToString() } },
        };
        // Flags are written only when set (an empty indexed value is left out of the item).
        var flag = filter switch
        {
            CustomerFilter.Stalled => IndexedAttributeNames.Stalled,
            CustomerFilter.RoleDegraded => IndexedAttributeNames.Degraded,
            CustomerFilter.Outdated => IndexedAttributeNames.Outdated,
            _ => null,
        };
        if (flag is not null)
        {
            request.FilterExpression = "attribute_exists(#flag)";
            request.ExpressionAttributeNames["#flag"] = flag;
        }
        return request;
    }

    private static CustomerSummary ToSummary(Dictionary<string, AttributeValue> item) => new(
        Text(item, IndexedAttributeNames.AccountId) ?? "",
        Enum.Parse<OnboardingState>(Text(item, IndexedAttributeNames.OnboardingState) ?? nameof(OnboardingState.None)),
        Text(item, IndexedAttributeNames.Region),
        Text(item, IndexedAttributeNames.Reference),
        Time(item, IndexedAttributeNames.CreatedAt) ?? DateTimeOffset.MinValue,
        Time(item, IndexedAttributeNames.ChangedAt),
        item.ContainsKey(IndexedAttributeNames.Stalled));

    private static string? Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is { Length: > 0 } s ? s : null;

    private static DateTimeOffset? Time(Dictionary<string, AttributeValue> item, string name) =>
        Text(item, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    private sealed record Cursor(int V, string State, string GrainId, string StateName, string CreatedAt);

    private static string EncodeCursor(Dictionary<string, AttributeValue> lastKey, OnboardingState state)
    {
        var cursor = new Cursor(
            CursorVersion,
            state.ToString(),
            lastKey[DynamoDbGrainStorageTable.GrainIdAttribute].S,
            lastKey[DynamoDbGrainStorageTable.StateNameAttribute].S,
            lastKey[IndexedAttributeNames.CreatedAt].S);
        return WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(cursor));
    }

    private static Dictionary<string, AttributeValue> DecodeCursor(string text, OnboardingState state)
    {
        Cursor? cursor;
        try
        {
            cursor = JsonSerializer.Deserialize<Cursor>(WebEncoders.Base64UrlDecode(text));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new InvalidCursorException("The cursor is not one this service issued.");
        }
        if (cursor is not { V: CursorVersion } || cursor.State != state.ToString() ||
            string.IsNullOrEmpty(cursor.GrainId) || cursor.GrainId.Length > MaxKeyLength ||
            string.IsNullOrEmpty(cursor.StateName) || cursor.StateName.Length > MaxKeyLength ||
            !DateTimeOffset.TryParse(cursor.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            throw new InvalidCursorException($"The cursor was not issued for a list of {state} customers.");
        }
        return new Dictionary<string, AttributeValue>
        {
            [DynamoDbGrainStorageTable.GrainIdAttribute] = new() { S = cursor.GrainId },
            [DynamoDbGrainStorageTable.StateNameAttribute] = new() { S = cursor.StateName },
            [IndexedAttributeNames.OnboardingState] = new() { S = state.ToString() },
            [IndexedAttributeNames.CreatedAt] = new() { S = cursor.CreatedAt },
        };
    }
}
