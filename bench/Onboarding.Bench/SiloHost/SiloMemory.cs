namespace Onboarding.Bench.SiloHost;

/// <summary>The silo's managed heap after a full, compacting collection, next to its activation counts.</summary>
public static class SiloMemory
{
    public sealed record Snapshot(long HeapBytes, long CustomerActivations, long Activations, long WorkingSetBytes);

    private const string CustomerGrainType = "CustomerGrain";

    public static async Task<Snapshot> MeasureAsync(IGrainFactory grains)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var customers = statistics.Where(s => s.GrainType.Contains(CustomerGrainType, StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount);
        var all = statistics.Sum(s => (long)s.ActivationCount);
        // Twice: finalizers queued by the first collection free more in the second.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new Snapshot(GC.GetTotalMemory(forceFullCollection: false), customers, all, Environment.WorkingSet);
    }

    /// <summary>Deactivates every idle activation now (as the idle-collection age would, later), then measures.</summary>
    public static async Task<Snapshot> CollectActivationsAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        // Deactivations finish asynchronously: wait until the count stops falling.
        var last = long.MaxValue;
        for (var i = 0; i < 100; i++)
        {
            await Task.Delay(200);
            var now = (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains(CustomerGrainType, StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount);
            if (now == 0 || now == last) break;
            last = now;
        }
        return await MeasureAsync(grains);
    }
}
