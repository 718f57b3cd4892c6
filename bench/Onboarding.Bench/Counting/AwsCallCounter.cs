using System.Collections.Concurrent;
using System.Diagnostics;

namespace Onboarding.Bench.Counting;

/// <summary>
/// AWS calls by "Service.Operation", counted where they leave the process (one count per call), with the
/// total time callers waited for them (from the call's start to its answer, retries included).
/// </summary>
public sealed class AwsCallCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _waitTicks = new(StringComparer.Ordinal);

    public void Add(string service, string operation) => _counts.AddOrUpdate($"{service}.{operation}", 1, (_, n) => n + 1);

    /// <summary>Adds the time one call took, measured from <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void AddWait(string service, string operation, long startedAt)
    {
        var elapsed = Stopwatch.GetElapsedTime(startedAt).Ticks;
        _waitTicks.AddOrUpdate($"{service}.{operation}", elapsed, (_, t) => t + elapsed);
    }

    public Dictionary<string, long> Snapshot() => new(_counts, StringComparer.Ordinal);

    /// <summary>Total milliseconds waited per operation so far.</summary>
    public Dictionary<string, long> WaitSnapshot() => _waitTicks.ToDictionary(w => w.Key, w => w.Value / TimeSpan.TicksPerMillisecond, StringComparer.Ordinal);

    /// <summary>What happened between two snapshots.</summary>
    public static Dictionary<string, long> Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Select(a => (a.Key, Count: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(a => a.Count > 0)
            .ToDictionary(a => a.Key, a => a.Count, StringComparer.Ordinal);

    /// <summary>The service part of "Service.Operation".</summary>
    public static string ServiceOf(string key) => key[..key.IndexOf('.')];
}
