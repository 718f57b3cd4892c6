using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Whitelist;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Stalled;

/// <summary>The service on a fake clock that drives grain timers, reminders and presigned-URL expiry alike.</summary>
public class FakeClockService : OnboardingService
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Which reminders wait on <see cref="Clock"/> (subscribed before the silo starts).</summary>
    public ArmedReminders Reminders { get; } = new();

    public SiloAddress SiloAddress => Silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>
    /// Moves the clock to <paramref name="instant"/> once the in-flight sweep's reminder waits on it, so
    /// its tick wakes the customers in flight at exactly that time. What a customer's wake-up does is then
    /// awaited as an effect: the clock stays put meanwhile, so no real time decides anything.
    /// </summary>
    public async Task AdvanceToAsync(DateTimeOffset instant)
    {
        var sweep = Grains.GetGrain<IInFlightSweepGrain>(0).GetGrainId();
        await Eventually.TrueAsync(() => Reminders.IsArmed(SiloAddress, sweep), "the in-flight sweep's reminder waiting on the clock");
        Assert.True(instant > Clock.GetUtcNow(), $"{instant:u} is not ahead of the clock ({Clock.GetUtcNow():u})");
        // Off the test's synchronization context: the timers that fall due continue inline from here.
        await Task.Run(() => Clock.SetUtcNow(instant));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Reminders.Dispose();
    }

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
        // Orleans keeps in memory only reminders due within this window (10 minutes by default) and
        // reloads the others from the table as the clock nears them. A test moves the fake clock by
        // days at once, faster than such a reload: so every reminder stays loaded, armed for its tick.
        services.Configure<ReminderOptions>(o => o.ReminderLoadingWindow = TimeSpan.FromDays(30));
    }
}

public sealed class StalledOnboardingTests(FakeClockService service) : IClassFixture<FakeClockService>, IAsyncLifetime
{
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

        await service.AdvanceToAsync(templatedAt + TimeSpan.FromDays(1));
        var first = await ViewOnceAsync(grain, v => v.PromptCount == 1, "the first re-prompt");
        Assert.Equal(templatedAt + TimeSpan.FromDays(1), first.LastPromptAt);
        Assert.True(first.LaunchUrlExpiresAt > templatedAt + TimeSpan.FromDays(2), "the prompt's link must outlive the next prompt");

        await service.AdvanceToAsync(first.LastPromptAt!.Value + TimeSpan.FromDays(1));
        var second = await ViewOnceAsync(grain, v => v.PromptCount == 2, "the second re-prompt");
        Assert.Equal(first.LastPromptAt + TimeSpan.FromDays(1), second.LastPromptAt);

        // No third prompt (MaxReprompts is 2): the next thing due is the abandonment.
        await service.AdvanceToAsync(started.CreatedAt + TimeSpan.FromDays(5));
        var removed = await ViewOnceAsync(grain, v => v.State == OnboardingState.Removed, "the abandonment");
        Assert.Equal(2, removed.PromptCount);
        Assert.Equal(2, removed.History.Count(h => h.Trigger == OnboardingTrigger.Reprompted));
        var abandoned = Assert.Single(removed.History, h => h.Trigger == OnboardingTrigger.Abandoned);
        Assert.Equal(started.CreatedAt + TimeSpan.FromDays(5), abandoned.At);
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

