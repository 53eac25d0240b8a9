using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Volume;

/// <summary>
/// Statistics of rows per partition (HLD §5.2 S1), exact (unrounded) values.
/// <list type="bullet">
/// <item><see cref="StdDev"/> is the <b>sample</b> standard deviation (divisor n − 1), as LLD §4.4 and §5.3 use
/// Python's <c>statistics.stdev</c>: the partitions are a sample of the days to come, and with 3–7 partitions the
/// population formula would understate the spread and make the bounds too tight. It is 0 for a single partition.</item>
/// <item><see cref="LowerBound"/> = max(0, mean − kσ), <see cref="UpperBound"/> = mean + kσ.</item>
/// <item><see cref="Median"/>: the middle value, or the mean of the two middle values for an even count.</item>
/// <item><see cref="Mad"/>: median of |xᵢ − median| (unscaled). <see cref="RobustLowerBound"/> = max(0, median − k·1.4826·MAD),
/// <see cref="RobustUpperBound"/> = median + k·1.4826·MAD; 1.4826 makes the MAD estimate σ for normal data, and one
/// outlier partition (a backfill, an outage) moves these bounds far less than the mean ± kσ ones.</item>
/// </list>
/// </summary>
public sealed record VolumeStatistics
{
    /// <summary>The factor that scales a MAD to a standard deviation for normally distributed data.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>k for baselines computed from real data (LLD §4.4, §5.3 NARROW_MULTIPLIER).</summary>
    public const double ComputedSigma = 2.0;

    /// <summary>k for synthetic baselines (LLD §4.6, §5.3 WIDE_MULTIPLIER).</summary>
    public const double SyntheticSigma = 3.0;

    public required int Count { get; init; }
    public required long Total { get; init; }
    public required double Mean { get; init; }
    public required double StdDev { get; init; }
    public required long Min { get; init; }
    public required long Max { get; init; }
    public required double Median { get; init; }
    public required double Mad { get; init; }
    public required double Sigma { get; init; }
    public required double LowerBound { get; init; }
    public required double UpperBound { get; init; }
    public required double RobustLowerBound { get; init; }
    public required double RobustUpperBound { get; init; }

    /// <summary>Computes the statistics of <paramref name="rowCounts"/> with bounds at ± <paramref name="sigma"/>.</summary>
    /// <exception cref="ArgumentException">No counts, a negative count, or a negative/non-finite sigma.</exception>
    public static VolumeStatistics From(IReadOnlyList<long> rowCounts, double sigma)
    {
        ArgumentNullException.ThrowIfNull(rowCounts);
        if (rowCounts.Count == 0)
        {
            throw new ArgumentException("Volume statistics need at least one partition row count.", nameof(rowCounts));
        }

        if (rowCounts.Any(c => c < 0))
        {
            throw new ArgumentException("A partition row count is negative.", nameof(rowCounts));
        }

        if (!double.IsFinite(sigma) || sigma < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), "The sigma multiplier must be a finite number ≥ 0.");
        }

        var n = rowCounts.Count;
        var total = rowCounts.Sum();
        var mean = rowCounts.Average(c => (double)c);
        var stdDev = n < 2 ? 0 : Math.Sqrt(rowCounts.Sum(c => (c - mean) * (c - mean)) / (n - 1));
        var median = Medians.Of(rowCounts.Select(c => (double)c));
        var mad = Medians.Of(rowCounts.Select(c => Math.Abs(c - median)));
        var robustHalfWidth = sigma * MadToSigma * mad;

        return new VolumeStatistics
        {
            Count = n,
            Total = total,
            Mean = mean,
            StdDev = stdDev,
            Min = rowCounts.Min(),
            Max = rowCounts.Max(),
            Median = median,
            Mad = mad,
            Sigma = sigma,
            LowerBound = Math.Max(0, mean - (sigma * stdDev)),
            UpperBound = mean + (sigma * stdDev),
            RobustLowerBound = Math.Max(0, median - robustHalfWidth),
            RobustUpperBound = median + robustHalfWidth,
        };
    }

    /// <summary>
    /// The <c>volume</c> section. Mean and σ are rounded to the nearest row (half away from zero); bounds are
    /// widened to whole rows (lower bound down, upper bound up) so that a count on the exact bound never alerts.
    /// </summary>
    public VolumeBaseline ToBaseline() => new()
    {
        AvgRowCount = RoundRows(Mean),
        StddevRowCount = RoundRows(StdDev),
        MinRowCount = Min,
        MaxRowCount = Max,
        AnomalyLowerBound = FloorRows(LowerBound),
        AnomalyUpperBound = CeilingRows(UpperBound),
        MedianRowCount = Median,
        MadRowCount = Mad,
        RobustLowerBound = FloorRows(RobustLowerBound),
        RobustUpperBound = CeilingRows(RobustUpperBound),
        SigmaMultiplier = Sigma,
    };

    private static long RoundRows(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);

    // Rounding to 6 decimals first keeps floating-point noise (116750.00000000001) from moving a bound by a row.
    private static long FloorRows(double value) => (long)Math.Floor(Math.Round(value, 6));

    private static long CeilingRows(double value) => (long)Math.Ceiling(Math.Round(value, 6));
}
