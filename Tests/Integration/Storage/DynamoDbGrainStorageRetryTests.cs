using Microsoft.Extensions.Logging.Abstractions;
using Onboarding.Dependencies;
using Onboarding.Silo.Dependencies;
using Onboarding.Silo.Storage;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Storage;
using Orleans.Storage;

namespace Onboarding.Tests.Integration.Storage;

/// <summary>
/// A conditional write whose response is lost is retried by the SDK; the retry's condition then meets the
/// storage's own first write. That is a success, not a conflict — unless someone else wrote in between.
/// </summary>
[Collection(LocalAwsCollection.Name)]
public sealed class DynamoDbGrainStorageRetryTests(LocalAwsStandIns aws) : DynamoDbStorageTestBase(aws), IDisposable
{
    private readonly DroppedResponses _network = new();
    private readonly LocalAwsStandIns _aws = aws;

    public void Dispose() => _network.Dispose();

    [Fact]
    public async Task A_first_write_retried_after_its_response_was_lost_succeeds_with_the_stored_etag()
    {
        var storage = FlakyStorage();
        var grainId = NewGrainId();
        _network.DropNextResponseTo("PutItem");

        var written = await WriteNewAsync(storage, grainId, new SampleState { Name = "first" });

        Assert.Equal(1, _network.Dropped);
        var read = await ReadAsync<SampleState>(CreateStorage(), grainId);
        Assert.Equal("first", read.State.Name);
        Assert.Equal(read.ETag, written.ETag);
    }

    [Fact]
    public async Task A_later_write_retried_after_its_response_was_lost_succeeds_and_the_next_write_follows_it()
    {
        var storage = FlakyStorage();
        var grainId = NewGrainId();
        var state = await WriteNewAsync(storage, grainId, new SampleState { Name = "first" });
        state.State.Name = "second";
        _network.DropNextResponseTo("PutItem");

        await storage.WriteStateAsync(StateName, grainId, state);
        state.State.Name = "third";
        await storage.WriteStateAsync(StateName, grainId, state);

        Assert.Equal(1, _network.Dropped);
        var read = await ReadAsync<SampleState>(CreateStorage(), grainId);
        Assert.Equal("third", read.State.Name);
        Assert.Equal(read.ETag, state.ETag);
    }

    [Fact]
    public async Task A_clear_retried_after_its_response_was_lost_succeeds()
    {
        var storage = FlakyStorage();
        var grainId = NewGrainId();
        var state = await WriteNewAsync(storage, grainId, new SampleState { Name = "first" });
        _network.DropNextResponseTo("PutItem");

        await storage.ClearStateAsync(StateName, grainId, state);

        Assert.Equal(1, _network.Dropped);
        var read = await ReadAsync<SampleState>(CreateStorage(), grainId);
        Assert.False(read.RecordExists);
        Assert.Equal(read.ETag, state.ETag);
    }

    [Fact]
    public async Task A_write_that_landed_and_was_overwritten_before_the_retry_is_still_a_conflict()
    {
        var storage = FlakyStorage();
        var grainId = NewGrainId();
        var state = await WriteNewAsync(storage, grainId, new SampleState { Name = "first" });
        state.State.Name = "ours";
        // Another silo reads our landed write and writes over it before the SDK retries ours.
        _network.DropNextResponseTo("PutItem", () => AnotherWriterWritesAsync(grainId, "theirs"));

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, state));

        // It crosses grain calls to the API: no SDK exception inside, which Orleans could not serialize.
        Assert.Null(conflict.InnerException);
        Assert.Equal("theirs", (await ReadAsync<SampleState>(CreateStorage(), grainId)).State.Name);
    }

    [Fact]
    public async Task A_write_whose_call_failed_after_it_landed_is_followed_by_the_next_write_not_called_a_conflict()
    {
        var storage = FlakyStorage(sdkRetries: false);
        var grainId = NewGrainId();
        var state = await WriteNewAsync(storage, grainId, new SampleState { Name = "first" });
        var before = state.ETag;
        state.State.Name = "second";
        _network.DropNextResponseTo("PutItem");

        // The caller gives up (as a grain call's budget does); the write is on the table all the same.
        await Assert.ThrowsAnyAsync<Exception>(() => storage.WriteStateAsync(StateName, grainId, state));
        Assert.Equal(before, state.ETag);
        Assert.Equal("second", (await ReadAsync<SampleState>(CreateStorage(), grainId)).State.Name);

        state.State.Name = "third";
        await storage.WriteStateAsync(StateName, grainId, state);

        var read = await ReadAsync<SampleState>(CreateStorage(), grainId);
        Assert.Equal("third", read.State.Name);
        Assert.Equal(read.ETag, state.ETag);
        Assert.Equal(long.Parse(before!) + 2, long.Parse(state.ETag!));
    }

    [Fact]
    public async Task A_write_whose_call_failed_and_was_then_overwritten_by_another_writer_is_a_conflict()
    {
        var storage = FlakyStorage(sdkRetries: false);
        var grainId = NewGrainId();
        var state = await WriteNewAsync(storage, grainId, new SampleState { Name = "first" });
        state.State.Name = "ours";
        _network.DropNextResponseTo("PutItem", () => AnotherWriterWritesAsync(grainId, "theirs"));
        await Assert.ThrowsAnyAsync<Exception>(() => storage.WriteStateAsync(StateName, grainId, state));

        state.State.Name = "ours again";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, state));

        Assert.Equal("theirs", (await ReadAsync<SampleState>(CreateStorage(), grainId)).State.Name);
    }

    [Fact]
    public async Task A_lost_check_whose_read_back_fails_is_the_tables_outage_not_a_conflict()
    {
        var storage = FlakyStorage(sdkRetries: false);
        var grainId = NewGrainId();
        var stale = await WriteNewAsync(storage, grainId, new SampleState { Name = "first" });
        var current = await ReadAsync<SampleState>(CreateStorage(), grainId);
        current.State.Name = "newer";
        await CreateStorage().WriteStateAsync(StateName, grainId, current);
        _network.DropNextResponseTo("GetItem");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => storage.WriteStateAsync(StateName, grainId, stale));

        Assert.IsNotType<InconsistentStateException>(failure);
        Assert.Equal(DependencyNames.DynamoDb, DependencyOutages.UnavailableDependency(failure));
        Assert.Equal("newer", (await ReadAsync<SampleState>(CreateStorage(), grainId)).State.Name);
    }

    /// <summary>Another silo reads what is stored and writes over it.</summary>
    private async Task AnotherWriterWritesAsync(GrainId grainId, string name)
    {
        var other = await ReadAsync<SampleState>(CreateStorage(), grainId);
        other.State.Name = name;
        await CreateStorage().WriteStateAsync(StateName, grainId, other);
    }

    private DynamoDbGrainStorage FlakyStorage(bool sdkRetries = true) => new(
        StorageName, new DynamoDbGrainStorageOptions { TableName = TableName }, _network.DynamoDbClient(_aws, sdkRetries),
        NullLogger<DynamoDbGrainStorage>.Instance);
}
