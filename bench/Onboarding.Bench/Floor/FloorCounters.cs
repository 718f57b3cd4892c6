using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Onboarding.Silo.Storage;
using static Onboarding.Silo.Storage.DynamoDbGrainStorageTable;

namespace Onboarding.Bench.Floor;

/// <summary>
/// The floor's maintained counters, written as the service's counter shard writes them: one conditional PutItem of
/// the counts and the counts not yet settled, carrying every count that arrived while the last write was in flight
/// (group commit); a count returns once a write holds it, a settlement rides along with the next write.
/// </summary>
public sealed class FloorCounters(IAmazonDynamoDB dynamoDb, string tableName)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _byState = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _unsettled = new(StringComparer.Ordinal);
    private List<TaskCompletionSource> _waiting = [];
    private bool _writing;
    private long _version;

    public Task CountAsync(string accountId, long sequence, string? from, string to)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (from is not null) _byState[from] = _byState.GetValueOrDefault(from) - 1;
            _byState[to] = _byState.GetValueOrDefault(to) + 1;
            _unsettled[accountId] = new JsonObject { ["Sequence"] = sequence, ["CountedAs"] = to, ["At"] = DateTimeOffset.UtcNow };
            _waiting.Add(done);
            if (_writing) return done.Task;
            _writing = true;
        }
        _ = Task.Run(WriteAsync);
        return done.Task;
    }

    public void Settle(string accountId)
    {
        lock (_gate) _unsettled.Remove(accountId);
    }

    private async Task WriteAsync()
    {
        while (true)
        {
            List<TaskCompletionSource> batch;
            byte[] payload;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }
                (batch, _waiting) = (_waiting, []);
                payload = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
                {
                    ["ByState"] = JsonSerializer.SerializeToNode(_byState),
                    ["Stalled"] = 0,
                    ["Degraded"] = 0,
                    ["Outdated"] = 0,
                    ["Unsettled"] = new JsonObject(_unsettled.Select(u => KeyValuePair.Create(u.Key, (JsonNode?)u.Value.DeepClone()))),
                });
            }
            try
            {
                await dynamoDb.PutItemAsync(Write(payload));
                foreach (var done in batch) done.SetResult();
            }
            catch (Exception failure)
            {
                foreach (var done in batch) done.SetException(failure);
            }
        }
    }

    private PutItemRequest Write(byte[] payload)
    {
        var expected = _version++;
        return FloorCustomerRecord.OnVersion(new PutItemRequest
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [GrainIdAttribute] = new("customercounters/0"),
                [StateNameAttribute] = new("counters"),
                [ETagAttribute] = new() { N = _version.ToString(CultureInfo.InvariantCulture) },
                [WriteIdAttribute] = new(Guid.NewGuid().ToString("N")),
                [UpdatedAtAttribute] = new(DateTimeOffset.UtcNow.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
                [PayloadAttribute] = GrainStatePayload.Encode(payload, PayloadCompression.Brotli),
            },
        }, expected);
    }
}
