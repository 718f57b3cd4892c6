using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Configuration;
using Orleans.Runtime;
using static Onboarding.Silo.Reminders.DynamoDbReminderTableSchema;

namespace Onboarding.Silo.Reminders;

/// <summary>
/// Orleans reminder table on DynamoDB (layout: <see cref="DynamoDbReminderTableSchema"/>). Every write touches one item
/// and needs no transaction; reads are consistent. The table is provisioned elsewhere
/// (<see cref="DynamoDbReminderTableSchema.EnsureCreatedAsync"/>), so starting the table does no I/O.
/// </summary>
public sealed partial class DynamoDbReminderTable : IReminderTable
{
    // BatchWriteItem's per-request limit.
    private const int MaxBatchWriteItems = 25;
    private const int MaxUnprocessedRetries = 10;
    private static readonly TimeSpan UnprocessedRetryBaseDelay = TimeSpan.FromMilliseconds(50);

    // A new row's version starts at a random point (then +1 per upsert), so an etag of a removed row cannot match a
    // re-created row of the same key (ABA). 2^62 leaves room to increment without leaving the long range.
    private const long MaxInitialVersion = 1L << 62;

    private const string ServiceIdValue = ":serviceId";
    private const string PrefixValue = ":prefix";
    private const string LowerValue = ":lower";
    private const string UpperValue = ":upper";
    private const string GrainIdValue = ":grainId";
    private const string NameValue = ":name";
    private const string StartAtValue = ":startAt";
    private const string PeriodValue = ":period";
    private const string HashValue = ":hash";
    private const string InitialVersionValue = ":initialVersion";
    private const string IncrementValue = ":increment";
    private const string ExpectedETagValue = ":expected";
    private const string RemovalETagValue = ":removal";

    private static readonly Dictionary<string, string> AttributeNames = new()
    {
        ["#serviceId"] = ServiceIdAttribute,
        ["#key"] = ReminderKeyAttribute,
        ["#grainId"] = GrainIdAttribute,
        ["#name"] = ReminderNameAttribute,
        ["#startAt"] = StartAtAttribute,
        ["#period"] = PeriodAttribute,
        ["#etag"] = ETagAttribute,
        ["#hash"] = GrainHashAttribute,
    };

    private readonly string _tableName;
    private readonly string _serviceId;
    private readonly IAmazonDynamoDB _client;
    private readonly ILogger<DynamoDbReminderTable> _logger;

    public DynamoDbReminderTable(IOptions<DynamoDbReminderTableOptions> options, IAmazonDynamoDB client, ILogger<DynamoDbReminderTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);

        // Checked here too: the table can be constructed without the options pipeline.
        var settings = ValidatedOptions.Require(new DynamoDbReminderTableOptionsValidator(), Options.DefaultName, options.Value);

