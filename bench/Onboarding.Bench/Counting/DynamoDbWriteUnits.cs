using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Onboarding.Bench.Counting;

/// <summary>
/// Meters the write capacity a DynamoDB client consumes, per table and per global secondary index, as DynamoDB bills
/// it: a table write costs one unit per started KB of the larger of the item before and after (asked of the server:
/// every write is sent with <c>ReturnConsumedCapacity=TOTAL</c>, which changes nothing else); an index costs, for each
/// table write, nothing when neither the item's index keys nor its projected attributes changed, one write when the
/// item enters or leaves the index or only projected attributes changed, and two (delete the old entry, put the new)
/// when its index key changed, each one unit per started KB of the entry (table keys, index keys and projected
/// attributes). Index entries are followed from the PutItem and DeleteItem requests this client makes, which are the
/// only writes the grain storage and the floor make to indexed tables; an UpdateItem on an indexed table is counted
/// under <see cref="UnmeteredIndexWrites"/>. A conditional write that fails is billed by DynamoDB too (counted as one
/// unit in <see cref="FailedWrites"/>).
/// </summary>
public sealed class DynamoDbWriteUnits
{
    public const string UnmeteredIndexWrites = "unmetered index writes (UpdateItem on an indexed table)";
    public const string FailedWrites = "failed conditional writes";

    /// <summary>
    /// Key prefixes of <see cref="Snapshot"/>: "{kind}:{table}" ("{kind}:{table}#{grain type}" for a grain-state table,
    /// whose items are told apart by the grain type in their key) and "{kind}:{table}/{index}".
    /// </summary>
    public const string TableRequests = "requests", TableUnits = "units", IndexWrites = "index-writes", IndexUnits = "index-units";

    /// <summary>Key prefixes for sizes: items put ("{kind}:{label}", and their bytes) and index entries put (and their bytes).</summary>
    public const string ItemsPut = "items-put", ItemBytes = "item-bytes", EntriesPut = "entries-put", EntryBytes = "entry-bytes";

