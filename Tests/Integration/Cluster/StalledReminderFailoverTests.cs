using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Customers;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Reminders;
using Xunit.Abstractions;

namespace Onboarding.Tests.Integration.Cluster;

/// <summary>
/// A cluster whose stalled onboardings are re-prompted and abandoned within about a minute (Stalled:* in the
/// silo processes' environment): the in-flight sweep's reminder period is Orleans' shortest, one minute.
/// </summary>
public sealed class StalledClusterService : SiloClusterService
{
    public static readonly TimeSpan RepromptAfter = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(80);
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    public override int SiloCount => 2;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
    [
        new("Stalled:RepromptAfter", RepromptAfter.ToString()),
        new("Stalled:RepromptInterval", RepromptAfter.ToString()),
        new("Stalled:MaxReprompts", "1"),
        new("Stalled:AbandonAfter", AbandonAfter.ToString()),
        new("Stalled:ReminderPeriod", ReminderPeriod.ToString()),
    ];
}

/// <summary>
/// Fault case 4: a stalled onboarding whose activation lived on the silo that owned the in-flight sweep's reminder,
/// killed with kill -9. The customer's wake-up timer died with its activation and it has no reminder of its own: only
/// the in-flight sweep wakes it. The sweep's reminder row stays in the DynamoDB reminder table, and when the ring drops
/// the dead silo, the survivor's reminder service reads that range, fires the sweep's reminder, and the sweep wakes
/// every customer the state index lists in flight. Its own cluster (not the shared one): it may run beside the other
/// cases, mostly waiting for the clock.
/// </summary>
public sealed class StalledReminderFailoverTests(StalledClusterService cluster, ITestOutputHelper output) : IClassFixture<StalledClusterService>
{
    private readonly ClusterCustomers _customers = new(cluster);

    [Fact]
    public async Task A_stalled_onboarding_is_reprompted_and_abandoned_by_a_survivor_when_the_in_flight_sweeps_reminder_silo_is_killed()
    {
        await cluster.EnsureAllSilosUpAsync();
        var notifications = await cluster.SubscribeToNotificationsAsync();
        // What each silo's PeriodicWorkScheduler does at start (idempotent): the sweep's reminder is in the table before the kill.
        var sweep = cluster.ClusterClient.GetGrain<IInFlightSweepGrain>(0);
        await sweep.Schedule();
        var victim = cluster.IndexOf(ReminderRing.OwnerOf(sweep.GetGrainId(), await cluster.ActiveSilosAsync()));
        Assert.True(victim >= 0, "the in-flight sweep's reminder belongs to none of the cluster's silos");
        // Placement is random: start customers until one is activated on that silo too, so its own timer dies with it.
        var account = await _customers.OnboardOnAsync(victim);
        var createdAt = (await _customers.ViewAsync(account)).GetProperty("createdAt").GetDateTimeOffset();

        // Nothing calls the customer from here on: only the in-flight sweep, from a survivor, can wake it.
        await cluster.KillSiloAsync(victim);
        var killedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"kill -9 of silo {victim}, which held the in-flight sweep's reminder and {account}'s activation, {(killedAt - createdAt).TotalSeconds:0.0} s after its start");
        var received = await _customers.ReceiveNotificationsAsync(notifications,
            all => all.Any(n => n.AccountId == account && n.Type == "OnboardingAbandoned"),
            $"{account} to be re-prompted and abandoned", TimeSpan.FromMinutes(5));
        var ofAccount = received.Where(n => n.AccountId == account).ToList();
        output.WriteLine(string.Join("; ", ofAccount.Select(n => $"{n.Type} {(n.OccurredAt - createdAt).TotalSeconds:0.0} s after the start")));
        Assert.Equal(["OnboardingStalled", "OnboardingAbandoned"], ofAccount.Select(n => n.Type).Distinct());

        var history = await cluster.PartnerClient.GetFromJsonAsync<JsonElement>($"/customers/{account}/history");
        var moves = history.EnumerateArray().Select(e => (Trigger: e.GetProperty("trigger").GetString(), At: e.GetProperty("at").GetDateTimeOffset())).ToList();
        var reprompted = Assert.Single(moves, m => m.Trigger == "Reprompted");
        var abandoned = Assert.Single(moves, m => m.Trigger == "Abandoned");
        // Not early, and each move once. How late is a measurement (the output), not an assertion.
        Assert.True(reprompted.At >= createdAt + StalledClusterService.RepromptAfter, $"re-prompted at {reprompted.At:O}, before it was due");
        Assert.True(abandoned.At >= createdAt + StalledClusterService.AbandonAfter, $"abandoned at {abandoned.At:O}, before it was due");
        // The move a survivor made: the killed silo's timers are gone, and with them anything it could have done later.
        Assert.True(abandoned.At > killedAt, $"abandoned at {abandoned.At:O}, before the kill at {killedAt:O}: the killed silo did it, not a survivor");
        Assert.Equal("Removed", await _customers.StateAsync(account));
        output.WriteLine($"re-prompted {(reprompted.At - createdAt - StalledClusterService.RepromptAfter).TotalSeconds:0.0} s after due ({(reprompted.At - killedAt).TotalSeconds:0.0} s after the kill), abandoned {(abandoned.At - createdAt - StalledClusterService.AbandonAfter).TotalSeconds:0.0} s after due");
    }
}
