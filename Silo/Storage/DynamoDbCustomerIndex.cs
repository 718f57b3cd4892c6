using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
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
/// index: never a scan and never a grain per customer. A state's customers are spread over the write shards of
/// <see cref="StateIndexKey"/> (and the bare state of records written before them): a page queries each partition
/// and merges them newest first (or, to go back, the entries just before a page, oldest first). The cursor holds
/// where each partition stands and which way it leads, base64url-encoded and bound to the state it was issued for.
/// </summary>
public sealed class DynamoDbCustomerIndex(IAmazonDynamoDB dynamoDb, IOptions<ResourceOptions> resources) : ICustomerIndex, ITopicMemberIndex
{
    // Every state in which a record can place its account on a topic (CustomerState.JustifiedTopicArn).
    private static readonly OnboardingState[] TopicMemberStates = [.. Enum.GetValues<OnboardingState>().Where(s => s != OnboardingState.None)];

    private static readonly OnboardingState[] ListableStates = [.. Enum.GetValues<OnboardingState>().Where(s => s != OnboardingState.None)];

    private const int CursorVersion = 2;
    /// <summary>Longer than any key this service writes (DynamoDB allows 2 KB of partition key).</summary>
    private const int MaxKeyLength = 1024;
    // The table's keys too: a partition's position is the index key of an entry read from it.
    private static readonly string[] ProjectedAttributes =
    [
        IndexedAttributeNames.AccountId, IndexedAttributeNames.OnboardingState, IndexedAttributeNames.Region,
        IndexedAttributeNames.Reference, IndexedAttributeNames.CreatedAt, IndexedAttributeNames.Stalled,
        IndexedAttributeNames.ChangedAt, DynamoDbGrainStorageTable.GrainIdAttribute, DynamoDbGrainStorageTable.StateNameAttribute,
    ];

    public async Task<CustomerPage> ListAsync(OnboardingState state, CustomerFilter filter, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var (positions, back) = cursor is null ? (new Dictionary<string, CursorKey?>(StringComparer.Ordinal), false) : DecodeCursor(cursor, state);
        var read = await ReadAsync(state, filter, limit, positions, back, cursor is not null, cancellationToken);
        if (!back)
        {
            var next = read.More ? EncodeCursor(read.Onwards, state, back: false) : null;
            var previous = cursor is not null && read.Items.Count > 0 ? EncodeCursor(read.OtherWay, state, back: true) : null;
            return new CustomerPage([.. read.Items.Select(ToSummary)], next, previous);
        }
        // A filter that left none of the entries read while newer ones are left: read on back from where each partition stopped.
        while (read.Items.Count == 0 && read.More) read = await ReadAsync(state, filter, limit, read.Onwards, back: true, fromCursor: true, cancellationToken);
        // Nothing newer is left (they all moved on since): the first page is the page before.
        if (read.Items.Count == 0) return await ListAsync(state, filter, limit, null, cancellationToken);
        // A filtered read may stop where DynamoDB's limit did with nothing newer to match: a link back is given only to a
        // page that has a customer, so that paging back ends on the first page, not past it.
        var more = read.More && (read.Untaken || await AnyNewerAsync(state, filter, limit, read.Onwards, cancellationToken));
        return new CustomerPage([.. read.Items.Reverse().Select(ToSummary)], EncodeCursor(read.OtherWay, state, back: false),
            more ? EncodeCursor(read.Onwards, state, back: true) : null);
    }

