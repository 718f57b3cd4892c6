using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Onboarding.Silo.Storage;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Storage;

[Collection(LocalAwsCollection.Name)]
public sealed class DynamoDbGrainStorageTableTests(LocalAwsStandIns aws) : IDisposable
{
    private readonly AmazonDynamoDBClient _client = StandInClients.DynamoDb(aws);
    private readonly string _tableName = "grain-state-table-" + Guid.NewGuid().ToString("N");

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task EnsureCreated_creates_the_documented_table_once_however_often_it_runs()
    {
        await DynamoDbGrainStorageTable.EnsureCreatedAsync(_client, _tableName, CancellationToken.None);
        await DynamoDbGrainStorageTable.EnsureCreatedAsync(_client, _tableName, CancellationToken.None);
        await Task.WhenAll(
            DynamoDbGrainStorageTable.EnsureCreatedAsync(_client, _tableName, CancellationToken.None),
            DynamoDbGrainStorageTable.EnsureCreatedAsync(_client, _tableName, CancellationToken.None));

        Assert.Single(await ListTableNamesAsync(), name => name == _tableName);
        var table = (await _client.DescribeTableAsync(new DescribeTableRequest { TableName = _tableName })).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.BillingModeSummary?.BillingMode);
        Assert.Equal(
            [(DynamoDbGrainStorageTable.GrainIdAttribute, KeyType.HASH), (DynamoDbGrainStorageTable.StateNameAttribute, KeyType.RANGE)],
            table.KeySchema.Select(k => (k.AttributeName, k.KeyType)));
        var index = Assert.Single(table.GlobalSecondaryIndexes);
        Assert.Equal(DynamoDbGrainStorageTable.StateIndexName, index.IndexName);
        Assert.Equal(IndexStatus.ACTIVE, index.IndexStatus);
        Assert.Equal(ProjectionType.ALL, index.Projection.ProjectionType);
        Assert.Equal(
            [(DynamoDbGrainStorageTable.OnboardingStateAttribute, KeyType.HASH), (DynamoDbGrainStorageTable.CreatedAtAttribute, KeyType.RANGE)],
            index.KeySchema.Select(k => (k.AttributeName, k.KeyType)));

        await _client.DeleteTableAsync(new DeleteTableRequest { TableName = _tableName });
    }

    // ListTables pages (100 names at most); other tests' tables share this dynalite.
    private async Task<List<string>> ListTableNamesAsync()
    {
        var names = new List<string>();
        string? startAfter = null;
        do
        {
            var page = await _client.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = startAfter });
            names.AddRange(page.TableNames ?? []);
            startAfter = page.LastEvaluatedTableName;
        }
        while (startAfter is not null);
        return names;
    }
}
