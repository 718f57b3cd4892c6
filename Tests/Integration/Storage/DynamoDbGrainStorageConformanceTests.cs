using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Storage;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Onboarding.Tests.Integration.Storage;

/// <summary>The IGrainStorage contract (after Orleans' storage test kit) against dynalite.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class DynamoDbGrainStorageConformanceTests(LocalAwsStandIns aws) : DynamoDbStorageTestBase(aws)
{
    private static SampleState Sample(string name = "Ada") => new()
    {
        Name = name,
        Stage = SampleStage.Approved,
        CreatedAt = new DateTimeOffset(2026, 11, 25, 9, 30, 15, 123, TimeSpan.FromHours(2)),
        Score = 42,
        Note = null,
        Items =
        [
            new SampleItem("sku-1", 2, new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero)),
            new SampleItem("sku-2", 1, null),
        ],
    };

    [Fact]
    public async Task Reading_a_missing_record_gives_a_fresh_state_null_etag_and_no_record()
    {
        var state = await ReadAsync<SampleState>(CreateStorage(), NewGrainId());

        Assert.NotNull(state.State);
        Assert.Equal("", state.State.Name);
        Assert.Empty(state.State.Items);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_every_field()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var written = await WriteNewAsync(storage, grainId, Sample());

        var read = await ReadAsync<SampleState>(storage, grainId);

        var expected = Sample();
        Assert.True(written.RecordExists);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(expected.Name, read.State.Name);
        Assert.Equal(expected.Stage, read.State.Stage);
        Assert.Equal(expected.CreatedAt, read.State.CreatedAt);
        Assert.Equal(expected.CreatedAt.Offset, read.State.CreatedAt.Offset);
        Assert.Equal(expected.Score, read.State.Score);
        Assert.Null(read.State.Note);
        Assert.Equal(expected.Items, read.State.Items);
    }

    [Fact]
    public async Task The_etag_changes_on_every_write()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var state = await WriteNewAsync(storage, grainId, Sample());
        var seen = new List<string?> { state.ETag };

        for (var i = 0; i < 3; i++)
        {
            state.State.Score = i;
            await storage.WriteStateAsync(StateName, grainId, state);
            seen.Add(state.ETag);
        }

        Assert.All(seen, Assert.NotNull);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(state.ETag, (await ReadAsync<SampleState>(storage, grainId)).ETag);
    }

    [Fact]
    public async Task A_null_etag_write_over_an_existing_record_throws_and_changes_nothing()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var original = await WriteNewAsync(storage, grainId, Sample("original"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteNewAsync(storage, grainId, Sample("intruder")));

        var read = await ReadAsync<SampleState>(storage, grainId);
        Assert.Equal("original", read.State.Name);
        Assert.Equal(original.ETag, read.ETag);
    }

    [Fact]
    public async Task A_stale_etag_write_throws_names_both_etags_and_leaves_the_stored_value()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var stale = await WriteNewAsync(storage, grainId, Sample("v1"));
        var staleETag = stale.ETag;
        var current = await ReadAsync<SampleState>(storage, grainId);
        current.State.Name = "v2";
        await storage.WriteStateAsync(StateName, grainId, current);

        stale.State.Name = "lost update";
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, stale));

        Assert.Equal(current.ETag, ex.StoredEtag);
        Assert.Equal(staleETag, ex.CurrentEtag);
        Assert.Contains($"stored etag {current.ETag}", ex.Message);
        Assert.Contains($"expected {staleETag}", ex.Message);
        Assert.Equal(staleETag, stale.ETag);
        var read = await ReadAsync<SampleState>(storage, grainId);
        Assert.Equal("v2", read.State.Name);
        Assert.Equal(current.ETag, read.ETag);
    }

    [Fact]
    public async Task An_etag_the_storage_never_issued_is_rejected_as_inconsistent()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var state = await WriteNewAsync(storage, grainId, Sample());
        state.ETag = "W/\"not-a-version\"";

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, state));
    }

    [Fact]
    public async Task A_stale_etag_clear_throws_and_leaves_the_stored_value()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var stale = await WriteNewAsync(storage, grainId, Sample("v1"));
        var current = await ReadAsync<SampleState>(storage, grainId);
        current.State.Name = "v2";
        await storage.WriteStateAsync(StateName, grainId, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, stale));

        var read = await ReadAsync<SampleState>(storage, grainId);
        Assert.True(read.RecordExists);
        Assert.Equal("v2", read.State.Name);
        Assert.Equal(current.ETag, read.ETag);
    }

    [Fact]
    public async Task A_null_etag_clear_over_an_existing_record_throws()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        await WriteNewAsync(storage, grainId, Sample("kept"));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(StateName, grainId, new TestGrainState<SampleState>(new SampleState())));

        Assert.Equal("kept", (await ReadAsync<SampleState>(storage, grainId)).State.Name);
    }

    [Fact]
    public async Task Clear_resets_the_state_and_leaves_a_tombstone_whose_etag_the_next_write_must_use()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var state = await WriteNewAsync(storage, grainId, Sample());
        var preClearETag = state.ETag;

        await storage.ClearStateAsync(StateName, grainId, state);

        Assert.NotNull(state.State);
        Assert.Equal("", state.State.Name);
        Assert.False(state.RecordExists);
        Assert.NotNull(state.ETag);
        Assert.NotEqual(preClearETag, state.ETag);

        var read = await ReadAsync<SampleState>(storage, grainId);
        Assert.NotNull(read.State);
        Assert.Equal("", read.State.Name);
        Assert.Empty(read.State.Items);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);

        // Neither the pre-clear etag nor "no record" may match the tombstone (no ABA).
        var withOldETag = new TestGrainState<SampleState>(Sample("old etag"), preClearETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, withOldETag));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteNewAsync(storage, grainId, Sample("null etag")));

        read.State.Name = "after clear";
        await storage.WriteStateAsync(StateName, grainId, read);
        Assert.True(read.RecordExists);
        var reread = await ReadAsync<SampleState>(storage, grainId);
        Assert.True(reread.RecordExists);
        Assert.Equal("after clear", reread.State.Name);
        Assert.Equal(read.ETag, reread.ETag);
    }

    [Fact]
    public async Task Clearing_a_record_that_was_never_written_leaves_a_tombstone()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var state = await ReadAsync<SampleState>(storage, grainId);

        await storage.ClearStateAsync(StateName, grainId, state);

        Assert.NotNull(state.ETag);
        var read = await ReadAsync<SampleState>(storage, grainId);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task Different_state_names_of_one_grain_are_independent_records()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var profile = await WriteNewAsync(storage, grainId, Sample("profile"), "profile");
        var billing = await WriteNewAsync(storage, grainId, Sample("billing"), "billing");

        await storage.ClearStateAsync("billing", grainId, billing);
        profile.State.Score = 7;
        await storage.WriteStateAsync("profile", grainId, profile);

        var readProfile = await ReadAsync<SampleState>(storage, grainId, "profile");
        var readBilling = await ReadAsync<SampleState>(storage, grainId, "billing");
        var readOther = await ReadAsync<SampleState>(storage, grainId, "other");
        Assert.True(readProfile.RecordExists);
        Assert.Equal("profile", readProfile.State.Name);
        Assert.Equal(7, readProfile.State.Score);
        Assert.False(readBilling.RecordExists);
        Assert.False(readOther.RecordExists);
        Assert.Null(readOther.ETag);
    }

    [Fact]
    public async Task Different_grains_are_independent()
    {
        var storage = CreateStorage();
        // Keys sharing a prefix must not collide.
        var key = Guid.NewGuid().ToString("N");
        var first = GrainId.Create(GrainType, key);
        var second = GrainId.Create(GrainType, key + "-2");
        await WriteNewAsync(storage, first, Sample("first"));
        await WriteNewAsync(storage, second, Sample("second"));

        var firstRead = await ReadAsync<SampleState>(storage, first);
        await storage.ClearStateAsync(StateName, first, firstRead);

        Assert.False((await ReadAsync<SampleState>(storage, first)).RecordExists);
        var secondRead = await ReadAsync<SampleState>(storage, second);
        Assert.True(secondRead.RecordExists);
        Assert.Equal("second", secondRead.State.Name);
        Assert.False((await ReadAsync<SampleState>(storage, NewGrainId())).RecordExists);
    }

    [Fact]
    public async Task The_cancellation_token_overloads_pass_the_token_to_DynamoDB()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => storage.WriteStateAsync(StateName, grainId, new TestGrainState<SampleState>(Sample()), cancelled.Token));

        Assert.Null(await GetRawItemAsync(grainId));
    }
}
