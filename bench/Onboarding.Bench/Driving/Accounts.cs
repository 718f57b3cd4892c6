using System.Globalization;

namespace Onboarding.Bench.Driving;

/// <summary>12-digit account ids, distinct per phase of a run (the phase is the first two digits).</summary>
public static class Accounts
{
    public const int Warmup = 90, Service = 10, Floor = 20, Scale = 30;

    public static string Id(int phase, long index) => phase.ToString("D2", CultureInfo.InvariantCulture) + index.ToString("D10", CultureInfo.InvariantCulture);

    public static IEnumerable<string> Range(int phase, long first, long count)
    {
        for (var i = first; i < first + count; i++) yield return Id(phase, i);
    }
}
