using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Onboarding.Silo.Reminders;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Reminders;

[Collection(LocalAwsCollection.Name)]
public sealed class DynamoDbReminderTableSchemaTests(LocalAwsStandIns aws) : IDisposable
{
    private readonly AmazonDynamoDBClient _client = StandInClients.DynamoDb(aws);
    private readonly string _tableName = "reminders-schema-" + Guid.NewGuid().ToString("N");

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task EnsureCreated_creates_the_documented_table_once_however_often_it_runs()
    {
        await DynamoDbReminderTableSchema.EnsureCreatedAsync(_client, _tableName, CancellationToken.None);
        await DynamoDbReminderTableSchema.EnsureCreatedAsync(_client, _tableName, CancellationToken.None);
        await Task.WhenAll(
            DynamoDbReminderTableSchema.EnsureCreatedAsync(_client, _tableName, CancellationToken.None),
            DynamoDbReminderTableSchema.EnsureCreatedAsync(_client, _tableName, CancellationToken.None));

        var table = (await _client.DescribeTableAsync(new DescribeTableRequest { TableName = _tableName })).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.BillingModeSummary?.BillingMode);
        Assert.Equal(
            [(DynamoDbReminderTableSchema.ServiceIdAttribute, KeyType.HASH), (DynamoDbReminderTableSchema.ReminderKeyAttribute, KeyType.RANGE)],
            table.KeySchema.Select(k => (k.AttributeName, k.KeyType)));
        Assert.Null(table.GlobalSecondaryIndexes);

        await _client.DeleteTableAsync(new DeleteTableRequest { TableName = _tableName });
    }

    [Fact]
    public void Sort_keys_order_by_grain_hash_and_range_bounds_enclose_exactly_their_hashes()
    {
        var grainId = Orleans.Runtime.GrainId.Create("probe", "key|with|separators");
        var hash = grainId.GetUniformHashCode();
        var key = DynamoDbReminderTableSchema.ReminderKey(grainId, "name");

        Assert.StartsWith(DynamoDbReminderTableSchema.GrainPrefix(grainId), key);
        Assert.StartsWith(hash.ToString("X8"), key);
        var (lower, upper) = DynamoDbReminderTableSchema.HashRangeBounds(hash, hash);
        Assert.True(string.CompareOrdinal(lower, key) <= 0 && string.CompareOrdinal(key, upper) <= 0);
        if (hash < uint.MaxValue)
        {
            var (above, _) = DynamoDbReminderTableSchema.HashRangeBounds(hash + 1, hash + 1);
            Assert.True(string.CompareOrdinal(upper, above) < 0);
        }
        if (hash > uint.MinValue)
        {
            var (_, below) = DynamoDbReminderTableSchema.HashRangeBounds(hash - 1, hash - 1);
            Assert.True(string.CompareOrdinal(below, key) < 0);
        }
    }
}
