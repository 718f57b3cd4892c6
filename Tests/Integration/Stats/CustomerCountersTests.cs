using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Customers;
using Onboarding.Grains.Stats;
using Onboarding.Queries;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Stats;

/// <summary>The service whose customer writes can fail (as a crash between counting and writing would leave them), with counters that settle quickly.</summary>
public sealed class CountingService : FailingWritesService
{
    // Topics big enough for many starts at once (the base fixture fills one every three accounts).
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [.. base.ExtraSettings, new("Whitelist:MaxAccountsPerTopic", "500"), new("Counters:SettleAfter", "00:00:02"), new("Counters:SweepEvery", "00:00:01")];
}

/// <summary>
/// The maintained counters behind /stats against what the state index holds, when customers move, when a count is
/// repeated after a crash, and when the counters are repaired.
/// </summary>
public sealed class CustomerCountersTests(CountingService service) : IClassFixture<CountingService>
{
    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Customers_moving_at_once_are_counted_exactly()
    {
        var events = new StackEvents(service);
        var before = await StatsAsync();
        // Started, activated and off-boarded side by side: every customer's counts race every other's.
        var moves = Enumerable.Range(0, 40).Select(async i =>
        {
            var (account, stack, _) = await events.StartAndLaunchAsync();
            if (i % 2 == 0) await events.CreateAsync(stack);
            if (i % 4 == 1) (await service.Client.DeleteAsync($"/customers/{account}")).EnsureSuccessStatusCode();
        });
        await Task.WhenAll(moves);

        await Eventually.TrueAsync(async () =>
        {
            var now = await StatsAsync();
            return Delta(before, now, "Active") == 20 && Delta(before, now, "Removed") == 10 && Delta(before, now, "Templated") == 10
                && Delta(before, now, "Activating") == 0 && Delta(before, now, "Pending") == 0;
        }, "the counters to show 20 Active, 10 Removed and 10 Templated more", Settling);
        await AssertCountersMatchTheIndexAsync();
    }

    [Fact]
    public async Task A_count_repeated_after_the_write_that_should_have_held_it_failed_is_counted_once()
    {
        var before = await StatsAsync();
        var account = TestAccounts.Next();
        // The start's record fails once its account is on the topic: the start counted the customer Templated, then lost that write.
        service.Writes.AccountOnceWhitelisted = account;
        var failed = await service.Client.PostAsJsonAsync("/customers", new { accountId = account, region = "us-east-1" });
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        service.Writes.AccountOnceWhitelisted = null;
        service.Writes.Account = null;

        // The retry repeats the start's effects from the stored record, the count among them.
        var resumed = await service.Client.PostAsJsonAsync("/customers", new { accountId = account, region = "us-east-1" });

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var after = await StatsAsync();
        Assert.Equal(1, Delta(before, after, "Templated"));
        Assert.Equal(1, Total(after) - Total(before));
        await AssertCountersMatchTheIndexAsync();
    }

    [Fact]
    public async Task A_customer_that_counted_and_lost_its_write_is_asked_to_settle_and_finishes_by_itself()
    {
        var before = await StatsAsync();
        var account = TestAccounts.Next();
        service.Writes.AccountOnceWhitelisted = account;
        Assert.Equal(HttpStatusCode.InternalServerError, (await service.Client.PostAsJsonAsync("/customers", new { accountId = account, region = "us-east-1" })).StatusCode);
        service.Writes.AccountOnceWhitelisted = null;
        service.Writes.Account = null;

        // Nobody calls it again (watched through the index, which activates no grain): its counter shard asks it to
        // settle (Counters:SettleAfter), and it finishes its start and writes it.
        await Eventually.TrueAsync(async () => (await service.Client.GetFromJsonAsync<JsonElement>("/customers?state=Templated&limit=500"))
                .GetProperty("customers").EnumerateArray().Any(c => c.GetProperty("accountId").GetString() == account),
            "the customer to be asked to settle its count and finish its start", Settling);

        Assert.Equal(1, Delta(before, await StatsAsync(), "Templated"));
        await AssertCountersMatchTheIndexAsync();
    }

    [Fact]
    public async Task The_repair_recounts_from_the_index_and_replaces_counters_gone_wrong()
    {
        await new StackEvents(service).StartAndLaunchAsync();
        var right = await StatsAsync();
        await service.Grains.GetGrain<ICustomerCountersGrain>(0).Replace(new CustomerCounts(new Dictionary<OnboardingState, long> { [OnboardingState.Active] = 1_000_000 }, 7, 3));
        Assert.NotEqual(Count(right, "Active"), Count(await StatsAsync(), "Active"));

        var repair = await RecountAsync();

        Assert.NotEqual(Numbers(right), Numbers(repair.GetProperty("before")));
        Assert.Equal(Numbers(right), Numbers(repair.GetProperty("after")));
        Assert.Equal(Numbers(right), Numbers(await StatsAsync()));
    }

    /// <summary>What the counters say equals what a recount of the index finds (the repair changes nothing).</summary>
    private async Task AssertCountersMatchTheIndexAsync()
    {
        var repair = await RecountAsync();
        Assert.Equal(Numbers(repair.GetProperty("before")), Numbers(repair.GetProperty("after")));
    }

    private async Task<JsonElement> StatsAsync() => await service.Client.GetFromJsonAsync<JsonElement>("/stats");

    private async Task<JsonElement> RecountAsync()
    {
        var response = await service.Client.PostAsync("/stats/recount", content: null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static long Count(JsonElement stats, string state) => stats.GetProperty("byState").GetProperty(state).GetInt64();
    private static long Delta(JsonElement before, JsonElement after, string state) => Count(after, state) - Count(before, state);
    private static long Total(JsonElement stats) => stats.GetProperty("byState").EnumerateObject().Sum(s => s.Value.GetInt64());

    private static string Numbers(JsonElement stats) =>
        string.Join(",", stats.GetProperty("byState").EnumerateObject().OrderBy(s => s.Name).Select(s => $"{s.Name}={s.Value.GetInt64()}"))
        + $";stalled={stats.GetProperty("stalled").GetInt64()};roleDegraded={stats.GetProperty("roleDegraded").GetInt64()}";
}