        await Eventually.TrueAsync(async () => !await IsWhitelistedAsync(account, started.TopicArn!), $"{account} off its topic");
        Assert.Empty(await ReminderRowsAsync(grain));
    }

    [Fact]
    public async Task A_stack_event_after_abandonment_is_refused_except_delete()
    {
        var events = new StackEvents(service);
        var (account, stack, _) = await events.StartAndLaunchAsync();
        var grain = service.Grains.GetGrain<ICustomerGrain>(account);
        // Abandoned when due, whatever the re-prompts did by then.
        await service.AdvanceToAsync((await grain.GetView())!.CreatedAt + TimeSpan.FromDays(5));
        await ViewOnceAsync(grain, v => v.State == OnboardingState.Removed, "the abandonment");
        // The abandoned account is off its topic, so its own publishes are refused now: these are requests that
        // reached the queue anyway (published before it left, delivered late), in the owner's name.
        var cloudFormation = new CloudFormationStandIn(service.Aws, service.Silo.Services.GetRequiredService<ISnsClient>()) { PublishAsAccount = null };

        var create = await cloudFormation.SendAsync(stack, "Create");
        Assert.Equal("FAILED", create.GetProperty("Status").GetString());
        Assert.Contains("start again", create.GetProperty("Reason").GetString());
        var delete = await cloudFormation.SendAsync(stack, "Delete", create.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal("SUCCESS", delete.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task A_customer_stalled_before_a_silo_restart_is_still_reprompted_after_it()
    {
        var account = TestAccounts.Next();
        var started = (await service.Grains.GetGrain<ICustomerGrain>(account).StartOnboarding(new("us-east-1", null))).View!;
        await service.RestartSiloAsync();

        // The new silo's in-flight sweep finds the customer in the state index, with no activation left to remember it.
        var grain = service.Grains.GetGrain<ICustomerGrain>(account);
        var due = started.History.Last().At + TimeSpan.FromDays(1);
        await service.AdvanceToAsync(due);
        Assert.Equal(due, (await ViewOnceAsync(grain, v => v.PromptCount == 1, "the re-prompt after the restart")).LastPromptAt);
    }

    [Fact]
    public async Task Customers_hold_no_reminder_in_flight_or_after()
    {
        var events = new StackEvents(service);
        var (account, stack, _) = await events.StartAndLaunchAsync();
        var grain = service.Grains.GetGrain<ICustomerGrain>(account);
        Assert.Equal(OnboardingState.Templated, (await grain.GetView())!.State);
        Assert.Empty(await ReminderRowsAsync(grain));

        Assert.Equal("SUCCESS", (await events.CloudFormation.SendAsync(stack, "Create")).GetProperty("Status").GetString());

        await ViewOnceAsync(grain, v => v.State == OnboardingState.Active, "the activation");
        Assert.Empty(await ReminderRowsAsync(grain));
    }

    [Fact]
    public async Task A_reminder_registered_before_the_sweep_is_dropped_at_its_next_tick()
    {
        var account = TestAccounts.Next();
        var grain = service.Grains.GetGrain<ICustomerGrain>(account);
        await grain.StartOnboarding(new("us-east-1", null));
        var table = service.Silo.Services.GetRequiredService<IReminderTable>();
        await table.UpsertRow(new ReminderEntry
        {
            GrainId = grain.GetGrainId(),
            ReminderName = CustomerGrain.LegacyScheduleReminderName,
            StartAt = service.Clock.GetUtcNow().UtcDateTime.AddHours(1),
            Period = TimeSpan.FromHours(1),
        });

        await grain.AsReference<IRemindable>().ReceiveReminder(CustomerGrain.LegacyScheduleReminderName, new TickStatus());

        Assert.Empty(await ReminderRowsAsync(grain));
        Assert.Equal(OnboardingState.Templated, (await grain.GetView())!.State);
    }

    private static Task<OnboardingView> ViewOnceAsync(ICustomerGrain grain, Func<OnboardingView, bool> condition, string what) =>
        Eventually.ValueAsync(async () => await grain.GetView() is { } view && condition(view) ? view : null, what);

    private async Task<bool> IsWhitelistedAsync(string account, string topicArn)
    {
        var sns = service.Silo.Services.GetRequiredService<ISnsClient>();
        var policy = (await sns.GetTopicAttributesAsync(topicArn)).GetValueOrDefault("Policy");
        return TopicPolicyDocument.Parse(policy, topicArn).CustomerAccounts.Contains(account);
    }

    private async Task<IReadOnlyList<ReminderEntry>> ReminderRowsAsync(ICustomerGrain grain) =>
        [.. (await service.Silo.Services.GetRequiredService<IReminderTable>().ReadRows(grain.GetGrainId())).Reminders];
}
