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
        // Never the payload (external ids, tokens): only what the index's readers need.
        Assert.Equal(ProjectionType.INCLUDE, index.Projection.ProjectionType);
        Assert.Equal(DynamoDbGrainStorageTable.StateIndexProjection.Order(), index.Projection.NonKeyAttributes.Order());
        Assert.DoesNotContain(DynamoDbGrainStorageTable.PayloadAttribute, index.Projection.NonKeyAttributes);
        Assert.False(await DynamoDbGrainStorageTable.StateIndexProjectsAllAsync(_client, _tableName, CancellationToken.None));
        Assert.Equal(
            [(DynamoDbGrainStorageTable.OnboardingStateAttribute, KeyType.HASH), (DynamoDbGrainStorageTable.CreatedAtAttribute, KeyType.RANGE)],
            index.KeySchema.Select(k => (k.AttributeName, k.KeyType)));

        await _client.DeleteTableAsync(new DeleteTableRequest { TableName = _tableName });
    }

    [Fact]
    public async Task A_table_made_with_the_older_index_that_copied_whole_items_is_recognised()
    {
        await _client.CreateTableAsync(new CreateTableRequest
        {
            TableName = _tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions =
            [
                new(DynamoDbGrainStorageTable.GrainIdAttribute, ScalarAttributeType.S), new(DynamoDbGrainStorageTable.StateNameAttribute, ScalarAttributeType.S),
                new(DynamoDbGrainStorageTable.OnboardingStateAttribute, ScalarAttributeType.S), new(DynamoDbGrainStorageTable.CreatedAtAttribute, ScalarAttributeType.S),
            ],
            KeySchema = [new(DynamoDbGrainStorageTable.GrainIdAttribute, KeyType.HASH), new(DynamoDbGrainStorageTable.StateNameAttribute, KeyType.RANGE)],
            GlobalSecondaryIndexes =
            [
                new()
                {
                    IndexName = DynamoDbGrainStorageTable.StateIndexName,
                    KeySchema = [new(DynamoDbGrainStorageTable.OnboardingStateAttribute, KeyType.HASH), new(DynamoDbGrainStorageTable.CreatedAtAttribute, KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });
        // Left as it is (its readers work with it); provisioning warns.
        await DynamoDbGrainStorageTable.EnsureCreatedAsync(_client, _tableName, CancellationToken.None);

        Assert.True(await DynamoDbGrainStorageTable.StateIndexProjectsAllAsync(_client, _tableName, CancellationToken.None));
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
