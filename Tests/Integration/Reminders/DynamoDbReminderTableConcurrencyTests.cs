using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Reminders;

namespace Onboarding.Tests.Integration.Reminders;

/// <summary>Silos racing on one reminder: upserts all land, conditional removals let exactly one through.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class DynamoDbReminderTableConcurrencyTests(LocalAwsStandIns aws) : DynamoDbReminderTestBase(aws)
{
    private const string ReminderName = "race";
    private const int Racers = 16;

    [Fact]
    public async Task Concurrent_upserts_all_succeed_and_leave_one_row_with_the_last_etag()
    {
        var grainId = NewGrainId();

        // Separate table instances stand in for separate silos.
        var etags = await Task.WhenAll(Enumerable.Range(0, Racers)
            .Select(i => CreateTable().UpsertRow(Entry(grainId, ReminderName, periodSeconds: i + 1))));

        Assert.All(etags, Assert.NotNull);
        Assert.Equal(Racers, etags.Distinct().Count());
        var row = Assert.Single((await CreateTable().ReadRows(grainId)).Reminders);
        Assert.Equal(etags.MaxBy(e => long.Parse(e!)), row.ETag);
    }

    [Fact]
    public async Task Concurrent_removals_with_one_etag_let_exactly_one_succeed()
    {
        var grainId = NewGrainId();
        var etag = await CreateTable().UpsertRow(Entry(grainId, ReminderName));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => CreateTable().RemoveRow(grainId, ReminderName, etag!)));

        Assert.Single(outcomes, removed => removed);
        Assert.Null(await CreateTable().ReadRow(grainId, ReminderName));
    }

    [Fact]
    public async Task A_removal_racing_an_upsert_on_one_etag_never_deletes_the_newer_row()
    {
        var grainId = NewGrainId();
        var etag = await CreateTable().UpsertRow(Entry(grainId, ReminderName));

        var upsert = CreateTable().UpsertRow(Entry(grainId, ReminderName));
        var remove = CreateTable().RemoveRow(grainId, ReminderName, etag!);
        await Task.WhenAll(upsert, remove);

        // Either the removal came first and the upsert re-created the row, or the upsert moved the etag on first.
        var row = await CreateTable().ReadRow(grainId, ReminderName);
        Assert.NotNull(row);
        Assert.Equal(await upsert, row.ETag);
    }
}