    private async Task<bool> AnyNewerAsync(OnboardingState state, CustomerFilter filter, int limit, Dictionary<string, CursorKey?> positions, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await ReadAsync(state, filter, limit, positions, back: true, fromCursor: true, cancellationToken);
            if (read.Items.Count > 0) return true;
            if (!read.More) return false;
            positions = read.Onwards;
        }
    }

    /// <summary>
    /// What one read of a state's partitions gave: <see cref="Items"/> merged (oldest first when read back);
    /// <see cref="Onwards"/> where each partition stands the same way; <see cref="More"/>: any partition may have more that
    /// way; <see cref="Untaken"/>: an entry read was left for the next page; <see cref="OtherWay"/> where each partition
    /// starts the other way.
    /// </summary>
    private sealed record PartitionsRead(
        IReadOnlyList<Dictionary<string, AttributeValue>> Items, Dictionary<string, CursorKey?> Onwards, bool More, bool Untaken, Dictionary<string, CursorKey?> OtherWay);

    private async Task<PartitionsRead> ReadAsync(
        OnboardingState state, CustomerFilter filter, int limit, Dictionary<string, CursorKey?> positions, bool back, bool fromCursor, CancellationToken cancellationToken)
    {
        var partitions = StateIndexKey.PartitionsOf(state)
            .Where(partition => !positions.TryGetValue(partition, out var position) || position is not null)
            .ToList();
        // Each partition is read one entry past the page: whether another page follows is then known, not guessed from a
        // LastEvaluatedKey that DynamoDB returns whenever the limit was reached (a link to an empty page).
        var pages = await Task.WhenAll(partitions.Select(partition =>
            QueryPageAsync(partition, filter, limit + 1, newestFirst: !back, positions.GetValueOrDefault(partition), fromCursor, cancellationToken)));
        var merged = back ? PartitionMerge.OldestFirst(pages, limit) : PartitionMerge.NewestFirst(pages, limit);

        // Onwards (the same way): a partition read to the end of its page stands where its Query stopped (null: at its
        // end), one partly taken at its last entry taken, one not taken from where it stood.
        var onwards = new Dictionary<string, CursorKey?>(positions, StringComparer.Ordinal);
        foreach (var (page, taken) in pages.Zip(merged.Taken))
        {
            if (taken == page.Items.Count) onwards[page.Partition] = page.HasMore ? CursorKey.Of(page.LastEvaluatedKey!) : null;
            else if (taken > 0) onwards[page.Partition] = CursorKey.Of(page.Items[taken - 1]);
        }
        var more = !StateIndexKey.PartitionsOf(state).All(partition => onwards.TryGetValue(partition, out var position) && position is null);

        // The other way: each partition from just before what this read of it (its first entry, else where its Query
        // stopped); a partition with nothing left this way (or not read) from its start the other way, all of it lies there.
        var otherWay = new Dictionary<string, CursorKey?>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            if (page.Items.Count > 0) otherWay[page.Partition] = CursorKey.Of(page.Items[0]);
            else if (page.HasMore) otherWay[page.Partition] = CursorKey.Of(page.LastEvaluatedKey!);
        }
        return new PartitionsRead(merged.Items, onwards, more, pages.Zip(merged.Taken).Any(p => p.Second < p.First.Items.Count), otherWay);
    }

    public async Task<IReadOnlyList<CustomerSummary>> FindByReferenceAsync(string reference, int limit, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(ListableStates.SelectMany(StateIndexKey.PartitionsOf)
            .Select(partition => FindByReferenceAsync(partition, reference, limit, cancellationToken)));
        return [.. found.SelectMany(f => f).OrderByDescending(c => c.CreatedAt).Take(limit)];
    }

    /// <summary>One partition's entries with the reference: every page of it is read (DynamoDB filters after reading).</summary>
    private async Task<List<CustomerSummary>> FindByReferenceAsync(string partition, string reference, int limit, CancellationToken cancellationToken)
    {
        var found = new List<CustomerSummary>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = ProjectedStateQuery(partition, CustomerFilter.All);
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

    public async Task<long> CountAsync(OnboardingState state, CustomerFilter filter, CancellationToken cancellationToken)
    {
        var counts = await Task.WhenAll(StateIndexKey.PartitionsOf(state).Select(async partition =>
        {
            long count = 0;
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var request = StateQuery(partition, filter);
                request.Select = Select.COUNT;
                request.ExclusiveStartKey = start;
                var response = await dynamoDb.QueryAsync(request, cancellationToken);
                count += response.Count ?? 0;
                start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);
            return count;
        }));
        return counts.Sum();
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ListTopicMembersAsync(CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var partition in TopicMemberStates.SelectMany(StateIndexKey.PartitionsOf))
        {
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var request = StateQuery(partition);
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

    /// <summary>One partition's page from its position in the cursor (or its start), newest first or oldest first.</summary>
    private async Task<PartitionPage> QueryPageAsync(
        string partition, CustomerFilter filter, int limit, bool newestFirst, CursorKey? position, bool fromCursor, CancellationToken cancellationToken)
    {
        var request = ProjectedStateQuery(partition, filter);
        request.Limit = limit;
        request.ScanIndexForward = !newestFirst;
        if (position is not null) request.ExclusiveStartKey = position.ToKey(partition);
        try
        {
            var response = await dynamoDb.QueryAsync(request, cancellationToken);
            return new PartitionPage(partition, response.Items ?? [], response.LastEvaluatedKey);
        }
        catch (AmazonDynamoDBException exception) when (fromCursor && exception.ErrorCode == "ValidationException")
        {
            // A well-formed cursor naming a key DynamoDB rejects: the client's mistake, not ours.
            throw new InvalidCursorException("The cursor is not one this service issued.");
        }
    }

    private QueryRequest ProjectedStateQuery(string partition, CustomerFilter filter)
    {
        var request = StateQuery(partition, filter);
        var names = ProjectedAttributes.Select((name, i) => (Placeholder: $"#a{i}", name)).ToList();
        request.ProjectionExpression = string.Join(", ", names.Select(n => n.Placeholder));
        foreach (var (placeholder, name) in names) request.ExpressionAttributeNames[placeholder] = name;
        return request;
    }

    private QueryRequest StateQuery(string partition, CustomerFilter filter = CustomerFilter.All)
    {
        var request = new QueryRequest
        {
            TableName = resources.Value.GrainStateTable,
            IndexName = DynamoDbGrainStorageTable.StateIndexName,
            KeyConditionExpression = "#state = :state",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#state"] = IndexedAttributeNames.OnboardingState },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":state"] = new() { S = partition } },
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
        StateIndexKey.StateOf(Text(item, IndexedAttributeNames.OnboardingState) ?? "") ?? OnboardingState.None,
        Text(item, IndexedAttributeNames.Region),
        Text(item, IndexedAttributeNames.Reference),
        Time(item, IndexedAttributeNames.CreatedAt) ?? DateTimeOffset.MinValue,
        Time(item, IndexedAttributeNames.ChangedAt),
        item.ContainsKey(IndexedAttributeNames.Stalled));

    private static string? Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is { Length: > 0 } s ? s : null;

    private static DateTimeOffset? Time(Dictionary<string, AttributeValue> item, string name) =>
        Text(item, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    /// <summary>Where a partition stands: the index key of an entry read from it, exclusive (the partition key is the dictionary's).</summary>
    private sealed record CursorKey(string G, string N, string C)
    {
        public static CursorKey Of(Dictionary<string, AttributeValue> item) => new(
            item[DynamoDbGrainStorageTable.GrainIdAttribute].S, item[DynamoDbGrainStorageTable.StateNameAttribute].S, item[IndexedAttributeNames.CreatedAt].S);

        public Dictionary<string, AttributeValue> ToKey(string partition) => new()
        {
            [DynamoDbGrainStorageTable.GrainIdAttribute] = new() { S = G },
            [DynamoDbGrainStorageTable.StateNameAttribute] = new() { S = N },
            [IndexedAttributeNames.OnboardingState] = new() { S = partition },
            [IndexedAttributeNames.CreatedAt] = new() { S = C },
        };

        [JsonIgnore]
        public bool IsWellFormed => !string.IsNullOrEmpty(G) && G.Length <= MaxKeyLength && !string.IsNullOrEmpty(N) && N.Length <= MaxKeyLength &&
            DateTimeOffset.TryParse(C, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);
    }

    /// <summary>
    /// <see cref="P"/>: each partition's position (absent: from its start the way the cursor leads; null: nothing left that
    /// way); <see cref="B"/>: the cursor leads back (newer entries, the page before), not onwards. A version 1 cursor, issued
    /// before the shards (and kept by the role check sweep across an upgrade), names one key of the bare state instead.
    /// </summary>
    private sealed record Cursor(
        int V,
        string State,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, CursorKey?>? P = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool B = false,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GrainId = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StateName = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CreatedAt = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Back = false)
    {
        /// <summary>
        /// The positions and their way. A version 1 cursor's key is the bare state's: onwards the shards start from their
        /// newest; back, nothing of the shards is newer (there were none when it was issued).
        /// </summary>
        public (Dictionary<string, CursorKey?> Positions, bool Back)? Read(IReadOnlyList<string> partitions) => V switch
        {
            CursorVersion when P is not null => (P, B),
            1 when GrainId is not null && StateName is not null && CreatedAt is not null => (
                partitions.ToDictionary(p => p, p => p == State ? new CursorKey(GrainId, StateName, CreatedAt) : null, StringComparer.Ordinal)
                    .Where(p => Back || p.Value is not null).ToDictionary(StringComparer.Ordinal),
                Back),
            _ => null,
        };
    }

    private static string EncodeCursor(Dictionary<string, CursorKey?> positions, OnboardingState state, bool back) =>
        WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(new Cursor(CursorVersion, state.ToString(), positions, back)));

    private static (Dictionary<string, CursorKey?> Positions, bool Back) DecodeCursor(string text, OnboardingState state)
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
        var partitions = StateIndexKey.PartitionsOf(state);
        if (cursor?.Read(partitions) is not ({ } positions, var back) || cursor.State != state.ToString() ||
            positions.Any(p => !partitions.Contains(p.Key) || p.Value is { IsWellFormed: false }))
        {
            throw new InvalidCursorException($"The cursor was not issued for a list of {state} customers.");
        }
        return (new Dictionary<string, CursorKey?>(positions, StringComparer.Ordinal), back);
    }
}
