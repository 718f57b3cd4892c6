using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Queries;
using Onboarding.Queries;

namespace Onboarding.Grains.TemplateVersions;

/// <summary>
/// Walks the Active customers of the state index and has each compare its stack's template version with the offered
/// one (<see cref="CustomerWorkflow.CheckTemplateVersion"/>). A pass starts as soon as the offered version differs from
/// the one the last pass finished with (so at the first start-up after the settings changed), and otherwise once per
/// <see cref="TemplateVersionOptions.CheckEvery"/> (catching customers that activated with an older template). A step
/// notifies at most <see cref="TemplateVersionOptions.NotificationsPerTick"/> customers: past that it stops and the next
/// step reads the same page again (the customers already notified answer without notifying again). The cursor is
/// stored after each step, so a restart goes on where the pass was.
/// </summary>
public sealed partial class TemplateVersionSweepGrain(
    [PersistentState("templateVersionSweep", StorageNames.Onboarding)] IPersistentState<TemplateVersionSweepState> sweep,
    ICustomerIndex index,
    WorkflowOptions workflow,
    IOptions<TemplateVersionOptions> options,
    TimeProvider clock,
    ILogger<TemplateVersionSweepGrain> logger) : Grain, ITemplateVersionSweepGrain, IRemindable
{
    public const string ReminderName = "template-version-sweep";

    private TemplateVersionOptions Settings => options.Value;

    public async Task Schedule()
    {
        await this.RegisterOrUpdateReminder(ReminderName, Settings.Tick, Settings.Tick);
        // At start-up: a changed offered version is looked at now, not a tick later.
        if (PassDue()) await Step();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == ReminderName ? Step() : Task.CompletedTask;

    public async Task<TemplateVersionStep> Step()
    {
        var state = sweep.State;
        if (workflow.TemplateVersion is not { } current) return new(0, 0, SweepDone: false);
        if (!state.InProgress || state.Version != current)
        {
            if (!PassDue()) return new(0, 0, SweepDone: false);
            (state.StartedAt, state.InProgress, state.Cursor, state.Version) = (clock.GetUtcNow(), true, null, current);
        }

        var page = await index.ListAsync(OnboardingState.Active, CustomerFilter.All, Settings.VisitsPerTick, state.Cursor, CancellationToken.None);
        var (visited, notified) = (0, 0);
        foreach (var customer in page.Customers)
        {
            if (notified == Settings.NotificationsPerTick) break;
            var status = await GrainFactory.GetGrain<ITemplateVersionHolderGrain>(customer.AccountId).CheckTemplateVersion();
            if (status == TemplateVersionStatus.BecameOutdated) notified++;
            visited++;
        }

        // Stopped by the quota: the same page again next step (its notified customers are no-ops by then).
        if (visited == page.Customers.Count)
        {
            (state.Cursor, state.InProgress) = (page.NextCursor, page.NextCursor is not null);
            if (!state.InProgress) state.FinishedVersion = current;
        }
        await sweep.WriteStateAsync();
        if (notified > 0) LogNotified(notified, current);
        if (!state.InProgress) LogPassDone(current, state.StartedAt);
        return new(visited, notified, SweepDone: !state.InProgress);
    }

    private bool PassDue()
    {
        var state = sweep.State;
        if (workflow.TemplateVersion is not { } current) return false;
        if (state.InProgress) return state.Version != current;
        return state.FinishedVersion != current || SweepPeriod.Due(state.StartedAt, Settings.CheckEvery, clock.GetUtcNow());
    }

    [LoggerMessage(LogLevel.Information, "{Count} customers run an older template than {Version} and were notified")]
    private partial void LogNotified(int count, string version);

    [LoggerMessage(LogLevel.Information, "Template version pass for {Version}, begun {StartedAt:u}, is done")]
    private partial void LogPassDone(string version, DateTimeOffset? startedAt);
}

/// <summary>Where the template version sweep is (grain storage).</summary>
[GenerateSerializer, Alias("Onboarding.TemplateVersionSweepState")]
public sealed class TemplateVersionSweepState
{
    [Id(0)] public DateTimeOffset? StartedAt { get; set; }
    [Id(1)] public bool InProgress { get; set; }
    [Id(2)] public string? Cursor { get; set; }
    /// <summary>The offered version the pass in progress compares with.</summary>
    [Id(3)] public string? Version { get; set; }
    /// <summary>The offered version the last finished pass compared with.</summary>
    [Id(4)] public string? FinishedVersion { get; set; }
}
