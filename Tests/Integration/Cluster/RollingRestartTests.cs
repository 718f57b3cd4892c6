using System.Collections.Concurrent;
using Onboarding.CustomerSimulation.Customers;
using Onboarding.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Onboarding.Tests.Integration.Cluster;

/// <summary>
/// Fault case 2: every silo restarted in turn (a graceful stop, as a rolling deployment does, then a start on
/// the same ports) while customers keep onboarding end to end.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(SiloClusterService cluster, ITestOutputHelper output)
{
    private const int Concurrency = 8;

    private readonly ClusterCustomers _customers = new(cluster);

    [Fact]
    public async Task A_rolling_restart_of_every_silo_under_load_answers_only_success_or_a_retryable_503_and_loses_no_onboarding()
    {
        await cluster.EnsureAllSilosUpAsync();
        var retries = new PartnerRetries();
        var (api, browser) = retries.Clients(cluster);
        using var templates = new HttpClient();
        var journey = new CustomerJourney(api, cluster.CloudFormation, templates, browser);
        var started = new ConcurrentQueue<string>();
        var answers = new ConcurrentDictionary<string, string>();
        var failures = new ConcurrentQueue<string>();
        using var restarted = new CancellationTokenSource();

        // Steady load: each customer onboards from start to its stack's answer, one after another, until every silo was restarted.
        var load = Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            while (!restarted.IsCancellationRequested)
            {
                var account = TestAccounts.Next();
                started.Enqueue(account);
                try
                {
                    answers[account] = (await journey.OnboardAsync(account, ClusterCustomers.Region)).Status;
                }
                catch (Exception e)
                {
                    failures.Enqueue($"{account}: {e.GetType().Name}: {e.Message}");
                }
            }
        })));

        for (var silo = 0; silo < cluster.SiloCount; silo++)
        {
            var before = answers.Count;
            await Eventually.TrueAsync(() => answers.Count >= before + Concurrency || load.IsCompleted, "onboardings to go on before the next restart", TimeSpan.FromMinutes(2));
            await cluster.StopSiloAsync(silo);
            await Eventually.TrueAsync(async () => (await cluster.ActiveSilosAsync()).Count == cluster.SiloCount - 1, $"silo {silo} to leave the cluster");
            cluster.StartSilo(silo);
            await Eventually.TrueAsync(async () => (await cluster.ActiveSilosAsync()).Count == cluster.SiloCount, $"silo {silo} to rejoin", TimeSpan.FromMinutes(2));
            output.WriteLine($"silo {silo} restarted; {answers.Count} onboardings answered so far");
        }
        restarted.Cancel();
        await load;

        output.WriteLine($"{started.Count} onboardings during the rolling restart; API answers: {retries.Summary()}");
        Assert.Empty(retries.Unexpected());
        Assert.True(failures.IsEmpty, $"{failures.Count} onboardings failed: {string.Join(" | ", failures.Take(5))}");
        Assert.All(started, account => Assert.Equal("SUCCESS", answers[account]));
        await _customers.AssertActivatedOnceAsync([.. started]);
        await _customers.AssertEachOnExactlyOneTopicAsync([.. started]);
    }
}