        _tableName = settings.TableName;
        _serviceId = settings.ServiceId;
        _client = client;
        _logger = logger;
    }

    public Task Init() => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        var prefix = GrainPrefix(grainId);
        if (!FitsSortKey(prefix)) return new ReminderTableData();

        // The filter guards against a grain id that contains the separator and shares the hash of this one.
        var items = await QueryAllAsync(new QueryRequest
        {
            KeyConditionExpression = $"#serviceId = {ServiceIdValue} AND begins_with(#key, {PrefixValue})",
            FilterExpression = $"#grainId = {GrainIdValue}",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [ServiceIdValue] = new() { S = _serviceId },
                [PrefixValue] = new() { S = prefix },
                [GrainIdValue] = new() { S = grainId.ToString() },
            },
        }, cancellationToken);
        return new ReminderTableData(items.Select(ToEntry));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>Rows whose grain hash is in (begin, end]; when begin &gt;= end the range wraps: (begin, max] ∪ [0, end].</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        foreach (var (first, last) in HashSegments(begin, end))
        {
            var (lower, upper) = HashRangeBounds(first, last);
            var items = await QueryAllAsync(new QueryRequest
            {
                KeyConditionExpression = $"#serviceId = {ServiceIdValue} AND #key BETWEEN {LowerValue} AND {UpperValue}",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [ServiceIdValue] = new() { S = _serviceId },
                    [LowerValue] = new() { S = lower },
                    [UpperValue] = new() { S = upper },
                },
            }, cancellationToken);
            entries.AddRange(items.Select(ToEntry));
        }
        return new ReminderTableData(entries);
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    /// <summary>The reminder, or null when there is none (as the Orleans tables answer).</summary>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        var key = ReminderKey(grainId, reminderName);
        if (!FitsSortKey(key)) return null;

        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _tableName,
            Key = Key(key),
            ConsistentRead = true,
        }, cancellationToken);

        // SDK v4 returns a null Item (not an empty one) when nothing is stored.
        return response.Item is { Count: > 0 } item ? ToEntry(item) : null;
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Writes the reminder and returns its new etag. Always succeeds: the last writer's fields stay.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(entry.ReminderName);
        var key = ReminderKey(entry.GrainId, entry.ReminderName);
        if (!FitsSortKey(key))
        {
            throw new ArgumentException(
                $"Reminder '{entry.ReminderName}' of grain '{entry.GrainId}' needs a DynamoDB sort key over {MaxSortKeyBytes} bytes; use a shorter name.",
                nameof(entry));
        }

        // UpdateItem rather than PutItem: the version increment is atomic on the server, so concurrent upserts never
        // hand out the same etag and none of them has to read first. Unconditional, so a retry of a landed attempt
        // just increments once more and returns the etag that is stored.
        var response = await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = _tableName,
            Key = Key(key),
            UpdateExpression = $"SET #grainId = {GrainIdValue}, #name = {NameValue}, #startAt = {StartAtValue}, #period = {PeriodValue}, "
                + $"#hash = {HashValue}, #etag = if_not_exists(#etag, {InitialVersionValue}) + {IncrementValue}",
            ExpressionAttributeNames = Names("#grainId", "#name", "#startAt", "#period", "#hash", "#etag"),
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [GrainIdValue] = new() { S = entry.GrainId.ToString() },
                [NameValue] = new() { S = entry.ReminderName },
                [StartAtValue] = new() { S = FormatStartAt(entry.StartAt) },
                [PeriodValue] = new() { N = FormatNumber(entry.Period.Ticks) },
                [HashValue] = new() { N = entry.GrainId.GetUniformHashCode().ToString(CultureInfo.InvariantCulture) },
                [InitialVersionValue] = new() { N = FormatNumber(Random.Shared.NextInt64(MaxInitialVersion)) },
                [IncrementValue] = new() { N = "1" },
            },
            ReturnValues = ReturnValue.UPDATED_NEW,
        }, cancellationToken);

        var etag = response.Attributes is { } attributes && attributes.TryGetValue(ETagAttribute, out var version) && version.N is { } text
            ? text
            : throw new InvalidOperationException($"DynamoDB did not return the new {ETagAttribute} of reminder '{entry.ReminderName}' of grain '{entry.GrainId}'.");
        entry.ETag = etag;
        LogUpserted(_logger, entry.GrainId, entry.ReminderName, etag);
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>
    /// Deletes the reminder if its etag still is <paramref name="eTag"/>; false when it moved on or is gone.
    /// <para>
    /// Two conditional writes, so that a request the SDK retried after losing its response is recognised as ours.
    /// First the row moves from <paramref name="eTag"/> to a fresh random removal etag (a read-back showing that etag
    /// proves a retried move landed); then it is deleted on that removal etag. Only this call knows it, so a row that
    /// is gone when the delete's condition fails was deleted by this call. A single conditional delete could not tell
    /// its own landed attempt from a row someone else removed. A crash between the two leaves a live row at an etag
    /// nobody holds, which the reminder service reads back like any upsert's.
    /// </para>
    /// </summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        var key = ReminderKey(grainId, reminderName);

        // An etag this table never issued cannot match anything stored (and DynamoDB would reject it as a number).
        if (!FitsSortKey(key) || !long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            return false;
        }

        var removalETag = FormatNumber(Random.Shared.NextInt64(MaxInitialVersion));
        var removed = await ClaimForRemovalAsync(key, FormatNumber(expected), removalETag, cancellationToken)
                      && await DeleteClaimedAsync(key, removalETag, cancellationToken);
        if (removed) LogRemoved(_logger, grainId, reminderName, eTag);
        else LogRemoveRefused(_logger, grainId, reminderName, eTag);
        return removed;
    }

    private async Task<bool> ClaimForRemovalAsync(string key, string expected, string removalETag, CancellationToken cancellationToken)
    {
        try
        {
            await _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _tableName,
                Key = Key(key),
                UpdateExpression = $"SET #etag = {RemovalETagValue}",
                ConditionExpression = $"#etag = {ExpectedETagValue}",
                ExpressionAttributeNames = Names("#etag"),
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [ExpectedETagValue] = new() { N = expected },
                    [RemovalETagValue] = new() { N = removalETag },
                },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            // A stale etag or a missing row (the condition cannot hold on an absent item), unless a retry found our own move.
            return await StoredETagAsync(key, cancellationToken) == removalETag;
        }
    }

    private async Task<bool> DeleteClaimedAsync(string key, string removalETag, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _tableName,
                Key = Key(key),
                ConditionExpression = $"#etag = {RemovalETagValue}",
                ExpressionAttributeNames = Names("#etag"),
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [RemovalETagValue] = new() { N = removalETag } },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            // Gone: only this call held the removal etag, so the retried delete had landed. Still there: an upsert
            // re-registered the reminder after the claim, and the newer row stays.
            return await StoredETagAsync(key, cancellationToken) is null;
        }
    }

    private async Task<string?> StoredETagAsync(string key, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _tableName,
            Key = Key(key),
            ConsistentRead = true,
            ProjectionExpression = "#etag",
            ExpressionAttributeNames = Names("#etag"),
        }, cancellationToken);
        return response.Item is { Count: > 0 } item && item.TryGetValue(ETagAttribute, out var etag) ? etag.N : null;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Deletes every reminder of this service; other services sharing the table keep theirs.</summary>
    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        var keys = await QueryAllAsync(new QueryRequest
        {
            KeyConditionExpression = $"#serviceId = {ServiceIdValue}",
            ProjectionExpression = "#serviceId, #key",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [ServiceIdValue] = new() { S = _serviceId } },
        }, cancellationToken);

        foreach (var chunk in keys.Chunk(MaxBatchWriteItems))
        {
            var requests = chunk.Select(key => new WriteRequest { DeleteRequest = new DeleteRequest { Key = key } }).ToList();
            await BatchDeleteAsync(requests, cancellationToken);
        }
    }

    // BatchWriteItem may leave items unprocessed under throttling; retry those with growing pauses.
    private async Task BatchDeleteAsync(List<WriteRequest> requests, CancellationToken cancellationToken)
    {
        for (var attempt = 0; requests.Count > 0; attempt++)
        {
            if (attempt > MaxUnprocessedRetries)
            {
                throw new InvalidOperationException($"DynamoDB left {requests.Count} reminder deletions unprocessed after {MaxUnprocessedRetries} retries.");
            }
            if (attempt > 0)
            {
                await Task.Delay(UnprocessedRetryBaseDelay * attempt, cancellationToken);
            }

            var response = await _client.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new Dictionary<string, List<WriteRequest>> { [_tableName] = requests },
            }, cancellationToken);
            requests = response.UnprocessedItems is { } unprocessed && unprocessed.TryGetValue(_tableName, out var left) && left is not null
                ? left
                : [];
        }
    }

    // Fills in table, consistency and the attribute names the expressions use, then follows LastEvaluatedKey.
    private async Task<List<Dictionary<string, AttributeValue>>> QueryAllAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        request.TableName = _tableName;
        request.ConsistentRead = true;
        request.ExpressionAttributeNames = AttributeNames
            .Where(name => UsesName(request, name.Key))
            .ToDictionary(name => name.Key, name => name.Value);

        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var response = await _client.QueryAsync(request, cancellationToken);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);
        return items;
    }

    // DynamoDB rejects attribute names an expression does not use.
    private static bool UsesName(QueryRequest request, string name) =>
        (request.KeyConditionExpression?.Contains(name, StringComparison.Ordinal) ?? false)
        || (request.FilterExpression?.Contains(name, StringComparison.Ordinal) ?? false)
        || (request.ProjectionExpression?.Contains(name, StringComparison.Ordinal) ?? false);

    private static Dictionary<string, string> Names(params string[] placeholders) =>
        placeholders.ToDictionary(placeholder => placeholder, placeholder => AttributeNames[placeholder]);

    /// <summary>Inclusive hash segments covering (begin, end], which wraps around the ring when begin &gt;= end.</summary>
    internal static IEnumerable<(uint First, uint Last)> HashSegments(uint begin, uint end)
    {
        if (begin < end)
        {
            yield return (begin + 1, end);
            yield break;
        }
        if (begin < uint.MaxValue)
        {
            yield return (begin + 1, uint.MaxValue);
        }
        yield return (uint.MinValue, end);
    }

    private Dictionary<string, AttributeValue> Key(string reminderKey) => new()
    {
        [ServiceIdAttribute] = new AttributeValue { S = _serviceId },
        [ReminderKeyAttribute] = new AttributeValue { S = reminderKey },
    };

    private static bool FitsSortKey(string key) => Encoding.UTF8.GetByteCount(key) <= MaxSortKeyBytes;

    private static ReminderEntry ToEntry(Dictionary<string, AttributeValue> item) => new()
    {
        GrainId = GrainId.Parse(Required(item, GrainIdAttribute).S),
        ReminderName = Required(item, ReminderNameAttribute).S,
        StartAt = DateTime.Parse(Required(item, StartAtAttribute).S, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        Period = TimeSpan.FromTicks(long.Parse(Required(item, PeriodAttribute).N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
        ETag = Required(item, ETagAttribute).N,
    };

    private static AttributeValue Required(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"A stored reminder ({ReminderKeyAttribute} '{item.GetValueOrDefault(ReminderKeyAttribute)?.S}') has no {name} attribute.");

    // Orleans passes UTC; an unspecified kind is taken as UTC rather than shifted by the silo's time zone.
    private static string FormatStartAt(DateTime startAt)
    {
        var utc = startAt.Kind switch
        {
            DateTimeKind.Local => startAt.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(startAt, DateTimeKind.Utc),
            _ => startAt,
        };
        return utc.ToString("O", CultureInfo.InvariantCulture);
    }

    private static string FormatNumber(long value) => value.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder table: upserted {GrainId}/{ReminderName}, etag {ETag}")]
    private static partial void LogUpserted(ILogger logger, GrainId grainId, string reminderName, string eTag);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder table: removed {GrainId}/{ReminderName} at etag {ETag}")]
    private static partial void LogRemoved(ILogger logger, GrainId grainId, string reminderName, string eTag);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder table: did not remove {GrainId}/{ReminderName}: etag {ETag} is stale or the row is gone")]
    private static partial void LogRemoveRefused(ILogger logger, GrainId grainId, string reminderName, string eTag);
}
