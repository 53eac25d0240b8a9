using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Timing;
using SignalFactory.Profiling.Volume;

namespace SignalFactory.Profiling.Refinement;

/// <summary>The statistics of a refinement, from the runs of its window.</summary>
internal static class RefinementMath
{
    /// <summary>
    /// Volume from run row counts: <see cref="VolumeStatistics"/> (sample σ, n − 1) at ± <paramref name="sigma"/>σ,
    /// then the bounds widened, where narrower, to mean × (1 ∓ <paramref name="minRelativeHalfWidth"/>) (lower
    /// bound at least 0), then rounded as <see cref="VolumeStatistics.ToBaseline"/> does (lower down, upper up).
    /// </summary>
    public static (VolumeStatistics Stats, VolumeBaseline Volume, bool Widened) Volume(
        IReadOnlyList<long> rowCounts, double sigma, double minRelativeHalfWidth)
    {
        var stats = VolumeStatistics.From(rowCounts, sigma);
        var lower = Math.Min(stats.LowerBound, Math.Max(0, stats.Mean * (1 - minRelativeHalfWidth)));
        var upper = Math.Max(stats.UpperBound, stats.Mean * (1 + minRelativeHalfWidth));
        var widened = lower < stats.LowerBound || upper > stats.UpperBound;
        return (stats, (stats with { LowerBound = lower, UpperBound = upper }).ToBaseline(), widened);
    }

    /// <summary>Null rate of one column over the runs that reported it: mean, sample σ, min, max, mean ± kσ within 0..1.</summary>
    public static NullRateBaseline NullRate(IReadOnlyList<double> rates, double sigma)
    {
        var n = rates.Count;
        var mean = rates.Average();
        var stdDev = n < 2 ? 0 : Math.Sqrt(rates.Sum(r => (r - mean) * (r - mean)) / (n - 1));
        return new NullRateBaseline
        {
            NullRate = mean,
            StddevNullRate = stdDev,
            MinNullRate = rates.Min(),
            MaxNullRate = rates.Max(),
            LowerBound = Math.Max(0, mean - (sigma * stdDev)),
            UpperBound = Math.Min(1, mean + (sigma * stdDev)),
            Runs = n,
            SigmaMultiplier = sigma,
        };
    }

    /// <summary>
    /// Durations from the runs (<see cref="TimingStatistics"/>: rounded mean, nearest-rank percentiles). Runs carry
    /// no arrival time, so the previous arrival offset is kept.
    /// </summary>
    public static TimingBaseline Timing(IReadOnlyList<long> durationsMs, TimingBaseline? previous) =>
        TimingStatistics.From(durationsMs, [], RefinementSources.RecordedRuns) with
        {
            TypicalArrivalOffsetMin = previous?.TypicalArrivalOffsetMin,
        };

    /// <summary>How <paramref name="rowCount"/> compares with the bounds of <paramref name="volume"/>.</summary>
    public static VolumeVerdict Judge(long rowCount, VolumeBaseline volume) =>
        rowCount < volume.AnomalyLowerBound ? VolumeVerdict.Below
        : rowCount > volume.AnomalyUpperBound ? VolumeVerdict.Above
        : VolumeVerdict.InBounds;
}
