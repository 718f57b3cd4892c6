using System.Security.Cryptography;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Silo.Storage;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Storage;
using Orleans;
using Orleans.Runtime;
using static Onboarding.Silo.Storage.DynamoDbGrainStorageTable;

namespace Onboarding.Tests.Integration.Storage;

/// <summary>What lands in the DynamoDB item: layout, size limit, indexed attributes, tolerant payload reading.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class DynamoDbGrainStorageItemTests(LocalAwsStandIns aws) : DynamoDbStorageTestBase(aws)
{
    // Leaves room for the key, etag, type and timestamp attributes within the limit.
    private const int ItemOverheadAllowanceBytes = 2_000;

    [Fact]
    public async Task A_write_stores_the_documented_attributes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var storage = CreateStorage(time);
        var grainId = NewGrainId();
        var state = await WriteNewAsync(storage, grainId, new SampleState { Name = "Ada", Stage = SampleStage.Submitted });

        var item = await GetRawItemAsync(grainId);

        Assert.NotNull(item);
        Assert.Equal(grainId.ToString(), item[GrainIdAttribute].S);
        Assert.Equal(StateName, item[StateNameAttribute].S);
        Assert.Equal(state.ETag, item[ETagAttribute].N);
        Assert.False(item.ContainsKey(PayloadTypeAttribute), "no longer written: reading never depended on it");
        Assert.Equal("2030-01-02T03:04:05.0000000Z", item[UpdatedAtAttribute].S);
        Assert.Null(item[PayloadAttribute].S);
        Assert.Contains("\"Stage\":\"Submitted\"", PayloadJson(item));
        Assert.False(item.ContainsKey(ClearedAttribute));

        time.Advance(TimeSpan.FromMinutes(1));
        await storage.ClearStateAsync(StateName, grainId, state);
        var tombstone = await GetRawItemAsync(grainId);
        Assert.NotNull(tombstone);
        Assert.True(tombstone[ClearedAttribute].BOOL);
        Assert.False(tombstone.ContainsKey(PayloadAttribute));
        Assert.Equal(state.ETag, tombstone[ETagAttribute].N);
        Assert.Equal("2030-01-02T03:05:05.0000000Z", tombstone[UpdatedAtAttribute].S);
    }

    [Theory]
    [InlineData(PayloadCompression.None, 100)]
    [InlineData(PayloadCompression.Brotli, 100)]
    [InlineData(PayloadCompression.Brotli, 2 * MaxItemSizeBytes)]
    public async Task The_payload_is_compressed_as_configured_and_reads_back_the_same(PayloadCompression compression, int noteLength)
    {
        var storage = CreateStorage(compression: compression);
        var grainId = NewGrainId();
        // Compressible: twice the item limit in plain text is stored within it.
        var note = string.Concat(Enumerable.Repeat("a customer note, ", noteLength / 17 + 1))[..noteLength];
        await WriteNewAsync(storage, grainId, new SampleState { Name = "Ada", Note = note });

        var item = await GetRawItemAsync(grainId);
        Assert.NotNull(item);
        Assert.Equal(compression == PayloadCompression.None, item[PayloadAttribute].S is not null);
        Assert.Equal(compression == PayloadCompression.Brotli, item[PayloadAttribute].B is not null);
        Assert.Contains("\"Name\":\"Ada\"", PayloadJson(item));
        // Either form is read whatever the storage writes.
        foreach (var reader in new[] { CreateStorage(compression: PayloadCompression.None), CreateStorage(compression: PayloadCompression.Brotli) })
            Assert.Equal(note, (await ReadAsync<SampleState>(reader, grainId)).State.Note);
    }

    [Fact]
    public async Task A_first_write_over_the_size_limit_throws_a_clear_exception_and_stores_nothing()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        // Random text: compression cannot bring it under the limit.
        var state = new TestGrainState<SampleState>(new SampleState { Note = Convert.ToBase64String(RandomNumberGenerator.GetBytes(MaxItemSizeBytes)) });

        var ex = await Assert.ThrowsAsync<GrainStateTooLargeException>(() => storage.WriteStateAsync(StateName, grainId, state));

        Assert.Equal(grainId.ToString(), ex.GrainId);
        Assert.Equal(StateName, ex.StateName);
        Assert.Equal(MaxItemSizeBytes, ex.LimitBytes);
        Assert.True(ex.SizeBytes > MaxItemSizeBytes);
        Assert.Contains(grainId.ToString(), ex.Message);
        Assert.Contains(StateName, ex.Message);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Null(await GetRawItemAsync(grainId));
    }

    [Fact]
    public async Task An_oversized_update_counts_UTF8_bytes_and_leaves_the_stored_record_unchanged()
    {
        // Uncompressed, so that the payload's size is its UTF-8 size.
        var storage = CreateStorage(compression: PayloadCompression.None);
        var grainId = NewGrainId();
        var state = await WriteNewAsync(storage, grainId, new SampleState { Name = "small" });
        var storedETag = state.ETag;

        // Under the limit in characters, over it in UTF-8 bytes ('é' is two bytes).
        state.State.Name = "large";
        state.State.Note = new string('é', (MaxItemSizeBytes / 2) + ItemOverheadAllowanceBytes);
        await Assert.ThrowsAsync<GrainStateTooLargeException>(() => storage.WriteStateAsync(StateName, grainId, state));

        Assert.Equal(storedETag, state.ETag);
        var read = await ReadAsync<SampleState>(storage, grainId);
        Assert.Equal("small", read.State.Name);
        Assert.Equal(storedETag, read.ETag);
    }

    [Fact]
    public async Task A_state_just_under_the_size_limit_is_stored()
    {
        var storage = CreateStorage(compression: PayloadCompression.None);
        var grainId = NewGrainId();
        var note = new string('x', MaxItemSizeBytes - ItemOverheadAllowanceBytes);

        await WriteNewAsync(storage, grainId, new SampleState { Note = note });

        Assert.Equal(note, (await ReadAsync<SampleState>(storage, grainId)).State.Note);
    }

    [Fact]
    public async Task Indexed_attributes_become_top_level_attributes_and_the_ByState_index_finds_them()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var createdAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var state = await WriteNewAsync(storage, grainId, new IndexedSampleState { Stage = "Verifying", CreatedAt = createdAt, Region = "" });

        var item = await GetRawItemAsync(grainId);
        Assert.NotNull(item);
        Assert.Equal("Verifying", item[OnboardingStateAttribute].S);
        Assert.Equal("2026-11-25T10:00:00.0000000Z", item[CreatedAtAttribute].S);
        Assert.False(item.ContainsKey(IndexedSampleState.RegionAttribute), "an empty indexed value is not written");
        Assert.DoesNotContain("IndexedAttributes", PayloadJson(item));
        Assert.Equal([grainId.ToString()], await QueryByStateAsync("Verifying"));

        state.State.Stage = "Active";
        state.State.Region = "eu";
        await storage.WriteStateAsync(StateName, grainId, state);
        Assert.Empty(await QueryByStateAsync("Verifying"));
        Assert.Equal([grainId.ToString()], await QueryByStateAsync("Active"));
        Assert.Equal("eu", (await GetRawItemAsync(grainId))![IndexedSampleState.RegionAttribute].S);

        // A cleared record leaves the index.
        await storage.ClearStateAsync(StateName, grainId, state);
        Assert.Empty(await QueryByStateAsync("Active"));
        Assert.False((await GetRawItemAsync(grainId))!.ContainsKey(OnboardingStateAttribute));
    }

    [Fact]
    public async Task An_indexed_attribute_may_not_reuse_a_storage_attribute_name()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => WriteNewAsync(storage, grainId, new ReservedNameIndexedState { Value = "hijack" }));

        Assert.Null(await GetRawItemAsync(grainId));
    }

    [Fact]
    public async Task A_payload_with_unknown_and_missing_properties_reads_with_defaults()
    {
        var grainId = NewGrainId();
        const string OlderAndNewerJson =
            """{"Name":"Grace","Stage":"Submitted","RetiredField":"x","FutureObject":{"a":[1,2]},"Items":[{"Sku":"s","Quantity":3,"Colour":"red"}]}""";
        await Client.PutItemAsync(new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [GrainIdAttribute] = new() { S = grainId.ToString() },
                [StateNameAttribute] = new() { S = StateName },
                [ETagAttribute] = new() { N = "7" },
                [PayloadAttribute] = new() { S = OlderAndNewerJson },
                [PayloadTypeAttribute] = new() { S = "Some.Renamed.Type" },
            },
        });

        var read = await ReadAsync<SampleState>(CreateStorage(), grainId);

        Assert.True(read.RecordExists);
        Assert.Equal("7", read.ETag);
        Assert.Equal("Grace", read.State.Name);
        Assert.Equal(SampleStage.Submitted, read.State.Stage);
        Assert.Equal(default, read.State.CreatedAt);
        Assert.Null(read.State.Score);
        Assert.Equal([new SampleItem("s", 3, null)], read.State.Items);
    }

    private async Task<List<string>> QueryByStateAsync(string onboardingState)
    {
        var response = await Client.QueryAsync(new QueryRequest
        {
            TableName = TableName,
            IndexName = StateIndexName,
            KeyConditionExpression = "#state = :state",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#state"] = OnboardingStateAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":state"] = new() { S = onboardingState } },
        });
        return (response.Items ?? []).Select(item => item[GrainIdAttribute].S).ToList();
    }
}
