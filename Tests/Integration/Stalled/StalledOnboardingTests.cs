using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Customers;
using Onboarding.Grains.Whitelist;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Stalled;

/// <summary>The service on a fake clock that drives grain timers, reminders and presigned-URL expiry alike.</summary>
public sealed class FakeClockService : OnboardingService
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
    [
        new("Stalled:RepromptAfter", "1.00:00:00"),
        new("Stalled:RepromptInterval", "1.00:00:00"),
        new("Stalled:MaxReprompts", "2"),
        new("Stalled:AbandonAfter", "5.00:00:00"),
        new("Stalled:ReminderPeriod", "01:00:00"),
        // Shorter than the gap to the second prompt, so prompting must re-presign the link.
        new("Onboarding:LaunchUrlLifetime", "1.12:00:00"),
    ];

    protected override void ConfigureSiloServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddKeyedSingleton<TimeProvider>("Orleans.Reminders", Clock);
        services.AddKeyedSingleton<TimeProvider>("Orleans.Grains", Clock);
    }
}

public sealed class StalledOnboardingTests(FakeClockService service) : IClassFixture<FakeClockService>, IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromHours(1);
    private string _notifications = "";

    public async Task InitializeAsync() => _notifications = await StackEvents.SubscribeToNotificationsAsync(service);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_stalled_onboarding_is_reprompted_on_schedule_then_abandoned_and_cleaned_up()
    {
        var account = TestAccounts.Next();
        var grain = service.Grains.GetGrain<ICustomerGrain>(account);
        var started = (await grain.StartOnboarding(new("us-east-1", "crm-7"))).View!;
        var templatedAt = started.History.Last().At;

        await AdvanceUntilAsync(grain, v => v.PromptCount == 1, TimeSpan.FromDays(2));
        var first = (await grain.GetView())!;
        AssertWithin(templatedAt + TimeSpan.FromDays(1), first.LastPromptAt!.Value, Step);
        Assert.True(first.LaunchUrlExpiresAt > templatedAt + TimeSpan.FromDays(2), "the prompt's link must outlive the next prompt");

        await AdvanceUntilAsync(grain, v => v.PromptCount == 2, TimeSpan.FromDays(2));
        AssertWithin(first.LastPromptAt!.Value + TimeSpan.FromDays(1), (await grain.GetView())!.LastPromptAt!.Value, Step);

        await AdvanceUntilAsync(grain, v => v.State == OnboardingState.Removed, TimeSpan.FromDays(4));
        var removed = (await grain.GetView())!;
        Assert.Equal(2, removed.PromptCount);
        Assert.Equal(2, removed.History.Count(h => h.Trigger == OnboardingTrigger.Reprompted));
        var abandoned = Assert.Single(removed.History, h => h.Trigger == OnboardingTrigger.Abandoned);
        AssertWithin(started.CreatedAt + TimeSpan.FromDays(5), abandoned.At, Step);
        Assert.Contains("Abandoned", abandoned.Reason);

        var events = new StackEvents(service);
        var stalled1 = JsonDocument.Parse((await events.ReceiveContainingAsync(_notifications, "\"prompt\":1")).Body).RootElement;
        Assert.Equal("OnboardingStalled", stalled1.GetProperty("type").GetString());
        Assert.Equal(account, stalled1.GetProperty("accountId").GetString());
        // The prompt carries the stable link handed out at the start, renewed, not a presigned URL.
        Assert.Equal(started.LaunchUrl!.AbsoluteUri, stalled1.GetProperty("launchUrl").GetString());
        using var browser = service.Browser();
        Assert.Equal(System.Net.HttpStatusCode.Gone, (await browser.GetAsync(started.LaunchUrl)).StatusCode);
        await events.ReceiveContainingAsync(_notifications, "\"prompt\":2");
        await events.ReceiveContainingAsync(_notifications, "OnboardingAbandoned\",\"accountId\":\"" + account);

        await WaitForAsync(async () => !await IsWhitelistedAsync(account, started.TopicArn!));
        await WaitForAsync(async () => (await ReminderRowsAsync(grain)).Count == 0);
    }

    [Fact]
    public async Task A_stack_event_after_abandonment_is_refused_except_delete()
    {
        var events = new StackEvents(service);
        var (account, stack, _) = await events.StartAndLaunchAsync();
        var grain = service.Grains.GetGrain<ICustomerGrain>(account);
        await AdvanceUntilAsync(grain, v => v.State == OnboardingState.Removed, TimeSpan.FromDays(6));

        var create = await events.CloudFormation.SendAsync(stack, "Create");
        Assert.Equal("FAILED", create.GetProperty("Status").GetString());
        Assert.Contains("start again", create.GetProperty("Reason").GetString());
        var delete = await events.CloudFormation.SendAsync(stack, "Delete", create.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal("SUCCESS", delete.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task A_customer_stalled_before_a_silo_restart_is_still_reprompted_after_it()
    {
        var account = TestAccounts.Next();
        await service.Grains.GetGrain<ICustomerGrain>(account).StartOnboarding(new("us-east-1", null));
        Assert.Single(await ReminderRowsAsync(service.Grains.GetGrain<ICustomerGrain>(account)));

        await service.RestartSiloAsync();

        var grain = service.Grains.GetGrain<ICustomerGrain>(account);
        await AdvanceUntilAsync(grain, v => v.PromptCount == 1, TimeSpan.FromDays(2));
    }

    [Fact]
    public async Task Active_customers_hold_no_reminder()
    {
        var events = new StackEvents(service);
        var (account, stack, _) = await events.StartAndLaunchAsync();
        var grain = service.Grains.GetGrain<ICustomerGrain>(account);
        Assert.Single(await ReminderRowsAsync(grain));

        Assert.Equal("SUCCESS", (await events.CloudFormation.SendAsync(stack, "Create")).GetProperty("Status").GetString());

        await WaitForAsync(async () => (await ReminderRowsAsync(grain)).Count == 0);
        Assert.Equal(OnboardingState.Active, (await grain.GetView())!.State);
    }

    /// <summary>Moves the fake clock in small steps, letting the silo catch up after each, until the view satisfies the condition.</summary>
    private async Task AdvanceUntilAsync(ICustomerGrain grain, Func<OnboardingView, bool> condition, TimeSpan limit)
    {
        var end = service.Clock.GetUtcNow() + limit;
        while (service.Clock.GetUtcNow() < end)
        {
            service.Clock.Advance(Step);
            // Ticks run asynchronously; give each step a moment of real time to land.
            for (var i = 0; i < 10 && !condition((await grain.GetView())!); i++) await Task.Delay(5);
            if (condition((await grain.GetView())!)) return;
        }
        Assert.Fail($"Condition not met within {limit} of fake time; view: {JsonSerializer.Serialize(await grain.GetView())}");
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 30 s");
            await Task.Delay(50);
        }
    }

    private async Task<bool> IsWhitelistedAsync(string account, string topicArn)
    {
        var sns = service.Silo.Services.GetRequiredService<ISnsClient>();
        var policy = (await sns.GetTopicAttributesAsync(topicArn)).GetValueOrDefault("Policy");
        return TopicPolicyDocument.Parse(policy, topicArn).CustomerAccounts.Contains(account);
    }

    private async Task<IReadOnlyList<ReminderEntry>> ReminderRowsAsync(ICustomerGrain grain) =>
        [.. (await service.Silo.Services.GetRequiredService<IReminderTable>().ReadRows(grain.GetGrainId())).Reminders];

    private static void AssertWithin(DateTimeOffset expected, DateTimeOffset actual, TimeSpan tolerance) =>
        Assert.True(actual >= expected && actual <= expected + tolerance, $"expected {expected:u} (+{tolerance}), got {actual:u}");
}
