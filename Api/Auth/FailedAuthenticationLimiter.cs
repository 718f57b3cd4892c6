using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Onboarding.Api.Auth;

/// <summary>Counts failed authentications per client address in fixed windows (guessing keys gets slow fast).</summary>
public sealed class FailedAuthenticationLimiter(IOptionsMonitor<ApiKeyOptions> options, TimeProvider clock)
{
    /// <summary>Below this many tracked addresses, expired windows are left for later.</summary>
    private const int PruneThreshold = 1024;

    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Window> _windows = new();
    private long _nextPruneTicks;

    public bool IsLimited(string client) =>
        _windows.TryGetValue(client, out var window) && window.IsCurrent(clock.GetUtcNow()) && window.Failures >= options.CurrentValue.MaxFailuresPerWindow;

    public void RecordFailure(string client)
    {
        var now = clock.GetUtcNow();
        _windows.AddOrUpdate(
            client,
            _ => new Window(now + options.CurrentValue.FailureWindow, 1),
            (_, window) => window.IsCurrent(now) ? window with { Failures = window.Failures + 1 } : new Window(now + options.CurrentValue.FailureWindow, 1));
        PruneExpired(now);
    }

    /// <summary>
    /// Keeps memory bounded under a spray of addresses: expired windows are dropped as failures come in,
    /// at most once per <see cref="PruneInterval"/> so a large table is not scanned on every failure.
    /// </summary>
    private void PruneExpired(DateTimeOffset now)
    {
        if (_windows.Count < PruneThreshold) return;
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneInterval).UtcTicks, due) != due) return;
        foreach (var (client, window) in _windows)
        {
            if (!window.IsCurrent(now)) _windows.TryRemove(client, out _);
        }
    }

    private sealed record Window(DateTimeOffset EndsAt, int Failures)
    {
        public bool IsCurrent(DateTimeOffset now) => now < EndsAt;
    }
}
