using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Histograms;

/// <summary>
/// Equal-width histogram bins (HLD §5.2 S4). The profiler computes counts in SQL with the same rule as
/// <see cref="BinIndex"/>: <c>i = min(n − 1, ⌊(x − min) / (max − min) · n⌋)</c>, so the maximum falls in the last bin.
/// </summary>
public static class HistogramBins
{
    /// <summary>Bins per numeric column unless the caller chooses otherwise.</summary>
    public const int DefaultBinCount = 10;

    /// <summary>
    /// n + 1 ascending edges from <paramref name="min"/> to <paramref name="max"/> (the last edge is exactly max);
    /// a constant column (min = max) gets one bin <c>[min, max]</c>.
    /// </summary>
    public static IReadOnlyList<double> EqualWidthEdges(double min, double max, int binCount = DefaultBinCount)
    {
        Check(min, max, binCount);
        if (min == max)
        {
            return [min, max];
        }

        var edges = new double[binCount + 1];
        for (var i = 0; i < binCount; i++)
        {
            edges[i] = min + ((max - min) * i / binCount);
        }

        edges[binCount] = max;
        return edges;
    }

    /// <summary>The bin of <paramref name="value"/>, or −1 when it lies outside [min, max].</summary>
    public static int BinIndex(double min, double max, int binCount, double value)
    {
        Check(min, max, binCount);
        if (double.IsNaN(value) || value < min || value > max)
        {
            return -1;
        }

        if (min == max)
        {
            return 0;
        }

        return (int)Math.Min(binCount - 1, Math.Floor((value - min) / (max - min) * binCount));
    }

    /// <summary>Counts <paramref name="values"/> into equal-width bins between their own min and max (NaN ignored).</summary>
    public static Histogram? FromValues(IEnumerable<double> values, int binCount = DefaultBinCount)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return null;
        }

        var (min, max) = (finite.Min(), finite.Max());
        var edges = EqualWidthEdges(min, max, binCount);
        var counts = new long[edges.Count - 1];
        foreach (var v in finite)
        {
            counts[BinIndex(min, max, counts.Length, v)]++;
        }

        return new Histogram { Edges = edges, Counts = counts };
    }

    private static void Check(double min, double max, int binCount)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
        {
            throw new ArgumentOutOfRangeException(nameof(min), "Histogram bounds must be finite with min ≤ max.");
        }

        if (binCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(binCount), "A histogram has at least one bin.");
        }
    }
}
