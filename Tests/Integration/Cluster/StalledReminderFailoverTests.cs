using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Customers;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Reminders;
using Xunit.Abstractions;

namespace Onboarding.Tests.Integration.Cluster;

/// <summary>
/// A cluster whose stalled onboardings are re-prompted and abandoned within about a minute (Stalled:* in the
/// silo processes' environment): the reminder period is Orleans' shortest, one minute.
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
/// Fault case 4: a stalled onboarding whose activation and reminder both belonged to a silo killed with kill -9.
/// Its wake-up timer died with the activation; its reminder row stays in the DynamoDB reminder table, and when
/// the ring drops the dead silo, the survivor's reminder service reads that range and fires the reminder.
/// Its own cluster (not the shared one): it may run beside the other cases, mostly waiting for the clock.
/// </summary>
public sealed class StalledReminderFailoverTests(StalledClusterService cluster, ITestOutputHelper output) : IClassFixture<StalledClusterService>
{
    private readonly ClusterCustomers _customers = new(cluster);

    [Fact]
    public async Task A_stalled_onboarding_whose_reminder_belonged_to_a_killed_silo_is_reprompted_and_abandoned_by_a_survivor()
    {
        await cluster.EnsureAllSilosUpAsync();
        var notifications = await cluster.SubscribeToNotificationsAsync();
        // Placement and the ring are random: start customers until one is activated on the silo that owns its reminder.
        var (account, victim, started) = await Eventually.ValueAsync(async () =>
        {
            var account = TestAccounts.Next();
            using var response = await cluster.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account, region = ClusterCustomers.Region });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var grain = cluster.ClusterClient.GetGrain<ICustomerGrain>(account);
            var host = cluster.IndexOf(await cluster.HostOfAsync(grain));
            var owner = cluster.IndexOf(ReminderRing.OwnerOf(grain.GetGrainId(), await cluster.ActiveSilosAsync()));
            return host >= 0 && host == owner ? (account, host, await response.Content.ReadFromJsonAsync<JsonElement>()) : ((string, int, JsonElement)?)null;
        }, "a customer activated on the silo that owns its reminder", TimeSpan.FromMinutes(2));
        var createdAt = started.GetProperty("createdAt").GetDateTimeOffset();

        // Nothing calls the customer from here on: only its reminder can wake it.
        await cluster.KillSiloAsync(victim);
        output.WriteLine($"kill -9 of silo {victim}, which held {account}'s activation and reminder");
        var received = await _customers.ReceiveNotificationsAsync(notifications,
            all => all.Any(n => n.AccountId == account && n.Type == "OnboardingAbandoned"),
            $"{account} to be re-prompted and abandoned", TimeSpan.FromMinutes(4));
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
        Assert.Equal("Removed", await _customers.StateAsync(account));
        output.WriteLine($"re-prompted {(reprompted.At - createdAt - StalledClusterService.RepromptAfter).TotalSeconds:0.0} s after due, abandoned {(abandoned.At - createdAt - StalledClusterService.AbandonAfter).TotalSeconds:0.0} s after due");
    }
}
