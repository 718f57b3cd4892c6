using System.Globalization;

namespace Onboarding.Bench.Processes;

/// <summary>CPU time and memory of a process from /proc (Linux), as the kernel accounts them.</summary>
public readonly record struct ProcessUsage(double CpuSeconds, long RssBytes, long PeakRssBytes)
{
    // USER_HZ is 100 on every Linux the bench targets (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    public static ProcessUsage Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces) start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
        }
        return new ProcessUsage(ticks / TicksPerSecond, rss, peak);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
