using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Persistence;
using Onboarding.Silo.Configuration;
using Orleans.Storage;
using static Onboarding.Silo.Storage.DynamoDbGrainStorageTable;

namespace Onboarding.Silo.Storage;

/// <summary>
/// Orleans grain storage on one DynamoDB table (layout: <see cref="DynamoDbGrainStorageTable"/>). Concurrency is
/// optimistic and uses single-item conditional writes only, so it also runs where transactions are unavailable.
/// </summary>
public sealed partial class DynamoDbGrainStorage : IGrainStorage
{
    // A record that was never written has no version; the first write or clear stores NoVersion + 1.
    private const long NoVersion = 0;
    private const string GrainIdName = "#grainId";
    private const string ETagName = "#etag";
    private const string WriteIdName = "#writeId";
    private const string ExpectedETagValue = ":expected";
    private const int MaxUnconfirmedWrites = 10_000;

    private readonly string _name;
    private readonly string _tableName;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly PayloadCompression _payloadCompression;
    private readonly IAmazonDynamoDB _client;
    private readonly ILogger<DynamoDbGrainStorage> _logger;
    private readonly TimeProvider _timeProvider;

    // Per record, the write ids of writes whose outcome is unknown: the call failed (timed out, connection lost,
    // cancelled) after the request may have landed. An activation's writes are sequential, so finding one of
    // these stored means nobody else wrote since: the next write follows it rather than calling it a conflict.
    // Forgotten by a write that lands and by a read of the record.
    private readonly ConcurrentDictionary<(GrainId, string), ImmutableHashSet<string>> _unconfirmed = new();

    public DynamoDbGrainStorage(
        string name,
        DynamoDbGrainStorageOptions options,
        IAmazonDynamoDB client,
        ILogger<DynamoDbGrainStorage> logger,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);

        // Checked here too: the storage can be constructed without the options pipeline.
        ValidatedOptions.Require(new DynamoDbGrainStorageOptionsValidator(), name, options);

