using Microsoft.Extensions.Logging;
using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Queries;
using Onboarding.Identity;
using Onboarding.Queries;

namespace Onboarding.Grains.Identity;

/// <summary>
/// Walks the Active customers of the state index, a quota per reminder tick so that a sweep takes one
/// <c>Verification:RecheckEvery</c>, and has each customer whose check is due checked: the customer says what is due
/// (<see cref="CustomerWorkflow.RoleCheckDue"/>), the verifier asks STS (paced), the customer records the result. The
/// cursor is stored after each page, so a restart goes on where the sweep was; a customer activated after the sweep
/// passed it is checked by the next one (at most two periods after its activation's check).
/// </summary>
public sealed partial class RoleCheckSweepGrain(
    [PersistentState("roleCheckSweep", StorageNames.Onboarding)] IPersistentState<RoleCheckSweepState> sweep,
    ICustomerIndex index,
    IRoleVerifier verifier,
    WorkflowOptions workflow,
    TimeProvider clock,
    ILogger<RoleCheckSweepGrain> logger) : Grain, IRoleCheckSweepGrain, IRemindable
{
    public const string ReminderName = "role-check-sweep";

    /// <summary>Checks of one page at a time: enough for STS's latency to hide behind the pace, few enough to stay polite.</summary>
    private const int ChecksInFlight = 16;

    private RoleCheckSchedule Checks => workflow.Checks;

    public async Task Schedule() => await this.RegisterOrUpdateReminder(ReminderName, Checks.Tick, Checks.Tick);

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == ReminderName ? Step() : Task.CompletedTask;

    public async Task<RoleCheckStep> Step()
    {
        var state = sweep.State;
        if (!state.InProgress)
        {
            if (!SweepPeriod.Due(state.StartedAt, Checks.Every, clock.GetUtcNow())) return new(0, 0, 0, SweepDone: false);
            (state.StartedAt, state.InProgress, state.Cursor) = (clock.GetUtcNow(), true, null);
            state.ActiveCustomers = await index.CountAsync(OnboardingState.Active, CustomerFilter.All, CancellationToken.None);
        }

        var quota = RoleCheckSweep.Quota(state.ActiveCustomers, Checks.Tick, Checks.Every, Checks.MaxAssumeRolePerSecond);
        var page = await index.ListAsync(OnboardingState.Active, CustomerFilter.All, quota, state.Cursor, CancellationToken.None);
        // Checked side by side: at STS's latency one after another would fall behind the pace the quota assumes.
        using var slots = new SemaphoreSlim(ChecksInFlight);
        var healths = await Task.WhenAll(page.Customers.Select(async customer =>
        {
            await slots.WaitAsync();
            try
            {
                return await CheckIfDueAsync(customer.AccountId);
            }
            finally
            {
                slots.Release();
            }
        }));
        var checkedRoles = healths.Count(h => h is not null);
        var degraded = healths.Count(h => h == RoleHealth.Degraded);

        (state.Cursor, state.InProgress) = (page.NextCursor, page.NextCursor is not null);
        await sweep.WriteStateAsync();
        if (!state.InProgress) LogSweepDone(state.ActiveCustomers, state.StartedAt);
        return new(page.Customers.Count, checkedRoles, degraded, SweepDone: !state.InProgress);
    }

    /// <summary>The customer's role health after a check, or null when its check was not due.</summary>
    private async Task<RoleHealth?> CheckIfDueAsync(string accountId)
    {
        var holder = GrainFactory.GetGrain<IRoleHolderGrain>(accountId);
        if (await holder.RoleCheckDue() is not { } role) return null;
        // An STS outage ends the step (DependencyUnavailableException): the cursor is not moved, so the next tick
        // comes back to this page, and the customers checked meanwhile are not due again.
        var check = await verifier.VerifyAsync(role, CancellationToken.None);
        return await holder.RecordRoleCheck(role.RoleArn, check);
    }

    [LoggerMessage(LogLevel.Information, "Role check sweep of about {Customers} Active customers, begun {StartedAt:u}, is done")]
    private partial void LogSweepDone(long customers, DateTimeOffset? startedAt);
}

/// <summary>Where the role check sweep is (grain storage).</summary>
[GenerateSerializer, Alias("Onboarding.RoleCheckSweepState")]
public sealed class RoleCheckSweepState
{
    [Id(0)] public DateTimeOffset? StartedAt { get; set; }
    [Id(1)] public bool InProgress { get; set; }
    [Id(2)] public string? Cursor { get; set; }
    /// <summary>The Active count when the sweep began: the quota per tick spreads it over the period.</summary>
    [Id(3)] public long ActiveCustomers { get; set; }
}
