using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Telemetry;
using Onboarding.Whitelist;

namespace Onboarding.Grains.Whitelist;

/// <summary>
/// Rebuilds each event topic's policy from the customer records (key 0). A pass takes a snapshot of which
/// accounts the records place on each topic, then, topic by topic, reads the policy and asks each account
/// whose entry and record disagree to put its own entry right: the customer decides from its own state, in
/// its own turn, so an onboarding that recorded its topic after the snapshot keeps its entry, and only
/// customer statements are ever edited (through the topic's policy grain). Periodic passes pause between
/// topics, so SNS sees a trickle, not a burst.
/// </summary>
public sealed partial class WhitelistReconcilerGrain(
    [PersistentState("whitelistReconciler", StorageNames.Onboarding)] IPersistentState<WhitelistReconcilerState> schedule,
    ITopicMemberIndex index,
    ITopicPolicyGateway policies,
    IOptions<WhitelistOptions> options,
    IOptions<OnboardingOptions> onboarding,
    OnboardingMetrics metrics,
    TimeProvider clock,
    ILogger<WhitelistReconcilerGrain> logger) : Grain, IWhitelistReconcilerGrain, IRemindable
{
    public const string ReminderName = "whitelist-reconciliation";
    private const int ConcurrentRepairs = 32;

    private IGrainTimer? _pass;

    private TimeSpan Period => options.Value.ReconcilePeriod;

    /// <summary>The next pass is due a period after the last one began (at once when that is past).</summary>
    public async Task Schedule()
    {
        var dueIn = schedule.State.LastPassAt is { } last ? last + Period - clock.GetUtcNow() : Period;
        await this.RegisterOrUpdateReminder(ReminderName, dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, Period);
    }

    public async Task<WhitelistRepairs> ReconcileNow()
    {
        var (topics, members) = await PlanAsync();
        var repairs = new WhitelistRepairs(0, 0, 0);
        foreach (var topic in topics) repairs = repairs.Plus(await ReconcileTopicAsync(topic, members));
        LogPass(repairs.Topics, repairs.Restored, repairs.Removed);
        return repairs;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The tick only starts the pass, which outlasts any reminder call; interleaving keeps the grain callable meanwhile.
        if (reminderName == ReminderName && _pass is null)
            _pass = this.RegisterGrainTimer(RunPassAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = true });
        return Task.CompletedTask;
    }

    private async Task RunPassAsync(CancellationToken cancellationToken)
    {
        try
        {
            schedule.State.LastPassAt = clock.GetUtcNow();
            await schedule.WriteStateAsync(cancellationToken);
            var (topics, members) = await PlanAsync();
            var repairs = new WhitelistRepairs(0, 0, 0);
            foreach (var topic in topics)
            {
                if (repairs.Topics > 0) await Task.Delay(options.Value.ReconcileTopicInterval, clock, cancellationToken);
                repairs = repairs.Plus(await ReconcileTopicAsync(topic, members));
            }
            LogPass(repairs.Topics, repairs.Restored, repairs.Removed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPassFailed(exception);
        }
        finally
        {
            _pass?.Dispose();
            _pass = null;
        }
    }

    /// <summary>Every topic of the offered regions, plus any topic a record names, and the records' snapshot.</summary>
    private async Task<(IReadOnlyList<string> Topics, IReadOnlyDictionary<string, IReadOnlySet<string>> Members)> PlanAsync()
    {
        var members = await index.ListTopicMembersAsync(CancellationToken.None);
        var topics = new SortedSet<string>(members.Keys, StringComparer.Ordinal);
        foreach (var region in onboarding.Value.AllowedRegions)
            topics.UnionWith(await GrainFactory.GetGrain<IRegionTopicsGrain>(region).GetTopics());
        return ([.. topics], members);
    }

    private async Task<WhitelistRepairs> ReconcileTopicAsync(string topicArn, IReadOnlyDictionary<string, IReadOnlySet<string>> members)
    {
        try
        {
            var inPolicy = TopicPolicyDocument.Parse(await policies.GetPolicyAsync(topicArn, CancellationToken.None), topicArn).CustomerAccounts;
            var recorded = members.GetValueOrDefault(topicArn) ?? new HashSet<string>();
            // Entries no record justifies, and records whose entry is missing: each customer sets its own right.
            var disagreeing = inPolicy.Except(recorded).Concat(recorded.Except(inPolicy)).ToList();
            var outcomes = new List<WhitelistOutcome?>();
            foreach (var chunk in disagreeing.Chunk(ConcurrentRepairs))
                outcomes.AddRange(await Task.WhenAll(chunk.Select(account => GrainFactory.GetGrain<ITopicMemberGrain>(account).ReconcileTopicEntry(topicArn))));

            var repairs = new WhitelistRepairs(1, outcomes.Count(o => o == WhitelistOutcome.Added), outcomes.Count(o => o == WhitelistOutcome.Removed));
            if (repairs.Restored + repairs.Removed > 0)
            {
                LogRepaired(topicArn, repairs.Restored, repairs.Removed);
                metrics.WhitelistRepaired(repairs.Restored, repairs.Removed);
            }
            return repairs;
        }
        catch (Exception exception)
        {
            // The next pass tries again; one topic must not stop the others.
            LogTopicFailed(exception, topicArn);
            return new WhitelistRepairs(1, 0, 0);
        }
    }

    [LoggerMessage(LogLevel.Information, "Whitelist reconciliation of {TopicArn}: restored {Restored} policy entries, removed {Removed}")]
    private partial void LogRepaired(string topicArn, int restored, int removed);

    [LoggerMessage(LogLevel.Information, "Whitelist reconciliation pass over {Topics} topics: restored {Restored} policy entries, removed {Removed}")]
    private partial void LogPass(int topics, int restored, int removed);

    [LoggerMessage(LogLevel.Warning, "Whitelist reconciliation of {TopicArn} failed; the next pass tries again")]
    private partial void LogTopicFailed(Exception exception, string topicArn);

    [LoggerMessage(LogLevel.Warning, "A whitelist reconciliation pass failed; the next one tries again")]
    private partial void LogPassFailed(Exception exception);
}
