using System.Runtime.InteropServices;

namespace Onboarding.Bench.Reporting;

/// <summary>What the figures were measured on.</summary>
public sealed record MachineDescription(string Cpu, int Cores, long MemoryBytes, string Os, string Runtime)
{
    public static MachineDescription Current()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        return new MachineDescription(cpu, Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
    }
}
