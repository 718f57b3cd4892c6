using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Onboarding.Silo.Storage;
using Onboarding.Tests.Infrastructure;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Onboarding.Tests.Infrastructure.Storage;

/// <summary>Gives every test its own table on the shared dynalite, so tests never see each other's records.</summary>
public abstract class DynamoDbStorageTestBase(LocalAwsStandIns aws) : IAsyncLifetime
{
    protected const string StorageName = "test-storage";
    protected const string StateName = "profile";
    protected const string GrainType = "customer";

    protected AmazonDynamoDBClient Client { get; } = StandInClients.DynamoDb(aws);
    protected string TableName { get; } = "grain-state-" + Guid.NewGuid().ToString("N");

    public Task InitializeAsync() => DynamoDbGrainStorageTable.EnsureCreatedAsync(Client, TableName, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await Client.DeleteTableAsync(new DeleteTableRequest { TableName = TableName });
        Client.Dispose();
    }

    protected DynamoDbGrainStorage CreateStorage(TimeProvider? timeProvider = null, PayloadCompression compression = PayloadCompression.Brotli) =>
        new(StorageName, new DynamoDbGrainStorageOptions { TableName = TableName, PayloadCompression = compression }, Client, NullLogger<DynamoDbGrainStorage>.Instance, timeProvider);

    /// <summary>The JSON an item's payload holds, whether compressed (B) or plain (S).</summary>
    protected static string PayloadJson(Dictionary<string, AttributeValue> item)
    {
        var payload = item[DynamoDbGrainStorageTable.PayloadAttribute];
        if (payload.S is { } json) return json;
        using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(payload.B.ToArray()), System.IO.Compression.CompressionMode.Decompress);
        return new StreamReader(brotli).ReadToEnd();
    }

    protected static GrainId NewGrainId() => GrainId.Create(GrainType, Guid.NewGuid().ToString("N"));

    protected static async Task<TestGrainState<T>> ReadAsync<T>(IGrainStorage storage, GrainId grainId, string stateName = StateName)
    {
        var grainState = new TestGrainState<T>();
        await storage.ReadStateAsync(stateName, grainId, grainState);
        return grainState;
    }

    protected static async Task<TestGrainState<T>> WriteNewAsync<T>(IGrainStorage storage, GrainId grainId, T state, string stateName = StateName)
    {
        var grainState = new TestGrainState<T>(state);
        await storage.WriteStateAsync(stateName, grainId, grainState);
        return grainState;
    }

    /// <summary>The stored item as DynamoDB holds it, or null.</summary>
    protected async Task<Dictionary<string, AttributeValue>?> GetRawItemAsync(GrainId grainId, string stateName = StateName)
    {
        var response = await Client.GetItemAsync(new GetItemRequest
        {
            TableName = TableName,
            ConsistentRead = true,
            Key = new Dictionary<string, AttributeValue>
            {
                [DynamoDbGrainStorageTable.GrainIdAttribute] = new() { S = grainId.ToString() },
                [DynamoDbGrainStorageTable.StateNameAttribute] = new() { S = stateName },
            },
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
