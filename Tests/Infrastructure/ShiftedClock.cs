namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// The real time plus an offset a test sets for a moment: a shared service sees "days later" (a link's expiry) while
/// its timers, delays and reminders keep running on real time, and the tests after it see the real time again.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the clock <paramref name="by"/> ahead until the returned scope ends.</summary>
    public IDisposable Shift(TimeSpan by)
    {
        Interlocked.Exchange(ref _offsetTicks, by.Ticks);
        return new Back(this);
    }

    private sealed class Back(ShiftedClock clock) : IDisposable
    {
        public void Dispose() => Interlocked.Exchange(ref clock._offsetTicks, 0);
    }
}
