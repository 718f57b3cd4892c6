namespace Onboarding.Bench.Processes;

/// <summary>CPU seconds of named processes over an interval (where the machine's time went).</summary>
public sealed class CpuMeter(IReadOnlyDictionary<string, int> pids)
{
    private readonly Dictionary<string, double> _start = pids.ToDictionary(p => p.Key, p => ProcessUsage.Read(p.Value).CpuSeconds);

    public Dictionary<string, double> Elapsed() => pids.ToDictionary(p => p.Key, p => ProcessUsage.Read(p.Value).CpuSeconds - _start[p.Key]);
}
