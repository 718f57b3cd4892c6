using System.Collections.Concurrent;

namespace Onboarding.Bench.Counting;

/// <summary>AWS calls by "Service.Operation", counted where they leave the process (one count per call).</summary>
public sealed class AwsCallCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string service, string operation) => _counts.AddOrUpdate($"{service}.{operation}", 1, (_, n) => n + 1);

    public Dictionary<string, long> Snapshot() => new(_counts, StringComparer.Ordinal);

    /// <summary>What happened between two snapshots.</summary>
    public static Dictionary<string, long> Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Select(a => (a.Key, Count: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(a => a.Count > 0)
            .ToDictionary(a => a.Key, a => a.Count, StringComparer.Ordinal);

    /// <summary>The service part of "Service.Operation".</summary>
    public static string ServiceOf(string key) => key[..key.IndexOf('.')];
}
