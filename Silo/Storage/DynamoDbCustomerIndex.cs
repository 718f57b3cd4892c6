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
/// an index key (the LastEvaluatedKey, or a page's first entry to go back from), base64url-encoded and
/// bound to the state it was issued for.
/// </summary>
public sealed class DynamoDbCustomerIndex(IAmazonDynamoDB dynamoDb, IOptions<ResourceOptions> resources) : ICustomerIndex, ITopicMemberIndex
{
    // Every state in which a record can place its account on a topic (CustomerState.JustifiedTopicArn).
    private static readonly OnboardingState[] TopicMemberStates = [.. Enum.GetValues<OnboardingState>().Where(s => s != OnboardingState.None)];

    private const int CursorVersion = 1;
    /// <summary>Longer than any key this service writes (DynamoDB allows 2 KB of partition key).</summary>
    private const int MaxKeyLength = 1024;
    // The table's keys too: a page's first entry is where its previous page is looked for.
    private static readonly string[] ProjectedAttributes =
    [
        IndexedAttributeNames.AccountId, IndexedAttributeNames.OnboardingState, IndexedAttributeNames.Region,
        IndexedAttributeNames.Reference, IndexedAttributeNames.CreatedAt, IndexedAttributeNames.Stalled,
        IndexedAttributeNames.ChangedAt, DynamoDbGrainStorageTable.GrainIdAttribute, DynamoDbGrainStorageTable.StateNameAttribute,
    ];

    private static readonly OnboardingState[] ListableStates = [.. Enum.GetValues<OnboardingState>().Where(s => s != OnboardingState.None)];

    public async Task<CustomerPage> ListAsync(OnboardingState state, CustomerFilter filter, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var (start, back) = cursor is null ? (null, false) : DecodeCursor(cursor, state);
        var request = ProjectedStateQuery(state, filter);
        // One more than the page: whether another page follows is then known, not guessed from a LastEvaluatedKey that
        // DynamoDB returns whenever the limit was reached (a link to an empty page).
        request.Limit = limit + 1;
        // Newest first; a cursor back reads the newer entries just before the page it came from, oldest of them first.
        request.ScanIndexForward = back;
        request.ExclusiveStartKey = start;
        var response = await QueryPageAsync(request, cursor is not null, cancellationToken);
        var items = response.Items ?? [];
        var lastRead = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        var more = items.Count > limit || lastRead is not null;
        if (items.Count > limit)
        {
            items.RemoveRange(limit, items.Count - limit);
            lastRead = KeyOf(items[^1]);
        }
        if (!back)
        {
            var next = more ? EncodeCursor(lastRead!, state, back: false) : null;
            var previous = cursor is not null && items.Count > 0 ? EncodeCursor(KeyOf(items[0]), state, back: true) : null;
            return new CustomerPage([.. items.Select(ToSummary)], next, previous);
        }
        // Nothing newer is left (they all moved on since): the first page is the page before.
        if (items.Count == 0) return await ListAsync(state, filter, limit, null, cancellationToken);
        items.Reverse();
        return new CustomerPage([.. items.Select(ToSummary)], EncodeCursor(KeyOf(items[^1]), state, back: false),
            more ? EncodeCursor(KeyOf(items[0]), state, back: true) : null);
    }

    public async Task<IReadOnlyList<CustomerSummary>> FindByReferenceAsync(string reference, int limit, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(ListableStates.Select(state => FindByReferenceAsync(state, reference, limit, cancellationToken)));
        return [.. found.SelectMany(f => f).OrderByDescending(c => c.CreatedAt).Take(limit)];
    }

    /// <summary>One state's entries with the reference: every page of the state is read (DynamoDB filters after reading).</summary>
    private async Task<List<CustomerSummary>> FindByReferenceAsync(OnboardingState state, string reference, int limit, CancellationToken cancellationToken)
    {
        var found = new List<CustomerSummary>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = ProjectedStateQuery(state, CustomerFilter.All);
            request.ScanIndexForward = false;
            request.ExclusiveStartKey = start;
            request.FilterExpression = "#reference = :reference";
            request.ExpressionAttributeNames["#reference"] = IndexedAttributeNames.Reference;
            request.ExpressionAttributeValues[":reference"] = new() { S = reference };
            var response = await dynamoDb.QueryAsync(request, cancellationToken);
            found.AddRange((response.Items ?? []).Select(ToSummary));
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null && found.Count < limit);
        return found;
    }

    private QueryRequest ProjectedStateQuery(OnboardingState state, CustomerFilter filter)
    {
        var request = StateQuery(state, filter);
        var names = ProjectedAttributes.Select((name, i) => (Placeholder: $"#a{i}", name)).ToList();
        request.ProjectionExpression = string.Join(", ", names.Select(n => n.Placeholder));
        foreach (var (placeholder, name) in names) request.ExpressionAttributeNames[placeholder] = name;
        return request;
    }

    private async Task<QueryResponse> QueryPageAsync(QueryRequest request, bool fromCursor, CancellationToken cancellationToken)
    {
        QueryResponse response;
        try
        {
            response = await dynamoDb.QueryAsync(request, cancellationToken);
        }
        catch (AmazonDynamoDBException exception) when (fromCursor && exception.ErrorCode == "ValidationException")
        {
            // A well-formed cursor naming a key DynamoDB rejects: the client's mistake, not ours.
            throw new InvalidCursorException("The cursor is not one this service issued.");
        }
        return response;
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

    /// <summary>An index position; <paramref name="Back"/>: the page before it (newer entries), not the one after.</summary>
    private sealed record Cursor(int V, string State, string GrainId, string StateName, string CreatedAt, bool Back = false);

    /// <summary>An entry's index key, as DynamoDB's LastEvaluatedKey would name it.</summary>
    private static Dictionary<string, AttributeValue> KeyOf(Dictionary<string, AttributeValue> item) => new()
    {
        [DynamoDbGrainStorageTable.GrainIdAttribute] = item[DynamoDbGrainStorageTable.GrainIdAttribute],
        [DynamoDbGrainStorageTable.StateNameAttribute] = item[DynamoDbGrainStorageTable.StateNameAttribute],
        [IndexedAttributeNames.OnboardingState] = item[IndexedAttributeNames.OnboardingState],
        [IndexedAttributeNames.CreatedAt] = item[IndexedAttributeNames.CreatedAt],
    };

    private static string EncodeCursor(Dictionary<string, AttributeValue> key, OnboardingState state, bool back)
    {
        var cursor = new Cursor(
            CursorVersion,
            state.ToString(),
            key[DynamoDbGrainStorageTable.GrainIdAttribute].S,
            key[DynamoDbGrainStorageTable.StateNameAttribute].S,
            key[IndexedAttributeNames.CreatedAt].S,
            back);
        return WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(cursor));
    }

    private static (Dictionary<string, AttributeValue> Key, bool Back) DecodeCursor(string text, OnboardingState state)
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
        return (new Dictionary<string, AttributeValue>
        {
            [DynamoDbGrainStorageTable.GrainIdAttribute] = new() { S = cursor.GrainId },
            [DynamoDbGrainStorageTable.StateNameAttribute] = new() { S = cursor.StateName },
            [IndexedAttributeNames.OnboardingState] = new() { S = state.ToString() },
            [IndexedAttributeNames.CreatedAt] = new() { S = cursor.CreatedAt },
        }, cursor.Back);
    }
}