    // The grain-state table's partition key: "{grain type}/{key}".
    private const string GrainIdAttribute = Silo.Storage.DynamoDbGrainStorageTable.GrainIdAttribute;

    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TableLayout> _layouts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Table, string Index, string Key), IndexEntry> _entries = new();
    private readonly Func<string, TableLayout> _describe;

    /// <param name="describe">The table's keys and indexes (asked once per table, with a client whose calls are not counted).</param>
    private DynamoDbWriteUnits(Func<string, TableLayout> describe) => _describe = describe;

    /// <summary>
    /// Meters <paramref name="client"/>, which must have been created after <see cref="AskForConsumedCapacity"/>; tables are
    /// described through a second, uncounted client on the same endpoint.
    /// </summary>
    public static DynamoDbWriteUnits Attach(IAmazonDynamoDB client, AWSCredentials credentials)
    {
        if (client is not AmazonDynamoDBClient sdk)
            throw new InvalidOperationException($"{client.GetType()} is not an AmazonDynamoDBClient: its writes cannot be metered.");
        var describer = new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig { ServiceURL = sdk.Config.ServiceURL, AuthenticationRegion = sdk.Config.AuthenticationRegion ?? "us-east-1" });
        var meter = new DynamoDbWriteUnits(table => TableLayout.From(describer.DescribeTableAsync(table).GetAwaiter().GetResult().Table));
        sdk.AfterResponseEvent += (_, e) =>
        {
            if (e is WebServiceResponseEventArgs web) meter.Record(web.Request, web.Response);
        };
        sdk.ExceptionEvent += (_, e) =>
        {
            if (e is WebServiceExceptionEventArgs { Exception: ConditionalCheckFailedException, Request: var request } && request is PutItemRequest or UpdateItemRequest or DeleteItemRequest)
                meter.Add(FailedWrites, 1);
        };
        return meter;
    }

    /// <summary>
    /// Makes every DynamoDB client created from now on in this process send its writes with
    /// <c>ReturnConsumedCapacity=TOTAL</c> (the SDK's pipeline customizer, the only public way to change a request
    /// before it is marshalled). Call before the clients to meter are created.
    /// </summary>
    public static void AskForConsumedCapacity() => RuntimePipelineCustomizerRegistry.Instance.Register(new ConsumedCapacityCustomizer());

    public Dictionary<string, long> Snapshot() => new(_totals, StringComparer.Ordinal);

    private void Record(AmazonWebServiceRequest request, AmazonWebServiceResponse response)
    {
        switch (request)
        {
            case PutItemRequest put:
                Table(put.TableName, put.Item, (response as PutItemResponse)?.ConsumedCapacity);
                Add($"{ItemsPut}:{Label(put.TableName, put.Item)}", 1);
                Add($"{ItemBytes}:{Label(put.TableName, put.Item)}", DynamoDbItemBytes.Of(put.Item));
                Index(put.TableName, put.Item, put.Item);
                break;
            case DeleteItemRequest delete:
                Table(delete.TableName, delete.Key, (response as DeleteItemResponse)?.ConsumedCapacity);
                Index(delete.TableName, delete.Key, null);
                break;
            case UpdateItemRequest update:
                Table(update.TableName, update.Key, (response as UpdateItemResponse)?.ConsumedCapacity);
                if (Layout(update.TableName).Indexes.Count > 0) Add(UnmeteredIndexWrites, 1);
                break;
            case BatchWriteItemRequest batch:
                foreach (var (table, writes) in batch.RequestItems)
                {
                    Add($"{TableRequests}:{table}", writes.Count);
                    foreach (var write in writes)
                        Index(table, write.PutRequest?.Item ?? write.DeleteRequest.Key, write.PutRequest?.Item);
                }
                foreach (var consumed in (response as BatchWriteItemResponse)?.ConsumedCapacity ?? [])
                    Add($"{TableUnits}:{consumed.TableName}", (long)Math.Ceiling(consumed.CapacityUnits ?? 0));
                break;
        }
    }

    private static string Label(string table, Dictionary<string, AttributeValue> key) =>
        key.GetValueOrDefault(GrainIdAttribute)?.S is { } grainId && grainId.IndexOf('/') is > 0 and var slash ? $"{table}#{grainId[..slash]}" : table;

    private void Table(string table, Dictionary<string, AttributeValue> key, ConsumedCapacity? consumed)
    {
        var label = Label(table, key);
        Add($"{TableRequests}:{label}", 1);
        Add($"{TableUnits}:{label}", (long)Math.Ceiling(consumed?.CapacityUnits ?? 1));
    }

    /// <summary>Follows the item's entry in each index of the table: <paramref name="item"/> null is a delete.</summary>
    private void Index(string table, Dictionary<string, AttributeValue> keyOrItem, Dictionary<string, AttributeValue>? item)
    {
        var layout = Layout(table);
        if (layout.Indexes.Count == 0) return;
        var key = string.Join('\u0001', layout.KeyAttributes.Select(k => Text(keyOrItem.GetValueOrDefault(k))));
        foreach (var index in layout.Indexes)
        {
            var id = (table, index.Name, key);
            var before = _entries.GetValueOrDefault(id);
            var after = item is null ? null : index.EntryOf(item, layout.KeyAttributes);
            if (after is null) _entries.TryRemove(id, out _);
            else _entries[id] = after;

            var writes = (before, after) switch
            {
                (null, null) => [],
                (null, { } put) => [put.Bytes],
                ({ } removed, null) => [removed.Bytes],
                ({ } old, { } now) when old.Key != now.Key => new[] { old.Bytes, now.Bytes },
                ({ } old, { } now) when old.Projection != now.Projection => [Math.Max(old.Bytes, now.Bytes)],
                _ => Array.Empty<int>(),
            };
            if (after is not null && (before is null || before.Key != after.Key || before.Projection != after.Projection))
            {
                Add($"{EntriesPut}:{table}/{index.Name}", 1);
                Add($"{EntryBytes}:{table}/{index.Name}", after.Bytes);
            }
            if (writes.Length == 0) continue;
            Add($"{IndexWrites}:{table}/{index.Name}", writes.Length);
            Add($"{IndexUnits}:{table}/{index.Name}", writes.Sum(DynamoDbItemBytes.WriteUnits));
        }
    }

    private TableLayout Layout(string table) => _layouts.GetOrAdd(table, _describe);

    private void Add(string key, long amount) => _totals.AddOrUpdate(key, amount, (_, n) => n + amount);

    private static string Text(AttributeValue? value) => value switch
    {
        null => "",
        { S: not null } => "S" + value.S,
        { N: not null } => "N" + value.N,
        { B: not null } => "B" + Convert.ToBase64String(value.B.ToArray()),
        { BOOL: not null } => value.BOOL.Value ? "T" : "F",
        { NULL: true } => "null",
        { L: { } list } => "[" + string.Join(',', list.Select(Text)) + "]",
        { M: { } map } => "{" + string.Join(',', map.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key + ":" + Text(m.Value))) + "}",
        { SS: { } ss } => "SS" + string.Join(',', ss.Order(StringComparer.Ordinal)),
        { NS: { } ns } => "NS" + string.Join(',', ns.Order(StringComparer.Ordinal)),
        _ => "?",
    };

    private sealed class ConsumedCapacityCustomizer : IRuntimePipelineCustomizer
    {
        public string UniqueName => "bench-consumed-capacity";

        public void Customize(Type serviceClientType, RuntimePipeline pipeline)
        {
            if (typeof(AmazonDynamoDBClient).IsAssignableFrom(serviceClientType)) pipeline.AddHandlerBefore<Marshaller>(new ConsumedCapacityRequest());
        }
    }

    private sealed class ConsumedCapacityRequest : PipelineHandler
    {
        public override void InvokeSync(IExecutionContext executionContext)
        {
            Ask(executionContext.RequestContext.OriginalRequest);
            base.InvokeSync(executionContext);
        }

        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            Ask(executionContext.RequestContext.OriginalRequest);
            return base.InvokeAsync<T>(executionContext);
        }

        private static void Ask(AmazonWebServiceRequest request)
        {
            switch (request)
            {
                case PutItemRequest put: put.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
                case UpdateItemRequest update: update.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
                case DeleteItemRequest delete: delete.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
                case BatchWriteItemRequest batch: batch.ReturnConsumedCapacity ??= ReturnConsumedCapacity.TOTAL; break;
            }
        }
    }

    /// <summary>An item's entry in one index: its index key, a digest of what the index projects, and its size.</summary>
    internal sealed record IndexEntry(string Key, int Projection, int Bytes);

    public sealed record IndexLayout(string Name, IReadOnlyList<string> KeyAttributes, string ProjectionType, IReadOnlyList<string> NonKeyAttributes)
    {
        /// <summary>The item's entry, or null when the item lacks one of the index's key attributes (a sparse index).</summary>
        internal IndexEntry? EntryOf(Dictionary<string, AttributeValue> item, IReadOnlyList<string> tableKeys)
        {
            if (KeyAttributes.Any(k => !item.ContainsKey(k))) return null;
            IEnumerable<string> projected = ProjectionType == Amazon.DynamoDBv2.ProjectionType.ALL ? item.Keys
                : ProjectionType == Amazon.DynamoDBv2.ProjectionType.INCLUDE ? KeyAttributes.Concat(tableKeys).Concat(NonKeyAttributes)
                : KeyAttributes.Concat(tableKeys);
            var entry = projected.Distinct(StringComparer.Ordinal).Where(item.ContainsKey).ToDictionary(a => a, a => item[a], StringComparer.Ordinal);
            var digest = new HashCode();
            foreach (var (name, value) in entry.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                digest.Add(name, StringComparer.Ordinal);
                digest.Add(Text(value), StringComparer.Ordinal);
            }
            return new IndexEntry(string.Join('\u0001', KeyAttributes.Select(k => Text(item[k]))), digest.ToHashCode(), DynamoDbItemBytes.Of(entry));
        }
    }

    public sealed record TableLayout(IReadOnlyList<string> KeyAttributes, IReadOnlyList<IndexLayout> Indexes)
    {
        public static TableLayout From(TableDescription table) => new(
            [.. table.KeySchema.Select(k => k.AttributeName)],
            [.. (table.GlobalSecondaryIndexes ?? []).Select(i => new IndexLayout(
                i.IndexName,
                [.. i.KeySchema.Select(k => k.AttributeName)],
                i.Projection.ProjectionType.Value,
                i.Projection.NonKeyAttributes ?? []))]);
    }
}
