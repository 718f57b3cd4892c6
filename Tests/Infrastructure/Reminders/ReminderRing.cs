namespace Onboarding.Tests.Infrastructure.Reminders;

/// <summary>
/// Which silo's reminder service owns a grain's reminders, as Orleans decides it (VirtualBucketsRingProvider,
/// the default ring): each silo puts <see cref="BucketsPerSilo"/> points on a ring of uniform hashes, and a grain's
/// reminders belong to the silo of the first point at or after the grain's uniform hash, wrapping around.
/// </summary>
public static class ReminderRing
{
    /// <summary>ConsistentRingOptions.NumVirtualBucketsConsistentRing's default, which the service keeps.</summary>
    public const int BucketsPerSilo = 30;

    public static SiloAddress OwnerOf(GrainId grain, IEnumerable<SiloAddress> activeSilos)
    {
        var ring = new SortedDictionary<uint, SiloAddress>();
        foreach (var silo in activeSilos)
            foreach (var hash in silo.GetUniformHashCodes(BucketsPerSilo))
                // On a collision the lesser (usually older) silo keeps the point, as Orleans does.
                if (!ring.TryGetValue(hash, out var other) || silo.CompareTo(other) < 0) ring[hash] = silo;
        var key = grain.GetUniformHashCode();
        foreach (var (hash, silo) in ring)
            if (hash >= key) return silo;
        return ring.First().Value;
    }
}
