using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Onboarding.Silo.Aws;

namespace Onboarding.Silo.Storage;

/// <summary>
/// The item layout of the grain-state table: one item per (grain, state name), and the <see cref="StateIndexName"/>
/// secondary index over attributes that states publish through <c>IIndexedState</c>.
/// </summary>
public static class DynamoDbGrainStorageTable
{
    /// <summary>Partition key (S): <c>GrainId.ToString()</c>.</summary>
    public const string GrainIdAttribute = "GrainId";

    /// <summary>Sort key (S): the <c>[PersistentState]</c> name, so each state of a grain is its own record.</summary>
    public const string StateNameAttribute = "StateName";

    /// <summary>Version number (N); the Orleans etag is its decimal text.</summary>
    public const string ETagAttribute = "ETag";

    /// <summary>
    /// The state serialized as JSON: Brotli-compressed UTF-8 (B), or plain (S) as items written before compression
    /// and storages configured without it have it (<see cref="PayloadCompression"/>); absent on a tombstone.
    /// </summary>
    public const string PayloadAttribute = "Payload";

    /// <summary>
    /// The CLR type of the state (S), written by earlier versions for operators; reading never depended on it, and it
    /// is no longer written (52 bytes of every write, billed per started KB).
    /// </summary>
    public const string PayloadTypeAttribute = "PayloadType";

    /// <summary>ISO-8601 UTC time of the last write or clear (S), set by the storage.</summary>
    public const string UpdatedAtAttribute = "UpdatedAt";

    /// <summary>
    /// A fresh random id (S) per write or clear. The SDK retries a request whose response was lost; when the retry's
    /// condition fails, finding this id stored proves the first attempt landed, so the write succeeded.
    /// </summary>
    public const string WriteIdAttribute = "WriteId";

    /// <summary>BOOL true on a tombstone left by a clear: keeps the version so an old etag can never match again.</summary>
    public const string ClearedAttribute = "Cleared";

    /// <summary>Sparse secondary index: records whose state publishes both of its key attributes.</summary>
    public const string StateIndexName = "ByState";

    /// <summary>
    /// What <see cref="StateIndexName"/> copies besides the keys: what lists, the whitelist reconciler and the stats
    /// repair read, and nothing secret (never the payload, so no external id, onboarding token or link secret). An
    /// index write is paid only when one of these or a key changes, and costs one unit per KB of them.
    /// </summary>
    public static IReadOnlyList<string> StateIndexProjection { get; } =
    [
        Onboarding.Persistence.IndexedAttributeNames.AccountId,
        Onboarding.Persistence.IndexedAttributeNames.Region,
        Onboarding.Persistence.IndexedAttributeNames.Reference,
        Onboarding.Persistence.IndexedAttributeNames.Stalled,
        Onboarding.Persistence.IndexedAttributeNames.Degraded,
        Onboarding.Persistence.IndexedAttributeNames.Outdated,
        Onboarding.Persistence.IndexedAttributeNames.EventTopic,
        Onboarding.Persistence.IndexedAttributeNames.ChangedAt,
    ];

    /// <summary>
    /// Hash key (S) of <see cref="StateIndexName"/>; an <c>IIndexedState</c> key. A customer's holds its state and write
    /// shard (<see cref="Onboarding.Persistence.StateIndexKey"/>, <c>Active#3</c>).
    /// </summary>
    public const string OnboardingStateAttribute = Onboarding.Persistence.IndexedAttributeNames.OnboardingState;

    /// <summary>Range key (S, ISO-8601 UTC so it sorts by time) of <see cref="StateIndexName"/>; an <c>IIndexedState</c> key.</summary>
    public const string CreatedAtAttribute = Onboarding.Persistence.IndexedAttributeNames.CreatedAt;

    /// <summary>DynamoDB's hard item-size limit (400 KB, names and values counted).</summary>
    public const int MaxItemSizeBytes = 400 * 1024;

    /// <summary>Attributes the storage owns; an indexed attribute may not reuse these names.</summary>
    public static IReadOnlySet<string> ReservedAttributeNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        GrainIdAttribute, StateNameAttribute, ETagAttribute, PayloadAttribute, PayloadTypeAttribute, UpdatedAtAttribute, ClearedAttribute,
        WriteIdAttribute,
    };

    /// <summary>
    /// Creates the table (on-demand billing, with <see cref="StateIndexName"/>) unless it exists, then waits until it
    /// and its indexes are ACTIVE. Safe to call repeatedly and concurrently. An existing table is not altered: one made
    /// before the index projected only <see cref="StateIndexProjection"/> keeps its ALL index, which every reader still
    /// works with, until it is rebuilt (docs/benchmarks.md, "the state index").
    /// </summary>
    public static Task EnsureCreatedAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return DynamoDbTableCreation.EnsureCreatedAsync(client, CreateTableRequest(tableName), cancellationToken);
    }

    /// <summary>True when the table's <see cref="StateIndexName"/> still projects ALL attributes (a table made before it projected less).</summary>
    public static async Task<bool> StateIndexProjectsAllAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        var table = (await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken)).Table;
        return (table.GlobalSecondaryIndexes ?? []).Any(i => i.IndexName == StateIndexName && i.Projection.ProjectionType == ProjectionType.ALL);
    }

    private static CreateTableRequest CreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(GrainIdAttribute, ScalarAttributeType.S),
            new AttributeDefinition(StateNameAttribute, ScalarAttributeType.S),
            new AttributeDefinition(OnboardingStateAttribute, ScalarAttributeType.S),
            new AttributeDefinition(CreatedAtAttribute, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(GrainIdAttribute, KeyType.HASH),
            new KeySchemaElement(StateNameAttribute, KeyType.RANGE),
        ],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = StateIndexName,
                KeySchema =
                [
                    new KeySchemaElement(OnboardingStateAttribute, KeyType.HASH),
                    new KeySchemaElement(CreatedAtAttribute, KeyType.RANGE),
                ],
                Projection = new Projection { ProjectionType = ProjectionType.INCLUDE, NonKeyAttributes = [.. StateIndexProjection] },
            },
        ],
    };
}
