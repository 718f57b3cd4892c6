using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Onboarding.Silo.Aws;
using Orleans.Runtime;

namespace Onboarding.Silo.Reminders;

/// <summary>
/// The item layout of the reminder table: one item per reminder, all of a service in one partition, sorted by grain
/// hash so that the reminder service's hash-range reads are key-range Queries instead of Scans.
/// <para>
/// One partition per service is fine at this scale (a partition serves 3,000 reads/s and 1,000 writes/s). Should it
/// become hot, shard the partition key as <c>{ServiceId}#{hash &gt;&gt; k}</c> and fan range reads out over the shards.
/// </para>
/// </summary>
public static class DynamoDbReminderTableSchema
{
    /// <summary>Partition key (S): the service id, so several services can share one table.</summary>
    public const string ServiceIdAttribute = "ServiceId";

    /// <summary>Sort key (S): <c>{grain hash as 8 upper-case hex digits}|{GrainId}|{reminder name}</c>.</summary>
    public const string ReminderKeyAttribute = "ReminderKey";

    /// <summary><c>GrainId.ToString()</c> (S).</summary>
    public const string GrainIdAttribute = "GrainId";

    /// <summary>The reminder name (S).</summary>
    public const string ReminderNameAttribute = "ReminderName";

    /// <summary>First due time, ISO-8601 UTC round-trip format (S).</summary>
    public const string StartAtAttribute = "StartAt";

    /// <summary>Period in .NET ticks (N): exact, unlike a formatted duration.</summary>
    public const string PeriodAttribute = "Period";

    /// <summary>Version number (N); the Orleans etag is its decimal text.</summary>
    public const string ETagAttribute = "ETag";

    /// <summary><c>GrainId.GetUniformHashCode()</c> (N), for operators; queries use the sort key's prefix.</summary>
    public const string GrainHashAttribute = "GrainHash";

    /// <summary>DynamoDB's limit on a partition-key value.</summary>
    public const int MaxPartitionKeyBytes = 2048;

    /// <summary>DynamoDB's limit on a sort-key value: bounds grain id plus reminder name.</summary>
    public const int MaxSortKeyBytes = 1024;

    // Fixed width keeps string order equal to numeric order; '|' (0x7C) sorts after every hex digit.
    private const string HashFormat = "X8";
    private const char Separator = '|';

    // Sorts after Separator, so "{hash}{RangeEndMarker}" is above every key of that hash and below the next hash.
    private const char RangeEndMarker = '~';

    /// <summary>
    /// Creates the table (on-demand billing) unless it exists, then waits until it is ACTIVE. Safe to call repeatedly
    /// and concurrently. An existing table is not altered.
    /// </summary>
    public static Task EnsureCreatedAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return DynamoDbTableCreation.EnsureCreatedAsync(client, CreateTableRequest(tableName), cancellationToken);
    }

    /// <summary>The sort key of one reminder.</summary>
    public static string ReminderKey(GrainId grainId, string reminderName) => GrainPrefix(grainId) + reminderName;

    /// <summary>The sort-key prefix shared by every reminder of one grain.</summary>
    public static string GrainPrefix(GrainId grainId) => $"{HashText(grainId.GetUniformHashCode())}{Separator}{grainId}{Separator}";

    /// <summary>The inclusive sort-key bounds of every reminder whose grain hash is in [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public static (string Lower, string Upper) HashRangeBounds(uint first, uint last) =>
        (HashText(first), HashText(last) + RangeEndMarker);

    private static string HashText(uint hash) => hash.ToString(HashFormat, CultureInfo.InvariantCulture);

    private static CreateTableRequest CreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(ServiceIdAttribute, ScalarAttributeType.S),
            new AttributeDefinition(ReminderKeyAttribute, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(ServiceIdAttribute, KeyType.HASH),
            new KeySchemaElement(ReminderKeyAttribute, KeyType.RANGE),
        ],
    };
}
