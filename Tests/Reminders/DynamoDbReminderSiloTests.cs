using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Reminders;
using Onboarding.Tests.Infrastructure;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Onboarding.Tests.Reminders;

/// <summary>A real silo whose reminder service runs on the DynamoDB table: reminders tick and unregistering deletes the row.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class DynamoDbReminderSiloTests(LocalAwsStandIns aws) : IAsyncLifetime
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ConditionTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private const int ExpectedTicks = 2;

    private readonly AmazonDynamoDBClient _client = StandInClients.DynamoDb(aws);
    private readonly string _tableName = "reminders-silo-" + Guid.NewGuid().ToString("N");
    private readonly string _serviceId = "silo-test-" + Guid.NewGuid().ToString("N");
    private InProcessTestCluster? _cluster;

    public async Task InitializeAsync()
    {
        await DynamoDbReminderTableSchema.EnsureCreatedAsync(_client, _tableName, CancellationToken.None);

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IAmazonDynamoDB>(_ => StandInClients.DynamoDb(aws));
            silo.Services.AddDynamoDbReminders(options => options.Configure(o =>
            {
                o.TableName = _tableName;
                o.ServiceId = _serviceId;
            }));
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = Period);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        await _client.DeleteTableAsync(new DeleteTableRequest { TableName = _tableName });
        _client.Dispose();
    }

    [Fact]
    public async Task A_reminder_ticks_from_the_table_and_unregistering_deletes_its_row()
    {
        var grain = _cluster!.Client.GetGrain<IReminderProbeGrain>(Guid.NewGuid().ToString("N"));
        var grainId = grain.GetGrainId();
        var table = new DynamoDbReminderTable(
            Options.Create(new DynamoDbReminderTableOptions { TableName = _tableName, ServiceId = _serviceId }), _client, NullLogger<DynamoDbReminderTable>.Instance);

        await grain.StartAsync(Period);

        var row = Assert.Single((await table.ReadRows(grainId)).Reminders);
        Assert.Equal(ReminderProbeGrain.ReminderName, row.ReminderName);
        Assert.Equal(Period, row.Period);
        Assert.True(await EventuallyAsync(async () => await grain.TicksAsync() >= ExpectedTicks), $"fewer than {ExpectedTicks} ticks within {ConditionTimeout}");

        await grain.StopAsync();

        Assert.Empty((await table.ReadRows(grainId)).Reminders);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(ConditionTimeout);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested) return false;
            await Task.Delay(PollInterval, CancellationToken.None);
        }
        return true;
    }
}
