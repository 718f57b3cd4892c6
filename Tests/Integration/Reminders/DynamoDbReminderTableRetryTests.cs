using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Reminders;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Reminders;

namespace Onboarding.Tests.Integration.Reminders;

/// <summary>
/// Writes whose response is lost are retried by the SDK: a removal that already landed is reported as done,
/// not as "the etag moved on", and an upsert still answers the etag that is stored.
/// </summary>
[Collection(LocalAwsCollection.Name)]
public sealed class DynamoDbReminderTableRetryTests(LocalAwsStandIns aws) : DynamoDbReminderTestBase(aws), IDisposable
{
    private const string ReminderName = "retried";
    private readonly DroppedResponses _network = new();
    private readonly LocalAwsStandIns _aws = aws;

    public void Dispose() => _network.Dispose();

    [Theory]
    [InlineData("DeleteItem")]
    [InlineData("UpdateItem")]
    public async Task A_removal_retried_after_its_response_was_lost_reports_success_and_the_row_is_gone(string droppedOperation)
    {
        var table = FlakyTable();
        var entry = Entry(NewGrainId(), ReminderName);
        var etag = await table.UpsertRow(entry);
        _network.DropNextResponseTo(droppedOperation);

        Assert.True(await table.RemoveRow(entry.GrainId, ReminderName, etag!));

        Assert.Equal(1, _network.Dropped);
        Assert.Null(await CreateTable().ReadRow(entry.GrainId, ReminderName));
        // Only one removal can claim the row: a second one with the same etag still fails.
        Assert.False(await table.RemoveRow(entry.GrainId, ReminderName, etag!));
    }

    [Fact]
    public async Task A_removal_whose_row_was_upserted_before_the_retry_fails_and_keeps_the_newer_row()
    {
        var table = FlakyTable();
        var entry = Entry(NewGrainId(), ReminderName);
        var etag = await table.UpsertRow(entry);
        string? newer = null;
        // Another silo re-registers the reminder between the first attempt of the removal's first write and its retry.
        _network.DropNextResponseTo("UpdateItem", async () => newer = await CreateTable().UpsertRow(Entry(entry.GrainId, ReminderName)));

        Assert.False(await table.RemoveRow(entry.GrainId, ReminderName, etag!));

        Assert.Equal(1, _network.Dropped);
        Assert.Equal(newer, (await CreateTable().ReadRow(entry.GrainId, ReminderName))?.ETag);
    }

    [Fact]
    public async Task An_upsert_retried_after_its_response_was_lost_answers_the_stored_etag()
    {
        var table = FlakyTable();
        var entry = Entry(NewGrainId(), ReminderName);
        await table.UpsertRow(entry);
        _network.DropNextResponseTo("UpdateItem");

        var etag = await table.UpsertRow(entry);

        Assert.Equal(1, _network.Dropped);
        Assert.Equal(etag, (await CreateTable().ReadRow(entry.GrainId, ReminderName))?.ETag);
        Assert.True(await table.RemoveRow(entry.GrainId, ReminderName, etag!));
    }

    private DynamoDbReminderTable FlakyTable() => new(
        Options.Create(new DynamoDbReminderTableOptions { TableName = TableName, ServiceId = ServiceId }),
        _network.DynamoDbClient(_aws),
        NullLogger<DynamoDbReminderTable>.Instance);
}
