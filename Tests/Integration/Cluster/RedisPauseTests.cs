using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Onboarding.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Onboarding.Tests.Integration.Cluster;

/// <summary>
/// Fault case 3: the membership table's Redis frozen for 10 s (SIGSTOP, then SIGCONT: a restart would come
/// back empty, since it keeps nothing on disk). Membership is only read and written on changes and by the
/// silos' I-am-alive rows; the silos keep probing each other directly, so calls go on meanwhile.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisPauseTests(SiloClusterService cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(10);

    private readonly ClusterCustomers _customers = new(cluster);

    [Fact]
    public async Task With_Redis_paused_for_10_s_the_cluster_serves_activated_customers_and_afterwards_new_starts_work()
    {
        await cluster.EnsureAllSilosUpAsync();
        // An activated customer on each silo, so every silo has to keep answering.
        var activated = new List<string>();
        for (var silo = 0; silo < cluster.SiloCount; silo++)
        {
            var account = await _customers.OnboardOnAsync(silo);
            await _customers.LaunchAndActivateAsync(account);
            activated.Add(account);
        }

        await cluster.Redis.PauseAsync();
        var reads = new List<(string Account, HttpStatusCode Status)>();
        try
        {
            // Reads for the whole pause (this is the fault's length, not a wait for an outcome).
            for (var paused = Stopwatch.StartNew(); paused.Elapsed < Pause;)
            {
                foreach (var account in activated)
                {
                    using var response = await cluster.PartnerClient.GetAsync($"/customers/{account}");
                    reads.Add((account, response.StatusCode));
                }
            }
        }
        finally
        {
            await cluster.Redis.ResumeAsync();
        }
        output.WriteLine($"reads while Redis was paused: {string.Join(", ", reads.GroupBy(r => r.Status).Select(g => $"{(int)g.Key} × {g.Count()}"))}");
        Assert.All(reads, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(activated, account => Assert.Contains(reads, r => r.Account == account));

        // Recovered: no silo was declared dead, and new customers start and activate.
        Assert.Equal(cluster.SiloCount, (await cluster.ActiveSilosAsync()).Count);
        var fresh = await Eventually.ValueAsync(async () =>
        {
            var account = TestAccounts.Next();
            using var response = await cluster.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account, region = ClusterCustomers.Region });
            return response.StatusCode == HttpStatusCode.Created ? account : null;
        }, "a new start to succeed after SIGCONT");
        await _customers.LaunchAndActivateAsync(fresh);
        Assert.Equal(cluster.SiloCount, (await cluster.ActiveSilosAsync()).Count);
    }
}
