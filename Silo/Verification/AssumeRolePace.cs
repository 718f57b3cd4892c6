using System.Threading.RateLimiting;

namespace Onboarding.Silo.Verification;

/// <summary>
/// Spreads paced AssumeRole calls evenly at <c>Verification:MaxAssumeRolePerSecond</c> (per silo): STS's
/// quota is the partner account's, shared with everything else the partner does there.
/// </summary>
internal sealed class AssumeRolePace : IDisposable
{
    // Timers do not tick reliably much faster than this: higher rates hand out several turns per tick.
    private static readonly TimeSpan ShortestTick = TimeSpan.FromMilliseconds(100);

    private readonly TokenBucketRateLimiter _limiter;

    public AssumeRolePace(double perSecond)
    {
        var (tick, turns) = Bucket(perSecond);
        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = turns,
            TokensPerPeriod = turns,
            ReplenishmentPeriod = tick,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>How often turns are handed out, and how many each time: one turn per 1/rate seconds, at most ten ticks a second.</summary>
    public static (TimeSpan Tick, int Turns) Bucket(double perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        var tick = TimeSpan.FromSeconds(1 / perSecond);
        if (tick >= ShortestTick) return (tick, 1);
        return (ShortestTick, (int)Math.Round(perSecond * ShortestTick.TotalSeconds));
    }

    /// <summary>Waits for the next turn (oldest waiter first).</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired) throw new InvalidOperationException("The AssumeRole pace refused a turn; its queue is unbounded, so this is a bug.");
    }

    public void Dispose() => _limiter.Dispose();
}
