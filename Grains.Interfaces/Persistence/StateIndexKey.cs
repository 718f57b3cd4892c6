using Onboarding.Customers;

namespace Onboarding.Persistence;

/// <summary>
/// The state index's partition key: the state and a write shard of the account, <c>Active#3</c>. On DynamoDB one
/// partition takes about 1,000 writes a second; with the state alone as the key, every customer of a state shares
/// one, so a busy state (all Templated starts, all Active role checks) would be throttled whatever the table's
/// capacity. Readers query every partition of a state and merge them by creation time.
/// </summary>
public static class StateIndexKey
{
    /// <summary>Write shards per state. Part of the stored layout: readers query exactly these, so never lower it.</summary>
    public const int Shards = 8;

    public static string For(OnboardingState state, string accountId) => $"{state}#{ShardOf(accountId)}";

    /// <summary>A stable hash of the account id (FNV-1a), the same in every process and version.</summary>
    public static int ShardOf(string accountId)
    {
        var hash = 2166136261u;
        foreach (var c in accountId)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash % Shards);
    }

    /// <summary>
    /// Every partition a customer in <paramref name="state"/> can be under: its shards, and the bare state that records
    /// written before the shards keep until their next write.
    /// </summary>
    public static IReadOnlyList<string> PartitionsOf(OnboardingState state) =>
        [state.ToString(), .. Enumerable.Range(0, Shards).Select(shard => $"{state}#{shard}")];

    /// <summary>The state a partition key names (with or without its shard), or null when it names none.</summary>
    public static OnboardingState? StateOf(string key)
    {
        var separator = key.IndexOf('#', StringComparison.Ordinal);
        var name = separator < 0 ? key : key[..separator];
        return Enum.TryParse<OnboardingState>(name, ignoreCase: false, out var state) && Enum.IsDefined(state) ? state : null;
    }
}
