using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Onboarding.Tests.Infrastructure;
using Onboarding.Whitelist;
using Xunit.Abstractions;

namespace Onboarding.Tests.Integration.Cluster;

/// <summary>
/// "A policy write racing a silo death": the silo holding a topic's policy grain (the single writer of that
/// policy) is killed while a batch of whitelist writes is in flight. Orleans' default grain directory may
/// briefly let a second activation write beside the dying one; correctness rests instead on the policy
/// grain reading its write back and writing again what did not stick, on each customer repeating its
/// unfinished join (a persisted effect), and on the reconciler rebuilding policies from the customer records.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TopicPolicyFailoverTests(SiloClusterService cluster, ITestOutputHelper output)
{
    private const int Starts = 200;
    private const int Concurrency = 40;

    private readonly ClusterCustomers _customers = new(cluster);

    [Fact]
    public async Task The_silo_of_the_topic_policy_grain_dies_mid_batch_and_every_started_account_ends_on_the_policy_exactly_once()
    {
        await cluster.EnsureAllSilosUpAsync();
        // The topic new customers join, and the silo its policy grain lives on (a first start activates it).
        using (var first = await cluster.PartnerClient.PostAsJsonAsync("/customers", new { accountId = TestAccounts.Next(), region = ClusterCustomers.Region }))
            Assert.True(first.IsSuccessStatusCode, $"the first start answered {(int)first.StatusCode}");
        var topic = await cluster.ClusterClient.GetGrain<IRegionTopicsGrain>(ClusterCustomers.Region).CurrentTopic();
        var policyGrain = cluster.ClusterClient.GetGrain<ITopicPolicyGrain>(topic);
        var victim = cluster.IndexOf(await cluster.HostOfAsync(policyGrain));
        Assert.True(victim >= 0, $"the policy grain of {topic} is not active on any silo");

        var retries = new PartnerRetries();
        var (api, _) = retries.Clients(cluster);
        var accounts = Enumerable.Range(0, Starts).Select(_ => TestAccounts.Next()).ToArray();
        var answered = new ConcurrentBag<string>();
        var queue = new ConcurrentQueue<string>(accounts);
        var load = Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var account))
            {
                await api.StartAsync(account, ClusterCustomers.Region);
                answered.Add(account);
            }
        })));

        // Starts are joining the topic in batches now: kill the policy grain's silo with writes in flight.
        await Eventually.TrueAsync(() => answered.Count >= Concurrency || load.IsCompleted, "the first starts to be answered");
        await cluster.KillSiloAsync(victim);
        var inFlight = Starts - answered.Count;
        await load;
        output.WriteLine($"killed silo {victim} (the policy grain's) with {inFlight} of {Starts} starts unanswered; API answers: {retries.Summary()}");
        Assert.True(inFlight > 0, "every start was answered before the kill: nothing raced it");
        Assert.Empty(retries.Unexpected());
        Assert.NotEqual(victim, cluster.IndexOf(await cluster.HostOfAsync(policyGrain)));

        // Each started customer is Templated, which it becomes only after its join was confirmed.
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (account, _) =>
            await Eventually.TrueAsync(async () => await _customers.StateAsync(account) == "Templated", $"account {account} to be Templated"));
        var places = await _customers.TopicPlacesAsync();
        output.WriteLine($"before reconciling: {accounts.Count(a => places.GetValueOrDefault(a) != 1)} of {Starts} accounts not on exactly one policy once");

        // The reconciler's pass (periodic in production), run now: it restores any entry a stale write undid.
        var repairs = await cluster.ClusterClient.GetGrain<IWhitelistReconcilerGrain>(0).ReconcileNow();
        output.WriteLine($"reconciler: {repairs}");
        await _customers.AssertEachOnExactlyOneTopicAsync(accounts);
        Assert.Equal(HttpStatusCode.OK, (await cluster.PartnerClient.GetAsync($"/customers/{accounts[^1]}")).StatusCode);
    }
}
