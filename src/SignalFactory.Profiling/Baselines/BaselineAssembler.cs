using SignalFactory.Profiling.Synthetic;
using SignalFactory.Profiling.Volume;

namespace SignalFactory.Profiling.Baselines;

/// <summary>
/// Turns what a profiler measured into a <see cref="Baseline"/>, applying the LLD rules: with at least 3 partitions
/// (LLD §4.3 MIN_LOOKBACK_DAYS) the volume is computed from their row counts with 2σ bounds and confidence HIGH from
/// 7 partitions, MEDIUM below (LLD §4.4); with fewer, or an unpartitioned table, the volume is synthetic with
/// reason <c>NO_HISTORY</c> while every other section still comes from the data.
/// </summary>
public sealed class BaselineAssembler
{
    private readonly TimeProvider _time;
    private readonly SyntheticBaselineGenerator _synthetic;

    /// <summary>Creates an assembler; <c>profiled_at</c> comes from <paramref name="timeProvider"/>.</summary>
    public BaselineAssembler(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _synthetic = new SyntheticBaselineGenerator(timeProvider);
    }

    /// <summary>Builds the baseline of a profiled dataset.</summary>
    /// <param name="datasetUrn">The dataset.</param>
    /// <param name="tier">Its tier, used when the volume has to be synthetic.</param>
    /// <param name="bootstrapId">The bootstrap run.</param>
    /// <param name="profiled">What the profiler measured.</param>
    public Baseline Assemble(string datasetUrn, string tier, string bootstrapId, ProfiledSections profiled)
    {
        ArgumentNullException.ThrowIfNull(profiled);
        var partitions = profiled.PartitionRowCounts;
        if (partitions.Count < SyntheticBaselineGenerator.MinHistoryPartitions)
        {
            return _synthetic.Generate(datasetUrn, tier, bootstrapId, SyntheticReasons.NoHistory, profiled);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(datasetUrn);
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapId);
        var stats = VolumeStatistics.From([.. partitions.Select(p => p.RowCount)], VolumeStatistics.ComputedSigma);
        var baseline = new Baseline
        {
            DatasetUrn = datasetUrn,
            BootstrapId = bootstrapId,
            ProfilingMetadata = new ProfilingMetadata
            {
                ProfiledAt = _time.GetUtcNow(),
                PartitionsSampled = partitions.Count,
                DateRange = SyntheticBaselineGenerator.DateRange(partitions),
                TotalRowsSampled = profiled.TotalRowsSampled,
                ProfilingEngine = profiled.ProfilingEngine,
                IsSynthetic = false,
                Confidence = BaselineConfidence.ForProfiledPartitions(partitions.Count),
                ProfilingMode = profiled.ProfilingMode,
                SampleRate = profiled.SampleRate,
                VolumeSource = VolumeSources.Profiled,
                Warnings = profiled.Warnings,
                DurationMs = profiled.DurationMs,
            },
            Volume = stats.ToBaseline(),
            Schema = profiled.Schema,
            Timing = profiled.Timing,
            PiiScan = profiled.PiiScan,
            PartitionRowCounts = partitions,
        };
        return profiled.ApplyTo(baseline);
    }
}
