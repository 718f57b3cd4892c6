using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Customers;
using Onboarding.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Onboarding.Tests.Integration.Cluster;

/// <summary>
/// Two silos as OS processes on Redis membership, onboardings in flight through the API, and one silo
/// killed with kill -9. The API's clients never see an error other than a retryable 503; every start
/// completes; the survivor answers stack events; the killed silo, restarted, rejoins and takes customers.
/// </summary>
public sealed class SiloFailoverTests(SiloClusterService cluster, ITestOutputHelper output) : IClassFixture<SiloClusterService>
{
    private const int Onboardings = 80;
    private const int Clients = 8;
    private const int Victim = 0;

    [Fact]
    public async Task A_silo_killed_under_load_costs_clients_no_error_every_start_completes_and_the_silo_rejoins()
    {
        // A customer that lives on the silo about to die: its first answer after the kill is the recovery time.
        var residentAccount = await OnboardOnAsync(Victim);

        var accounts = Enumerable.Range(0, Onboardings).Select(_ => TestAccounts.Next()).ToArray();
        var answers = new ConcurrentBag<(string Account, HttpStatusCode Status, TimeSpan Took)>();
        var queue = new ConcurrentQueue<string>(accounts);
        var load = Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var account)) await StartAsClientWouldAsync(account, answers);
        })));

        // Kill once a quarter of the starts were answered: the rest are in flight or still to come.
        await Eventually.TrueAsync(() => answers.Count >= Onboardings / 4 || load.IsCompleted, "a quarter of the starts to be answered");
        await cluster.KillSiloAsync(Victim);
        var sinceKill = Stopwatch.StartNew();

        var resident = await Eventually.ValueAsync(async () =>
        {
            var response = await cluster.PartnerClient.GetAsync($"/customers/{residentAccount}");
            return response.IsSuccessStatusCode ? response : null;
        }, "the customer that lived on the killed silo to answer");
        output.WriteLine($"first answer for a customer of the killed silo: {sinceKill.Elapsed.TotalSeconds:0.0} s after kill -9");
        await Eventually.TrueAsync(async () => (await cluster.ActiveSilosAsync()).Count == 1, "the killed silo to be declared dead");
        output.WriteLine($"killed silo declared dead: {sinceKill.Elapsed.TotalSeconds:0.0} s after kill -9");
        resident.Dispose();

        await load;
        var unexpected = answers.Where(a => a.Status is not (HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)).ToList();
        Assert.True(unexpected.Count == 0, $"answers other than 201, 200 or 503: {string.Join(", ", unexpected)}");
        output.WriteLine($"answers: {string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{(int)g.Key} × {g.Count()}"))}; slowest {answers.Max(a => a.Took).TotalSeconds:0.0} s");
        foreach (var account in accounts)
            Assert.Contains(answers, a => a.Account == account && a.Status is HttpStatusCode.Created or HttpStatusCode.OK);
        foreach (var account in accounts)
            Assert.Equal("Templated", (await ViewAsync(account)).GetProperty("state").GetString());

        // The survivor polls the events queue alone now: a customer of the dead silo and a new one activate.
        await LaunchAndActivateAsync(residentAccount);
        await LaunchAndActivateAsync(accounts[^1]);

        // Restarted on its ports, the silo rejoins and new customers are placed on it again.
        cluster.StartSilo(Victim);
        await Eventually.TrueAsync(async () => (await cluster.ActiveSilosAsync()).Count == SiloClusterService.SiloCount,
            "the restarted silo to rejoin", TimeSpan.FromMinutes(2));
        await OnboardOnAsync(Victim);
    }

    /// <summary>A partner client as README asks: a 503 carries Retry-After and the same request is sent again after it.</summary>
    private async Task StartAsClientWouldAsync(string account, ConcurrentBag<(string, HttpStatusCode, TimeSpan)> answers)
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var took = Stopwatch.StartNew();
            using var response = await cluster.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account, region = "us-east-1" });
            answers.Add((account, response.StatusCode, took.Elapsed));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return;
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var retryAfter = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("a 503 without Retry-After");
            await Task.Delay(retryAfter);
        }
    }

    /// <summary>Starts onboardings until one lands on silo <paramref name="index"/> (placement is random); returns its account.</summary>
    private Task<string> OnboardOnAsync(int index) =>
        Eventually.ValueAsync(async () =>
        {
            var account = TestAccounts.Next();
            using var response = await cluster.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account, region = "us-east-1" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var host = await cluster.HostOfAsync(cluster.ClusterClient.GetGrain<ICustomerGrain>(account));
            return cluster.IsSilo(host, index) ? account : null;
        }, $"a customer placed on silo {index}");

    private async Task LaunchAndActivateAsync(string account)
    {
        var view = await ViewAsync(account);
        var templateUrl = await cluster.TemplateUrlAsync(new Uri(view.GetProperty("launchUrl").GetString()!));
        using var http = new HttpClient();
        var stack = LaunchedStack.FromTemplate(await http.GetStringAsync(templateUrl), account, "us-east-1");
        var answer = await cluster.CloudFormation.SendAsync(stack, "Create");
        Assert.Equal("SUCCESS", answer.GetProperty("Status").GetString());
        await Eventually.TrueAsync(async () => (await ViewAsync(account)).GetProperty("state").GetString() == "Active", $"account {account} to be Active");
    }

    private Task<JsonElement> ViewAsync(string account) => cluster.PartnerClient.GetFromJsonAsync<JsonElement>($"/customers/{account}");
}
