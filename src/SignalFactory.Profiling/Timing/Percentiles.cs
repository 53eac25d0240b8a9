namespace SignalFactory.Profiling.Timing;

/// <summary>
/// Percentiles by the <b>nearest-rank</b> method: the p-th percentile of n sorted values is the value at rank
/// ⌈p/100 · n⌉ (1-based), and the smallest value for p = 0. It always returns a value that was observed — with the
/// 7 runs of a typical baseline, p95 and p99 are the slowest run rather than an extrapolation beyond it — and it
/// needs no interpolation rule that other tools might apply differently.
/// </summary>
public static class Percentiles
{
    /// <summary>The nearest-rank <paramref name="percentile"/> (0..100) of <paramref name="values"/>, in any order.</summary>
    /// <exception cref="ArgumentException">No values, or a percentile outside 0..100.</exception>
    public static long NearestRank(IReadOnlyList<long> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A percentile needs at least one value.", nameof(values));
        }

        if (double.IsNaN(percentile) || percentile is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), "A percentile lies between 0 and 100.");
        }

        var sorted = values.Order().ToArray();
        // Rounding before the ceiling keeps 0.95 * 20 = 19.000000000000004 at rank 19.
        var rank = (int)Math.Ceiling(Math.Round(percentile / 100 * sorted.Length, 9));
        return sorted[Math.Max(rank, 1) - 1];
    }
}
