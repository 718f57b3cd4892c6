using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Customers;
using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.TemplateVersions;

/// <summary>
/// Template versions end to end on the stand-ins: the partner adds a managed policy (a second service start with other
/// Template settings against the same tables); the Active customers become outdated, listed, counted and notified
/// once with an update link; one customer updates its stack with the template behind that link and is current again,
/// its role verified again; the others stay outdated.
/// </summary>
public sealed class TemplateVersionTests(OnboardingService service) : IClassFixture<OnboardingService>
{
    private const string AddedPolicy = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    [Fact]
    public async Task Changed_managed_policies_outdate_Active_customers_once_and_the_update_makes_one_current_and_verified()
    {
        var notifications = await StackEvents.SubscribeToNotificationsAsync(service);
        var events = new StackEvents(service);
        var customers = new List<(string Account, LaunchedStack Stack, string PhysicalId)>();
        for (var i = 0; i < 3; i++)
        {
            var (account, launched, _) = await events.StartAndLaunchAsync();
            customers.Add((account, launched, (await events.CreateAsync(launched)).GetProperty("PhysicalResourceId").GetString()!));
        }
        var accounts = customers.Select(c => c.Account).ToList();
        var first = await events.ViewAsync(accounts[0]);
        var oldVersion = first.GetProperty("templateVersion").GetString()!;
        Assert.Equal(customers[0].Stack.Properties["TemplateVersion"], oldVersion);
        Assert.False(first.GetProperty("outdated").GetBoolean());
        Assert.Empty(await ListOutdatedAsync());

        // The partner's role needs one more managed policy: the service is started again with it.
        await service.RestartSiloAsync([new("Template:ManagedPolicyArns:1", AddedPolicy)]);
        events = new StackEvents(service);
        var sweep = service.Grains.GetGrain<ITemplateVersionSweepGrain>(0);
        await Eventually.TrueAsync(async () =>
        {
            await sweep.Step();
            return (await ListOutdatedAsync()).Order().SequenceEqual(accounts.Order());
        }, "every Active customer listed as outdated");

        var updateLinks = new Dictionary<string, Uri>();
        foreach (var account in accounts)
        {
            var notice = JsonDocument.Parse((await events.ReceiveContainingAsync(notifications, "\"type\":\"CustomerTemplateOutdated\",\"accountId\":\"" + account)).Body).RootElement;
            Assert.Equal(oldVersion, notice.GetProperty("templateVersion").GetString());
            Assert.NotEqual(oldVersion, notice.GetProperty("offeredVersion").GetString());
            updateLinks[account] = new Uri(notice.GetProperty("updateUrl").GetString()!);
            var view = await events.ViewAsync(account);
            Assert.True(view.GetProperty("outdated").GetBoolean());
            Assert.Equal(updateLinks[account], new Uri(view.GetProperty("updateUrl").GetString()!));
        }
        await Eventually.TrueAsync(async () => await OutdatedCountAsync() == 3, "/stats to count three outdated customers");

        // One customer follows its update link: the console's update page for its stack, with the new template.
        var (updater, stack, physicalId) = customers[0];
        var console = await service.OpenLaunchLinkAsync(updateLinks[updater]);
        Assert.StartsWith("#/stacks/update/template?", console.Fragment);
        Assert.Equal(stack.StackId, LaunchLinks.StackId(console));
        using var http = new HttpClient();
        var template = await http.GetStringAsync(LaunchLinks.TemplateUrl(console));
        Assert.Contains(AddedPolicy, template);
        var verifiedBefore = (await events.ViewAsync(updater)).GetProperty("roleVerifiedAt").GetDateTimeOffset();

        var (updated, answer) = await events.CloudFormation.UpdateStackAsync(stack, template, physicalId);

        Assert.Equal("SUCCESS", answer.GetProperty("Status").GetString());
        var current = await events.ViewAsync(updater);
        Assert.Equal(updated.Properties["TemplateVersion"], current.GetProperty("templateVersion").GetString());
        Assert.False(current.GetProperty("outdated").GetBoolean());
        Assert.True(current.GetProperty("roleVerifiedAt").GetDateTimeOffset() > verifiedBefore);
        Assert.Equal(stack.RoleArn(), current.GetProperty("roleArn").GetString());
        Assert.Equal(HttpStatusCode.Gone, (await service.Browser().GetAsync(updateLinks[updater])).StatusCode);

        // The others stay outdated, and are not told again when checked again.
        Assert.Equal(accounts.Skip(1).Order(), (await ListOutdatedAsync()).Order());
        await Eventually.TrueAsync(async () => await OutdatedCountAsync() == 2, "/stats to count two outdated customers");
        foreach (var account in accounts.Skip(1))
        {
            Assert.Equal(TemplateVersionStatus.StillOutdated, await service.Grains.GetGrain<ITemplateVersionHolderGrain>(account).CheckTemplateVersion());
            var history = (await events.ViewAsync(account)).GetProperty("history").EnumerateArray();
            Assert.Single(history, h => h.GetProperty("trigger").GetString() == nameof(OnboardingTrigger.TemplateOutdated));
        }
    }

    [Fact]
    public async Task The_outdated_filter_takes_only_true_and_only_for_Active_customers()
    {
        var wrongValue = await service.Client.GetAsync("/customers?outdated=yes");
        var wrongState = await service.Client.GetAsync("/customers?state=Templated&outdated=true");

        Assert.Equal(HttpStatusCode.BadRequest, wrongValue.StatusCode);
        Assert.Contains("outdated must be true", await wrongValue.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, wrongState.StatusCode);
        Assert.Contains("outdated applies to Active customers", await wrongState.Content.ReadAsStringAsync());
    }

    private async Task<List<string>> ListOutdatedAsync()
    {
        var page = await service.Client.GetFromJsonAsync<JsonElement>("/customers?outdated=true&limit=500");
        return [.. page.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("accountId").GetString()!)];
    }

    private async Task<long> OutdatedCountAsync() =>
        (await service.Client.GetFromJsonAsync<JsonElement>("/stats")).GetProperty("outdated").GetInt64();
}
