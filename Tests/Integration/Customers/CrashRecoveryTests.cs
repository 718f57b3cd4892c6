using Orleans.Core.Internal;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Customers;
using Onboarding.Grains.Ports;
using Onboarding.Silo.Aws;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Customers;

/// <summary>The real S3 template store, except that it fails once for accounts a test marks.</summary>
public sealed class FlakyTemplateStore(ITemplateStore inner) : ITemplateStore
{
    private readonly ConcurrentDictionary<string, bool> _failNextPut = new();
    private readonly ConcurrentDictionary<string, bool> _failDeletes = new();

    public void FailNextPut(string accountId) => _failNextPut[accountId] = true;

    /// <summary>Every deletion of the account's templates fails until <see cref="AllowDeletesOf"/>.</summary>
    public void FailDeletesOf(string accountId) => _failDeletes[accountId] = true;

    public void AllowDeletesOf(string accountId) => _failDeletes.TryRemove(accountId, out _);

    public Task PutAsync(string key, string templateBody, CancellationToken cancellationToken)
    {
        var account = _failNextPut.Keys.FirstOrDefault(key.Contains);
        if (account is not null && _failNextPut.TryRemove(account, out _))
            throw new IOException("injected S3 failure");
        return inner.PutAsync(key, templateBody, cancellationToken);
    }

    public Task<PresignedUrl> PresignAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken) =>
        inner.PresignAsync(key, lifetime, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        _failDeletes.Keys.Any(key.Contains) ? throw new IOException("injected S3 failure") : inner.DeleteAsync(key, cancellationToken);
}

public sealed class FlakyS3Service : OnboardingService
{
    public FlakyTemplateStore Templates => Silo.Services.GetRequiredService<FlakyTemplateStore>();

    protected override void ConfigureSiloServices(IServiceCollection services)
    {
        services.AddSingleton(sp => new FlakyTemplateStore(ActivatorUtilities.CreateInstance<S3TemplateStore>(sp)));
        services.AddSingleton<ITemplateStore>(sp => sp.GetRequiredService<FlakyTemplateStore>());
    }
}

public sealed class CrashRecoveryTests(FlakyS3Service service) : IClassFixture<FlakyS3Service>
{
    [Fact]
    public async Task A_customer_left_Pending_by_a_failed_upload_completes_on_the_next_call_with_the_same_external_id()
    {
        var account = TestAccounts.Next();
        service.Templates.FailNextPut(account);

        var failed = await service.Client.PostAsJsonAsync("/customers", new { accountId = account });
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);

        var pending = await service.Client.GetFromJsonAsync<JsonElement>($"/customers/{account}");
        Assert.Equal("Pending", pending.GetProperty("state").GetString());
        var externalId = pending.GetProperty("externalId").GetString();

        var resumed = await service.Client.PostAsJsonAsync("/customers", new { accountId = account });
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var view = await resumed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Templated", view.GetProperty("state").GetString());
        Assert.Equal(externalId, view.GetProperty("externalId").GetString());
        Assert.NotNull(view.GetProperty("launchUrl").GetString());
    }

    [Fact]
    public async Task A_grain_activated_in_Pending_finishes_the_remaining_steps_by_itself()
    {
        var account = TestAccounts.Next();
        service.Templates.FailNextPut(account);
        await service.Client.PostAsJsonAsync("/customers", new { accountId = account });
        var grain = service.Grains.GetGrain<ICustomerGrain>(account);
        Assert.Equal(OnboardingState.Pending, (await grain.GetView())!.State);

        // Deactivate, then let any call re-activate it: the activation resumes on its own.
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var view = await Eventually.ValueAsync(async () => await grain.GetView() is { State: not OnboardingState.Pending } left ? left : null,
            "the re-activated grain to leave Pending");

        Assert.Equal(OnboardingState.Templated, view.State);
        Assert.NotNull(view.LaunchUrl);
    }

    [Fact]
    public async Task A_template_deletion_that_keeps_failing_holds_back_neither_the_answer_nor_the_notification_and_is_retried()
    {
        var events = new StackEvents(service);
        var notifications = await StackEvents.SubscribeToNotificationsAsync(service);
        var (account, stack, templateUrl) = await events.StartAndLaunchAsync();
        service.Templates.FailDeletesOf(account);

        var created = await events.CreateAsync(stack);

        Assert.Equal("SUCCESS", created.GetProperty("Status").GetString());
        await events.ReceiveContainingAsync(notifications, "CustomerActivated\",\"accountId\":\"" + account);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(templateUrl)).StatusCode);

        // S3 works again: the deletion left behind is retried (Onboarding:FollowUpRetryInterval) until it is done.
        service.Templates.AllowDeletesOf(account);
        await Eventually.TrueAsync(async () => (await http.GetAsync(templateUrl)).StatusCode == HttpStatusCode.NotFound,
            "the template to be deleted once S3 works again", TimeSpan.FromMinutes(2));
    }
}
