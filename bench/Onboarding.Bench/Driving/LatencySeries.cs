namespace Onboarding.Bench.Driving;

/// <summary>Latencies in milliseconds with nearest-rank percentiles.</summary>
public sealed class LatencySeries(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double Percentile(double p)
    {
        if (_sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public Summary Summarize() => new(Count, Percentile(50), Percentile(95), Percentile(99), _sorted.Length == 0 ? double.NaN : _sorted[^1]);

    public sealed record Summary(int Count, double P50, double P95, double P99, double Max);
}
