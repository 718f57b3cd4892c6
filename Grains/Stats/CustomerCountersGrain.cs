using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Queries;
using Orleans.Concurrency;

namespace Onboarding.Grains.Stats;

/// <summary>
/// One shard of the customer counters (<see cref="CustomerCounting"/>), in one grain-state item. Counts arriving while a
/// write is in flight go together in the next write (group commit), so under load a write carries many; each
/// caller returns once its count is durable. Settlements (<see cref="Forget"/>) ride along with the next write. A
/// timer asks customers whose counts stay unsettled (their silo died between counting and writing) to settle them,
/// which repeats the count if their record still holds it.
/// </summary>
[Reentrant]
public sealed partial class CustomerCountersGrain(
    [PersistentState("counters", StorageNames.Onboarding)] IPersistentState<CustomerCountersState> shard,
    IOptions<CountersOptions> options,
    TimeProvider clock,
    ILogger<CustomerCountersGrain> logger) : Grain, ICustomerCountersGrain
{
    private const int SettlementsPerSweep = 100;

    private readonly List<(Action<CustomerCountersState> Change, TaskCompletionSource? Done)> _pending = [];
    private bool _writing;
    /// <summary>The state as last written (the persistent state runs ahead of it while a write is in flight).</summary>
    private CustomerCountersState _written = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _written = shard.State;
        var every = options.Value.SweepEvery;
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(every, every) { Interleave = true, KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task Count(string accountId, long sequence, CustomerCount? from, CustomerCount? to)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var at = clock.GetUtcNow();
        _pending.Add((s => CustomerCounting.Apply(s, accountId, sequence, from, to, at), done));
        StartWriting();
        return done.Task;
    }

    public Task Forget(string accountId, long sequence)
    {
        // Not worth a write of its own: it goes with the next count, or the next sweep.
        _pending.Add((s => CustomerCounting.Forget(s, accountId, sequence), null));
        return Task.CompletedTask;
    }

    public Task<CustomerCounts> Read() => Task.FromResult(_written.Totals());

    public Task Replace(CustomerCounts counts)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add((s =>
        {
            s.ByState = new(counts.ByState);
            s.Stalled = counts.Stalled;
            s.Degraded = counts.Degraded;
            s.Outdated = counts.Outdated;
        }, done));
        StartWriting();
        return done.Task;
    }

    private void StartWriting()
    {
        if (_writing) return;
        _writing = true;
        _ = WriteAsync();
    }

    /// <summary>Writes what is pending, batch after batch, until nothing is; a failed write fails its batch's callers, who try again.</summary>
    private async Task WriteAsync()
    {
        try
        {
            while (_pending.Count > 0)
            {
                var batch = _pending.ToList();
                _pending.Clear();
                var next = _written.Copy();
                foreach (var (change, _) in batch) change(next);
                shard.State = next;
                try
                {
                    await shard.WriteStateAsync();
                }
                catch (Exception exception)
                {
                    LogWriteFailed(exception, batch.Count);
                    foreach (var (_, done) in batch) done?.TrySetException(exception);
                    // The batch may have landed all the same (a lost response): only the table knows. Read it again in the
                    // next activation; the callers repeat their counts, which the stored sequences make harmless.
                    shard.State = _written;
                    FailPending(exception);
                    DeactivateOnIdle();
                    return;
                }
                _written = next;
                foreach (var (_, done) in batch) done?.TrySetResult();
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private void FailPending(Exception exception)
    {
        foreach (var (_, done) in _pending) done?.TrySetException(exception);
        _pending.Clear();
    }

    private Task SweepAsync(CancellationToken cancellationToken)
    {
        var stale = clock.GetUtcNow() - options.Value.SettleAfter;
        foreach (var (accountId, _) in _written.Unsettled.Where(u => u.Value.At < stale).Take(SettlementsPerSweep))
        {
            // Not awaited: the customer calls back (Count, Forget) in its own turn.
            GrainFactory.GetGrain<ICountedCustomerGrain>(accountId).SettleCounts().Ignore();
        }
        if (_pending.Count > 0) StartWriting();
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Warning, "A write of the customer counters failed ({Changes} changes); their callers try again")]
    private partial void LogWriteFailed(Exception exception, int changes);
}
