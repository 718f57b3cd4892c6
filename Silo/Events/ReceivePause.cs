namespace Onboarding.Silo.Events;

/// <summary>
/// Until when the poller's receivers wait: set while held messages find a dependency unavailable (each
/// failed retry extends it), cleared as soon as one of them goes through. Receiving more messages during
/// an outage would only spend their receive counts.
/// </summary>
public sealed class ReceivePause(TimeProvider clock)
{
    private long _untilTicks;

    public bool IsPaused => Interlocked.Read(ref _untilTicks) > clock.GetUtcNow().UtcTicks;

    /// <summary>Pauses receiving for at least <paramref name="pause"/> from now (never shortens a longer pause).</summary>
    public void Extend(TimeSpan pause)
    {
        var until = clock.GetUtcNow().UtcTicks + pause.Ticks;
        var seen = Interlocked.Read(ref _untilTicks);
        while (seen < until)
        {
            var previous = Interlocked.CompareExchange(ref _untilTicks, until, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    public void Clear() => Interlocked.Exchange(ref _untilTicks, 0);

    /// <summary>Returns when receiving may go on (at once when not paused); false when <paramref name="stopping"/> fires first.</summary>
    public async Task<bool> WaitAsync(CancellationToken stopping)
    {
        while (Interlocked.Read(ref _untilTicks) - clock.GetUtcNow().UtcTicks is var left and > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromTicks(left), clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        return !stopping.IsCancellationRequested;
    }
}
