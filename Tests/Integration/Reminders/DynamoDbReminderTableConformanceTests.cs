using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Reminders;
using Orleans;
using Orleans.Runtime;

namespace Onboarding.Tests.Integration.Reminders;

/// <summary>The IReminderTable contract (after Orleans' reminder table test kit) against dynalite.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class DynamoDbReminderTableConformanceTests(LocalAwsStandIns aws) : DynamoDbReminderTestBase(aws)
{
    private const string ReminderName = "follow-up";

    [Fact]
    public async Task An_upserted_reminder_reads_back_with_every_field()
    {
        var table = CreateTable();
        var written = Entry(NewGrainId(), ReminderName);

        var etag = await table.UpsertRow(written);
        var read = await table.ReadRow(written.GrainId, ReminderName);

        Assert.NotNull(etag);
        Assert.NotNull(read);
        Assert.Equal(written.GrainId, read.GrainId);
        Assert.Equal(ReminderName, read.ReminderName);
        Assert.Equal(written.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(written.Period, read.Period);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task Reading_a_missing_reminder_gives_null()
    {
        var table = CreateTable();
        await table.UpsertRow(Entry(NewGrainId(), ReminderName));

        Assert.Null(await table.ReadRow(NewGrainId(), ReminderName));
    }

    [Fact]
    public async Task Reading_by_grain_returns_only_that_grains_reminders()
    {
        var table = CreateTable();
        var grain = NewGrainId();
        var other = NewGrainId();
        await table.UpsertRow(Entry(grain, "a"));
        await table.UpsertRow(Entry(grain, "b"));
        await table.UpsertRow(Entry(other, "a"));

        var rows = await table.ReadRows(grain);

        Assert.Equal([(grain, "a"), (grain, "b")], Keys(rows).OrderBy(k => k.Item2));
        Assert.Empty((await table.ReadRows(NewGrainId())).Reminders);
    }

    [Fact]
    public async Task Reading_a_hash_range_returns_exactly_the_reminders_hashed_into_it()
    {
        var table = CreateTable();
        var entries = await UpsertManyAsync(table);
        var hashes = entries.Select(e => e.GrainId.GetUniformHashCode()).Distinct().Order().ToArray();

        // Bounds taken from stored hashes, so exclusive-begin and inclusive-end are both exercised.
        (uint Begin, uint End)[] ranges =
        [
            (hashes[10], hashes[30]),               // normal
            (hashes[35], hashes[5]),                // wraps past uint.MaxValue
            (hashes[20], hashes[20]),               // begin == end: the full ring
            (uint.MinValue, uint.MaxValue),         // everything but hash 0
            (uint.MaxValue, hashes[3]),             // wraps with nothing above begin
            (hashes[7] - 1, hashes[7]),             // a single hash
        ];
        foreach (var (begin, end) in ranges)
        {
            var expected = entries.Where(e => InRange(e.GrainId.GetUniformHashCode(), begin, end)).Select(e => (e.GrainId, e.ReminderName)).ToHashSet();

            var rows = await table.ReadRows(begin, end);

            Assert.True(expected.SetEquals(Keys(rows)), $"range ({begin:X8}, {end:X8}]: expected {expected.Count}, read {rows.Reminders.Count}");
            Assert.Equal(expected.Count, rows.Reminders.Count);
        }
        Assert.Equal(entries.Count, (await table.ReadRows(hashes[20], hashes[20])).Reminders.Count);
    }

    [Fact]
    public async Task Every_upsert_changes_the_etag()
    {
        var table = CreateTable();
        var entry = Entry(NewGrainId(), ReminderName);

        var first = await table.UpsertRow(entry);
        entry.Period = TimeSpan.FromMinutes(5);
        var second = await table.UpsertRow(entry);

        Assert.NotEqual(first, second);
        var read = await table.ReadRow(entry.GrainId, ReminderName);
        Assert.Equal(second, read?.ETag);
        Assert.Equal(TimeSpan.FromMinutes(5), read?.Period);
    }

    [Fact]
    public async Task Removing_with_the_current_etag_succeeds_and_the_row_is_gone()
    {
        var table = CreateTable();
        var entry = Entry(NewGrainId(), ReminderName);
        var etag = await table.UpsertRow(entry);

        Assert.True(await table.RemoveRow(entry.GrainId, ReminderName, etag!));

        Assert.Null(await table.ReadRow(entry.GrainId, ReminderName));
        Assert.Empty((await table.ReadRows(entry.GrainId)).Reminders);
    }

    [Fact]
    public async Task Removing_with_a_stale_etag_fails_and_keeps_the_row()
    {
        var table = CreateTable();
        var entry = Entry(NewGrainId(), ReminderName);
        var stale = await table.UpsertRow(entry);
        var current = await table.UpsertRow(entry);

        Assert.False(await table.RemoveRow(entry.GrainId, ReminderName, stale!));
        Assert.False(await table.RemoveRow(entry.GrainId, ReminderName, "not-an-etag"));

        Assert.Equal(current, (await table.ReadRow(entry.GrainId, ReminderName))?.ETag);
    }

    [Fact]
    public async Task Removing_a_missing_row_fails()
    {
        var table = CreateTable();
        var entry = Entry(NewGrainId(), ReminderName);
        var etag = await table.UpsertRow(entry);

        Assert.False(await table.RemoveRow(NewGrainId(), ReminderName, etag!));
        Assert.False(await table.RemoveRow(entry.GrainId, "other", etag!));
        Assert.True(await table.RemoveRow(entry.GrainId, ReminderName, etag!));
        Assert.False(await table.RemoveRow(entry.GrainId, ReminderName, etag!));
    }

    [Fact]
    public async Task The_etag_of_a_removed_row_cannot_remove_its_recreation()
    {
        var table = CreateTable();
        var entry = Entry(NewGrainId(), ReminderName);
        var removedETag = await table.UpsertRow(entry);
        Assert.True(await table.RemoveRow(entry.GrainId, ReminderName, removedETag!));

        var recreatedETag = await table.UpsertRow(entry);

        Assert.NotEqual(removedETag, recreatedETag);
        Assert.False(await table.RemoveRow(entry.GrainId, ReminderName, removedETag!));
        Assert.NotNull(await table.ReadRow(entry.GrainId, ReminderName));
    }

    [Fact]
    public async Task Clearing_removes_only_this_services_reminders()
    {
        const string OtherServiceId = "another-service";
        var table = CreateTable();
        var other = CreateTable(OtherServiceId);
        // More than one BatchWriteItem (25 items) worth, to cover the chunking.
        var mine = await UpsertManyAsync(table);
        var theirs = Entry(mine[0].GrainId, mine[0].ReminderName);
        await other.UpsertRow(theirs);

        await table.TestOnlyClearTable();

        Assert.Empty((await table.ReadRows(0, 0)).Reminders);
        Assert.Null(await table.ReadRow(mine[0].GrainId, mine[0].ReminderName));
        var survivor = Assert.Single((await other.ReadRows(0, 0)).Reminders);
        Assert.Equal((theirs.GrainId, theirs.ReminderName), (survivor.GrainId, survivor.ReminderName));
    }

    [Fact]
    public async Task A_reminder_name_too_long_for_the_sort_key_is_refused_before_sending()
    {
        var table = CreateTable();
        var entry = Entry(NewGrainId(), new string('r', Onboarding.Silo.Reminders.DynamoDbReminderTableSchema.MaxSortKeyBytes));

        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertRow(entry));
        Assert.Null(await table.ReadRow(entry.GrainId, entry.ReminderName));
    }

    // 40 grains, every fourth with a second reminder: 50 reminders.
    private static async Task<List<ReminderEntry>> UpsertManyAsync(Orleans.IReminderTable table)
    {
        const int Grains = 40;
        const int EveryNthHasTwo = 4;
        var entries = new List<ReminderEntry>();
        for (var i = 0; i < Grains; i++)
        {
            var grainId = NewGrainId();
            entries.Add(Entry(grainId, ReminderName));
            if (i % EveryNthHasTwo == 0) entries.Add(Entry(grainId, "second"));
        }
        foreach (var entry in entries) await table.UpsertRow(entry);
        return entries;
    }

    // IReminderTable.ReadRows(begin, end) as Orleans documents it.
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
