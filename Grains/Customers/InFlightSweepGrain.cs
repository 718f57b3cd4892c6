using Microsoft.Extensions.Logging;
using Onboarding.Customers;
using Onboarding.Grains.Ports;
using Onboarding.Queries;

namespace Onboarding.Grains.Customers;

/// <summary>
/// Walks the customers in flight in the state index, page by page, and wakes each one (<see cref="IScheduledCustomerGrain.Wake"/>),
/// once per <c>Stalled:ReminderPeriod</c>: what each customer's own reminder did, without its three reminder-table writes.
/// The first sweep runs a minute after the silo starts, so restarts more frequent than the period still sweep. A sweep
/// runs in the background of its tick (it may outlast a grain call's timeout) and never twice at once: a tick that comes
/// during one runs another after it, so every tick is followed by a whole sweep that began after it. A failed sweep is
/// repeated by the next tick (waking a customer twice is harmless: a tick decides from persisted timestamps).
/// </summary>
public sealed partial class InFlightSweepGrain(
    ICustomerIndex index,
    WorkflowOptions workflow,
    ILogger<InFlightSweepGrain> logger) : Grain, IInFlightSweepGrain, IRemindable
{
    public const string ReminderName = "in-flight-sweep";
    private const int PageSize = 100;
    /// <summary>Customers woken at once: a sweep of many does not flood the silo with activations.</summary>
    private const int WokenAtOnce = 8;
    private static readonly TimeSpan FirstSweepAfter = TimeSpan.FromMinutes(1);
    private static readonly OnboardingState[] InFlightStates = [OnboardingState.Pending, OnboardingState.Templated, OnboardingState.Activating];

    private Task _sweeping = Task.CompletedTask;
    private bool _again;

    public async Task Schedule()
    {
        var period = workflow.Stalled.ReminderPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, period < FirstSweepAfter ? period : FirstSweepAfter, period);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName) return Task.CompletedTask;
        if (_sweeping.IsCompleted) _sweeping = SweepWhileAskedAsync();
        else _again = true;
        return Task.CompletedTask;
    }

    public async Task<int> Sweep()
    {
        await _sweeping;
        return await SweepAllAsync();
    }

    private async Task SweepWhileAskedAsync()
    {
        do
        {
            _again = false;
            try
            {
                await SweepAllAsync();
            }
            catch (Exception exception)
            {
                LogSweepFailed(exception);
            }
        }
        while (_again);
    }

    private async Task<int> SweepAllAsync()
    {
        var woken = 0;
        foreach (var state in InFlightStates)
        {
            string? cursor = null;
            do
            {
                var page = await index.ListAsync(state, CustomerFilter.All, PageSize, cursor, CancellationToken.None);
                foreach (var batch in page.Customers.Chunk(WokenAtOnce))
                    await Task.WhenAll(batch.Select(c => WakeAsync(c.AccountId)));
                woken += page.Customers.Count;
                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }
        LogSwept(woken);
        return woken;
    }

    /// <summary>One customer's failure (its record changed under it, a dependency down) leaves the others to be woken.</summary>
    private async Task WakeAsync(string accountId)
    {
        try
        {
            await GrainFactory.GetGrain<IScheduledCustomerGrain>(accountId).Wake();
        }
        catch (Exception exception)
        {
            LogWakeFailed(exception, accountId);
        }
    }

    [LoggerMessage(LogLevel.Warning, "In-flight sweep could not wake customer {AccountId}; the next sweep tries again")]
    private partial void LogWakeFailed(Exception exception, string accountId);

    [LoggerMessage(LogLevel.Information, "In-flight sweep woke {Customers} customers")]
    private partial void LogSwept(int customers);

    [LoggerMessage(LogLevel.Warning, "In-flight sweep failed; the next tick repeats it")]
    private partial void LogSweepFailed(Exception exception);
}
