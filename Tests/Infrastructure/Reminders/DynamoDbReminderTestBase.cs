using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Reminders;
using Onboarding.Tests.Infrastructure;
using Orleans;
using Orleans.Runtime;

namespace Onboarding.Tests.Infrastructure.Reminders;

/// <summary>Gives every test its own table on the shared dynalite, so tests never see each other's reminders.</summary>
public abstract class DynamoDbReminderTestBase(LocalAwsStandIns aws) : IAsyncLifetime
{
    protected const string GrainType = "reminder-probe";
    protected const string ServiceId = "onboarding-tests";

    protected AmazonDynamoDBClient Client { get; } = StandInClients.DynamoDb(aws);
    protected string TableName { get; } = "reminders-" + Guid.NewGuid().ToString("N");

    public Task InitializeAsync() => DynamoDbReminderTableSchema.EnsureCreatedAsync(Client, TableName, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await Client.DeleteTableAsync(new DeleteTableRequest { TableName = TableName });
        Client.Dispose();
    }

    protected DynamoDbReminderTable CreateTable(string serviceId = ServiceId) => new(
        Options.Create(new DynamoDbReminderTableOptions { TableName = TableName, ServiceId = serviceId }),
        Client,
        NullLogger<DynamoDbReminderTable>.Instance);

    protected static GrainId NewGrainId() => GrainId.Create(GrainType, Guid.NewGuid().ToString("N"));

    protected static ReminderEntry Entry(GrainId grainId, string name, int periodSeconds = 60) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        // Sub-second ticks on purpose: the stored form must keep full precision.
        StartAt = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_567),
        Period = TimeSpan.FromSeconds(periodSeconds) + TimeSpan.FromTicks(89),
    };

    protected static HashSet<(GrainId, string)> Keys(ReminderTableData data) =>
        data.Reminders.Select(r => (r.GrainId, r.ReminderName)).ToHashSet();
}