        _name = name;
        _tableName = options.TableName;
        _serializerOptions = options.SerializerOptions ?? DynamoDbGrainStorageOptions.CreateDefaultSerializerOptions();
        _payloadCompression = options.PayloadCompression;
        _client = client;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = _tableName, Key = Key(grainId, stateName), ConsistentRead = true };
        var response = await _client.GetItemAsync(request, cancellationToken);
        _unconfirmed.TryRemove((grainId, stateName), out _);

        // SDK v4 returns a null Item (not an empty one) when nothing is stored.
        var item = response.Item;
        if (item is null || item.Count == 0)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            LogReadMissing(_logger, _name, grainId, stateName);
            return;
        }

        var version = StoredVersion(item, grainId, stateName);
        var isTombstone = item.TryGetValue(ClearedAttribute, out var cleared) && cleared.BOOL == true;
        if (!isTombstone && item.TryGetValue(PayloadAttribute, out var payload) && GrainStatePayload.Decode(payload) is { } json)
        {
            grainState.State = Deserialize<T>(json, grainId, stateName);
            grainState.RecordExists = true;
        }
        else
        {
            // A tombstone keeps its version as the etag, so the next write must condition on it.
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }
        grainState.ETag = FormatVersion(version);
        LogRead(_logger, _name, grainId, stateName, grainState.ETag, grainState.RecordExists);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var expected = ExpectedVersion(grainState.ETag, grainId, stateName);
        var newVersion = (expected ?? NoVersion) + 1;

        var item = NewItem(grainId, stateName, newVersion);
        item[PayloadAttribute] = GrainStatePayload.Encode(JsonSerializer.SerializeToUtf8Bytes(grainState.State, _serializerOptions), _payloadCompression);
        AddIndexedAttributes(item, grainState.State, grainId, stateName);

        // Refuse before sending: DynamoDB would reject it anyway, and a clear message beats a ValidationException.
        var size = DynamoDbItemSize.Measure(item);
        if (size > MaxItemSizeBytes)
        {
            throw new GrainStateTooLargeException(grainId.ToString(), stateName, size, MaxItemSizeBytes);
        }

        var written = await PutConditionallyAsync("write", item, expected, grainId, stateName, grainState.ETag, cancellationToken);
        grainState.ETag = FormatVersion(written);
        grainState.RecordExists = true;
        LogWrote(_logger, _name, grainId, stateName, grainState.ETag, size);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var expected = ExpectedVersion(grainState.ETag, grainId, stateName);
        var newVersion = (expected ?? NoVersion) + 1;

        // A tombstone rather than a delete: deleting would let a later null-etag write succeed and an old etag
        // match again (ABA). Replacing the whole item also drops the indexed attributes, so it leaves the index.
        var tombstone = NewItem(grainId, stateName, newVersion);
        tombstone[ClearedAttribute] = new AttributeValue { BOOL = true };

        var written = await PutConditionallyAsync("clear", tombstone, expected, grainId, stateName, grainState.ETag, cancellationToken);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = FormatVersion(written);
        grainState.RecordExists = false;
        LogCleared(_logger, _name, grainId, stateName, grainState.ETag);
    }

    /// <summary>Puts <paramref name="item"/> if the stored version is <paramref name="expected"/>; returns the version written.</summary>
    private async Task<long> PutConditionallyAsync(
        string operation,
        Dictionary<string, AttributeValue> item,
        long? expected,
        GrainId grainId,
        string stateName,
        string? currentETag,
        CancellationToken cancellationToken)
    {
        var key = (grainId, stateName);
        var writeId = item[WriteIdAttribute].S;
        var version = (expected ?? NoVersion) + 1;
        try
        {
            await _client.PutItemAsync(PutRequest(item, expected), cancellationToken);
            _unconfirmed.TryRemove(key, out _);
            return version;
        }
        catch (ConditionalCheckFailedException)
        {
            // A failed read-back is the table being unavailable, not a conflict: it propagates as the outage it is.
            // The condition may have failed on the SDK's retry of this very write, so its outcome stays unknown.
            (string? ETag, string? WriteId) stored;
            try
            {
                stored = await ReadStoredVersionAsync(grainId, stateName, cancellationToken);
            }
            catch
            {
                RememberUnconfirmed(key, writeId);
                throw;
            }
            if (stored.WriteId == writeId)
            {
                // The SDK retried a request whose response was lost: the condition failed against our own write.
                LogRetryFoundOwnWrite(_logger, _name, operation, grainId, stateName, stored.ETag);
                _unconfirmed.TryRemove(key, out _);
                return version;
            }

            if (stored.WriteId is { } found && _unconfirmed.TryGetValue(key, out var ours) && ours.Contains(found)
                && long.TryParse(stored.ETag, NumberStyles.None, CultureInfo.InvariantCulture, out var landed))
            {
                LogFollowedUnconfirmedWrite(_logger, _name, operation, grainId, stateName, stored.ETag);
                item[ETagAttribute] = new AttributeValue { N = FormatVersion(landed + 1) };
                return await PutConditionallyAsync(operation, item, landed, grainId, stateName, stored.ETag, cancellationToken);
            }

            LogConflict(_logger, _name, operation, grainId, stateName, stored.ETag, currentETag);
            // No inner exception: this one crosses grain calls, and the SDK's exceptions do not serialize.
            throw new InconsistentStateException(
                $"DynamoDB grain storage '{_name}': {operation} of state '{stateName}' for grain '{grainId}' lost an optimistic-concurrency check "
                + $"(stored etag {stored.ETag ?? "none"}, expected {currentETag ?? "none"}).",
                stored.ETag ?? "",
                currentETag ?? "");
        }
        catch
        {
            RememberUnconfirmed(key, writeId);
            throw;
        }
    }

    private void RememberUnconfirmed((GrainId, string) key, string writeId)
    {
        // Bounded: past the bound a landed write is a conflict again, which the caller survives by re-reading.
        if (_unconfirmed.Count < MaxUnconfirmedWrites) _unconfirmed.AddOrUpdate(key, _ => [writeId], (_, ids) => ids.Add(writeId));
    }

    private PutItemRequest PutRequest(Dictionary<string, AttributeValue> item, long? expected)
    {
        var request = new PutItemRequest { TableName = _tableName, Item = item };
        if (expected is { } version)
        {
            request.ConditionExpression = $"{ETagName} = {ExpectedETagValue}";
            request.ExpressionAttributeNames = new Dictionary<string, string> { [ETagName] = ETagAttribute };
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [ExpectedETagValue] = new() { N = FormatVersion(version) } };
        }
        else
        {
            request.ConditionExpression = $"attribute_not_exists({GrainIdName})";
            request.ExpressionAttributeNames = new Dictionary<string, string> { [GrainIdName] = GrainIdAttribute };
        }
        return request;
    }

    // Consistent, so a landed first attempt is seen; the version may have moved on again by the time it is used.
    private async Task<(string? ETag, string? WriteId)> ReadStoredVersionAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _tableName,
            Key = Key(grainId, stateName),
            ConsistentRead = true,
            ProjectionExpression = $"{ETagName}, {WriteIdName}",
            ExpressionAttributeNames = new Dictionary<string, string> { [ETagName] = ETagAttribute, [WriteIdName] = WriteIdAttribute },
        }, cancellationToken);
        var item = response.Item;
        return (item?.GetValueOrDefault(ETagAttribute)?.N, item?.GetValueOrDefault(WriteIdAttribute)?.S);
    }

    private Dictionary<string, AttributeValue> NewItem(GrainId grainId, string stateName, long version)
    {
        var item = Key(grainId, stateName);
        item[ETagAttribute] = new AttributeValue { N = FormatVersion(version) };
        item[WriteIdAttribute] = new AttributeValue { S = Guid.NewGuid().ToString("N") };
        item[UpdatedAtAttribute] = new AttributeValue { S = _timeProvider.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture) };
        return item;
    }

    private static void AddIndexedAttributes<T>(Dictionary<string, AttributeValue> item, T state, GrainId grainId, string stateName)
    {
        if (state is not IIndexedState indexed) return;
        foreach (var (name, value) in indexed.IndexedAttributes)
        {
            if (string.IsNullOrWhiteSpace(name) || ReservedAttributeNames.Contains(name))
            {
                throw new InvalidOperationException(
                    $"State '{stateName}' of grain '{grainId}' publishes indexed attribute '{name}', a name the grain storage reserves.");
            }

            // DynamoDB rejects empty strings as index keys; an absent attribute simply keeps the record out of the index.
            if (string.IsNullOrEmpty(value)) continue;
            item[name] = new AttributeValue { S = value };
        }
    }

    private T Deserialize<T>(string json, GrainId grainId, string stateName)
    {
        try
        {
            // A stored JSON null (a null state was written) reads as a fresh state, as Orleans expects a non-null one.
            return JsonSerializer.Deserialize<T>(json, _serializerOptions) ?? Activator.CreateInstance<T>();
        }
        catch (JsonException ex)
        {
            // The payload itself is never put in the message: it may hold personal data.
            throw new InvalidOperationException(
                $"DynamoDB grain storage '{_name}': state '{stateName}' of grain '{grainId}' cannot be read as {typeof(T).FullName}.", ex);
        }
    }

    private static Dictionary<string, AttributeValue> Key(GrainId grainId, string stateName) => new()
    {
        [GrainIdAttribute] = new AttributeValue { S = grainId.ToString() },
        [StateNameAttribute] = new AttributeValue { S = stateName },
    };

    private static long? ExpectedVersion(string? etag, GrainId grainId, string stateName)
    {
        if (etag is null) return null;
        if (long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return version;

        // An etag this storage never issued cannot match anything stored.
        throw new InconsistentStateException(
            $"State '{stateName}' of grain '{grainId}' carries etag '{etag}', which is not a DynamoDB grain storage version.", "", etag);
    }

    private static long StoredVersion(Dictionary<string, AttributeValue> item, GrainId grainId, string stateName) =>
        item.TryGetValue(ETagAttribute, out var etag)
        && long.TryParse(etag.N, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InvalidOperationException($"Stored state '{stateName}' of grain '{grainId}' has no valid {ETagAttribute} number.");

    private static string FormatVersion(long version) => version.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain storage {StorageName}: no record for {GrainId}/{StateName}")]
    private static partial void LogReadMissing(ILogger logger, string storageName, GrainId grainId, string stateName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain storage {StorageName}: read {GrainId}/{StateName} etag {ETag} (record exists: {RecordExists})")]
    private static partial void LogRead(ILogger logger, string storageName, GrainId grainId, string stateName, string? eTag, bool recordExists);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain storage {StorageName}: wrote {GrainId}/{StateName} etag {ETag} ({SizeBytes} bytes)")]
    private static partial void LogWrote(ILogger logger, string storageName, GrainId grainId, string stateName, string? eTag, int sizeBytes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain storage {StorageName}: cleared {GrainId}/{StateName}, tombstone etag {ETag}")]
    private static partial void LogCleared(ILogger logger, string storageName, GrainId grainId, string stateName, string? eTag);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain storage {StorageName}: {Operation} of {GrainId}/{StateName} was retried after its response was lost; it had landed (etag {ETag})")]
    private static partial void LogRetryFoundOwnWrite(ILogger logger, string storageName, string operation, GrainId grainId, string stateName, string? eTag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {StorageName}: {Operation} of {GrainId}/{StateName} follows an earlier write of its own whose call failed but which had landed (etag {ETag})")]
    private static partial void LogFollowedUnconfirmedWrite(ILogger logger, string storageName, string operation, GrainId grainId, string stateName, string? eTag);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain storage {StorageName}: {Operation} of {GrainId}/{StateName} conflicted (stored etag {StoredETag}, expected {ExpectedETag})")]
    private static partial void LogConflict(ILogger logger, string storageName, string operation, GrainId grainId, string stateName, string? storedETag, string? expectedETag);
}
