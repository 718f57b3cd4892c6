using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Grains;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Whitelist;
using Onboarding.Silo.Aws;
using Onboarding.Silo.Storage;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;
using Onboarding.Whitelist;
using Orleans.Storage;

namespace Onboarding.Tests.Integration.Customers;

/// <summary>
/// The service whose customer-state writes can be made to fail for one account, at once or from the moment
/// a topic policy lets that account publish (the crash window between a whitelisting and its record).
/// </summary>
public class FailingWritesService : OnboardingService
{
    /// <summary>Low, so that a few customers roll a region over to its next topic.</summary>
    public const int AccountsPerTopic = 3;

    public FailingWrites Writes { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Whitelist:MaxAccountsPerTopic", AccountsPerTopic.ToString())];

    protected override void ConfigureSiloServices(IServiceCollection services)
    {
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Onboarding, (sp, key) => new FailingWritesStorage(
            new DynamoDbGrainStorage(
                (string)key!,
                sp.GetRequiredService<IOptionsMonitor<DynamoDbGrainStorageOptions>>().Get((string)key!),
                sp.GetRequiredService<IAmazonDynamoDB>(),
                sp.GetRequiredService<ILogger<DynamoDbGrainStorage>>(),
                sp.GetService<TimeProvider>()),
            Writes));
        services.AddSingleton<ITopicPolicyGateway>(sp =>
            new WhitelistWatchingGateway(ActivatorUtilities.CreateInstance<SnsTopicPolicyGateway>(sp), Writes));
    }

    /// <summary>The topics of <paramref name="region"/> whose policy lets <paramref name="account"/> publish.</summary>
    public async Task<IReadOnlyList<string>> TopicsHoldingAsync(string account, string region)
    {
        var gateway = Silo.Services.GetRequiredService<ITopicPolicyGateway>();
        var holding = new List<string>();
        foreach (var topic in await Grains.GetGrain<IRegionTopicsGrain>(region).GetTopics())
        {
            if (TopicPolicyDocument.Parse(await gateway.GetPolicyAsync(topic, CancellationToken.None), topic).CustomerAccounts.Contains(account))
                holding.Add(topic);
        }
        return holding;
    }

    public sealed class FailingWrites
    {
        /// <summary>Every state write of this account fails.</summary>
        public volatile string? Account;

        /// <summary>Once a topic policy is written with this account in it, <see cref="Account"/> is set to it.</summary>
        public volatile string? AccountOnceWhitelisted;
    }

    private sealed class WhitelistWatchingGateway(ITopicPolicyGateway inner, FailingWrites writes) : ITopicPolicyGateway
    {
        public Task<string?> GetPolicyAsync(string topicArn, CancellationToken cancellationToken) =>
            inner.GetPolicyAsync(topicArn, cancellationToken);

        public async Task SetPolicyAsync(string topicArn, string policyJson, CancellationToken cancellationToken)
        {
            await inner.SetPolicyAsync(topicArn, policyJson, cancellationToken);
            if (writes.AccountOnceWhitelisted is { } account && TopicPolicyDocument.Parse(policyJson, topicArn).CustomerAccounts.Contains(account))
                writes.Account = account;
        }
    }

    private sealed class FailingWritesStorage(IGrainStorage inner, FailingWrites writes) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            writes.Account is { } account && grainId.Key.ToString() == account
                ? throw new IOException("injected DynamoDB failure")
                : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);
    }
}

public sealed class FailedWriteTests(FailingWritesService service) : IClassFixture<FailingWritesService>
{
    [Fact]
    public async Task An_off_boarding_whose_write_failed_is_done_for_real_by_the_retry_not_answered_from_memory()
    {
        var events = new StackEvents(service);
        var (account, stack, _) = await events.StartAndLaunchAsync();
        await events.CreateAsync(stack);

        service.Writes.Account = account;
        var failed = await service.Client.DeleteAsync($"/customers/{account}");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        service.Writes.Account = null;

        // The stored customer is still Active; the retry must off-board it and store that.
        var retried = await service.Client.DeleteAsync($"/customers/{account}");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await service.RestartSiloAsync();
        var stored = await service.Client.GetFromJsonAsync<JsonElement>($"/customers/{account}");
        Assert.Equal("Removed", stored.GetProperty("state").GetString());
        Assert.False(stored.GetProperty("roleUsable").GetBoolean());
        Assert.Single(stored.GetProperty("history").EnumerateArray(), h => h.GetProperty("trigger").GetString() == "OffBoarded");
    }

    [Fact]
    public async Task An_account_whose_record_failed_after_its_whitelisting_leaves_no_policy_entry_once_off_boarded()
    {
        var account = TestAccounts.Next();
        service.Writes.AccountOnceWhitelisted = account;

        var failed = await service.Client.PostAsJsonAsync("/customers", new { accountId = account, region = "us-east-1" });
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Single(await service.TopicsHoldingAsync(account, "us-east-1"));
        Disarm();

        var offBoarded = await service.Client.DeleteAsync($"/customers/{account}");

        Assert.Equal(HttpStatusCode.OK, offBoarded.StatusCode);
        Assert.Equal("Removed", (await offBoarded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Empty(await service.TopicsHoldingAsync(account, "us-east-1"));
    }

    [Fact]
    public async Task An_onboarding_resumed_after_its_topic_rolled_over_stays_on_exactly_the_topic_it_records()
    {
        const string Region = "eu-west-1";
        var account = TestAccounts.Next();
        service.Writes.AccountOnceWhitelisted = account;
        var failed = await service.Client.PostAsJsonAsync("/customers", new { accountId = account, region = Region });
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Disarm();
        var topicsBefore = (await service.Grains.GetGrain<IRegionTopicsGrain>(Region).GetTopics()).Count;

        // The account holds a place on the current topic, so this many others must fill it and open the next one.
        for (var i = 0; i < FailingWritesService.AccountsPerTopic; i++)
        {
            var other = await service.Client.PostAsJsonAsync("/customers", new { accountId = TestAccounts.Next(), region = Region });
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        }
        Assert.True((await service.Grains.GetGrain<IRegionTopicsGrain>(Region).GetTopics()).Count > topicsBefore, "the region's topic did not roll over");

        var resumed = await service.Client.PostAsJsonAsync("/customers", new { accountId = account, region = Region });

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var view = await resumed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Templated", view.GetProperty("state").GetString());
        Assert.Equal(view.GetProperty("topicArn").GetString(), Assert.Single(await service.TopicsHoldingAsync(account, Region)));
    }

    private void Disarm()
    {
        service.Writes.AccountOnceWhitelisted = null;
        service.Writes.Account = null;
    }
}
