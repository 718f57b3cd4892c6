using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Grains;
using Onboarding.Silo.Storage;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;
using Orleans.Storage;

namespace Onboarding.Tests.Integration.Customers;

/// <summary>The service whose customer-state writes can be made to fail for one account.</summary>
public sealed class FailingWritesService : OnboardingService
{
    public FailingWrites Writes { get; } = new();

    protected override void ConfigureSiloServices(IServiceCollection services) =>
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Onboarding, (sp, key) => new FailingWritesStorage(
            new DynamoDbGrainStorage(
                (string)key!,
                sp.GetRequiredService<IOptionsMonitor<DynamoDbGrainStorageOptions>>().Get((string)key!),
                sp.GetRequiredService<IAmazonDynamoDB>(),
                sp.GetRequiredService<ILogger<DynamoDbGrainStorage>>(),
                sp.GetService<TimeProvider>()),
            Writes));

    public sealed class FailingWrites
    {
        public volatile string? Account;
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
}
