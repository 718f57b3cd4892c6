using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Onboarding.Persistence;
using Onboarding.Silo.Storage;
using static Onboarding.Silo.Storage.DynamoDbGrainStorageTable;

namespace Onboarding.Bench.Driving;

/// <summary>
/// Fills the grain-state table fast, for the scale run: copies of a Templated customer the service wrote (same
/// attributes, index entry and payload shape, compressed the same way), each with its own account, secrets and
/// times, written with BatchWriteItem. What the table holds is then as if the service had started them, without
/// their reminders, templates and policy entries (the counters do not know them: the scale run recounts).
/// </summary>
public sealed class DirectFill(IAmazonDynamoDB dynamoDb, string tableName)
{
    private const int BatchSize = 25;
    private const int Parallelism = 8;
    // As the grain storage writes JSON.
    private static readonly JsonSerializerOptions AsStored = DynamoDbGrainStorageOptions.CreateDefaultSerializerOptions();
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A Templated customer the service wrote, to copy.</summary>
    public async Task<Dictionary<string, AttributeValue>> FindTemplatedAsync()
    {
        Dictionary<string, AttributeValue>? key = null;
        foreach (var partition in StateIndexKey.PartitionsOf(Onboarding.Customers.OnboardingState.Templated))
        {
            var response = await dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                IndexName = StateIndexName,
                KeyConditionExpression = "#s = :s",
                ExpressionAttributeNames = new() { ["#s"] = OnboardingStateAttribute },
                ExpressionAttributeValues = new() { [":s"] = new AttributeValue(partition) },
                Limit = 1,
            });
            if ((key = (response.Items ?? []).FirstOrDefault()) is not null) break;
        }
        if (key is null) throw new InvalidOperationException("No Templated customer to copy.");
        var item = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = new() { [GrainIdAttribute] = key[GrainIdAttribute], [StateNameAttribute] = key[StateNameAttribute] },
        });
        return item.Item;
    }

    public async Task WriteAsync(Dictionary<string, AttributeValue> model, IReadOnlyList<string> accounts)
    {
        var json = JsonNode.Parse(GrainStatePayload.Decode(model[PayloadAttribute])!)!.AsObject();
        var modelAccount = (string)json["AccountId"]!;
        var batches = accounts.Chunk(BatchSize).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (batch, cancellationToken) =>
        {
            var writes = batch.Select(account => new WriteRequest { PutRequest = new PutRequest { Item = Copy(model, json, modelAccount, account) } }).ToList();
            for (var attempt = 0; writes.Count > 0; attempt++)
            {
                if (attempt > 0) await Task.Delay(50 * attempt, cancellationToken);
                var response = await dynamoDb.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [tableName] = writes } }, cancellationToken);
                writes = response.UnprocessedItems?.GetValueOrDefault(tableName) ?? [];
            }
        });
    }

    private static Dictionary<string, AttributeValue> Copy(Dictionary<string, AttributeValue> model, JsonObject modelJson, string modelAccount, string account)
    {
        var now = DateTimeOffset.UtcNow;
        var json = modelJson.DeepClone().AsObject();
        var linkSecret = RandomNumberGenerator.GetString(SecretAlphabet, 40);
        json["AccountId"] = account;
        json["ExternalId"] = RandomNumberGenerator.GetString(SecretAlphabet, 40);
        json["OnboardingToken"] = RandomNumberGenerator.GetString(SecretAlphabet, 40);
        json["CustomerLinkSecret"] = linkSecret;
        json["LaunchUrl"] = ((string?)json["LaunchUrl"])?.Replace($"{modelAccount}-{(string?)modelJson["CustomerLinkSecret"]}", $"{account}-{linkSecret}", StringComparison.Ordinal);
        json["TemplateKey"] = ((string?)json["TemplateKey"])?.Replace(modelAccount, account, StringComparison.Ordinal);
        foreach (var field in new[] { "CreatedAt", "UpdatedAt", "StateSince", "StartedAt" }) json[field] = now;
        var time = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var item = new Dictionary<string, AttributeValue>(model)
        {
            [GrainIdAttribute] = new($"customer/{account}"),
            [WriteIdAttribute] = new(Guid.NewGuid().ToString("N")),
            [UpdatedAtAttribute] = new(time),
            [IndexedAttributeNames.AccountId] = new(account),
            [OnboardingStateAttribute] = new(StateIndexKey.For(Onboarding.Customers.OnboardingState.Templated, account)),
            [CreatedAtAttribute] = new(time),
            [IndexedAttributeNames.ChangedAt] = new(time),
            [PayloadAttribute] = GrainStatePayload.Encode(Encoding.UTF8.GetBytes(json.ToJsonString(AsStored)), PayloadCompression.Brotli),
        };
        return item;
    }
}
