using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Reminders;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Reminders;

namespace Onboarding.Tests.Integration.Reminders;

/// <summary>The service's silo with reminders allowed to tick every second (Orleans' minimum is a minute).</summary>
public sealed class SecondRemindersService : OnboardingService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override void ConfigureSiloServices(IServiceCollection services) =>
        services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = Period);
}

/// <summary>
/// The service's own silo (its wiring, on the shipped settings) runs its reminders on the DynamoDB
/// table the settings name: a reminder ticks from it, and unregistering deletes its row.
/// </summary>
public sealed class DynamoDbReminderSiloTests(SecondRemindersService service) : IClassFixture<SecondRemindersService>
{
    private const int ExpectedTicks = 2;

    [Fact]
    public async Task A_reminder_ticks_from_the_table_and_unregistering_deletes_its_row()
    {
        var grain = service.Grains.GetGrain<IReminderProbeGrain>(Guid.NewGuid().ToString("N"));
        var grainId = grain.GetGrainId();
        using var dynamoDb = StandInClients.DynamoDb(service.Aws);
        var table = new DynamoDbReminderTable(
            Options.Create(new DynamoDbReminderTableOptions
            {
                TableName = ShippedSettings.Silo()["Resources:RemindersTable"]!,
                ServiceId = ShippedSettings.Silo()["Cluster:ServiceId"]!,
            }),
            dynamoDb,
            NullLogger<DynamoDbReminderTable>.Instance);

        await grain.StartAsync(SecondRemindersService.Period);

        var row = Assert.Single((await table.ReadRows(grainId)).Reminders);
        Assert.Equal(ReminderProbeGrain.ReminderName, row.ReminderName);
        Assert.Equal(SecondRemindersService.Period, row.Period);
        await Eventually.TrueAsync(async () => await grain.TicksAsync() >= ExpectedTicks, $"{ExpectedTicks} ticks of the probe's reminder");

        await grain.StopAsync();

        Assert.Empty((await table.ReadRows(grainId)).Reminders);
    }
}
