using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Volume;

namespace SignalFactory.Profiling.Synthetic;

/// <summary>
/// Baselines for datasets without enough history (LLD §4.6, HLD §5.5), and the zero-scan variant that takes
/// volume history from Delta file statistics.
/// </summary>
public sealed class SyntheticBaselineGenerator
{
    /// <summary>Real runs after which the refiner replaces a synthetic baseline (LLD §4.6, §5.3).</summary>
    public const int AutoRefineAfterRuns = 7;

    /// <summary>Partitions needed before a volume baseline is computed from data rather than tier defaults (LLD §4.3).</summary>
    public const int MinHistoryPartitions = 3;

    private readonly TimeProvider _time;

    /// <summary>Creates a generator; <c>profiled_at</c> comes from <paramref name="timeProvider"/>.</summary>
    public SyntheticBaselineGenerator(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <summary>
    /// The LLD §4.6 volume section of a tier: avg and stddev from the table; min = lower bound =
    /// max(0, avg − ⌊3·stddev⌋); max = upper bound = avg + ⌊3·stddev⌋. No median/MAD: there is no data.
    /// </summary>
    public static VolumeBaseline SyntheticVolume(string tier)
    {
        var d = TierVolumeDefaults.For(tier);
        var width = (long)(d.AnomalyMultiplier * d.StddevRowCount);
        var lower = Math.Max(0, d.AvgRowCount - width);
        var upper = d.AvgRowCount + width;
        return new VolumeBaseline
        {
            AvgRowCount = d.AvgRowCount,
            StddevRowCount = d.StddevRowCount,
            MinRowCount = lower,
            MaxRowCount = upper,
            AnomalyLowerBound = lower,
            AnomalyUpperBound = upper,
            SigmaMultiplier = d.AnomalyMultiplier,
        };
    }

    /// <summary>
    /// A synthetic baseline (LLD §4.6): tier volume, <c>is_synthetic</c> true, <c>confidence</c> LOW,
    /// <c>synthetic_reason</c>, <c>auto_refine_after_runs</c> 7, <c>volume_source</c> synthetic. Without
    /// <paramref name="observed"/> it is exactly the LLD one: engine <c>synthetic</c>, no partitions, fingerprint
    /// <c>sha256:SYNTHETIC_PENDING</c>, empty schema, null rates and PII scan. With it (e.g. 1–2 partitions or an
    /// unpartitioned table, reason <c>NO_HISTORY</c>), schema, null rates, column profiles, PII scan, timing,
    /// partition counts and rows read come from the data that exists; only the volume stays synthetic.
    /// </summary>
    /// <param name="datasetUrn">The dataset.</param>
    /// <param name="tier"><c>TIER_1</c>, <c>TIER_2</c> or <c>TIER_3</c>.</param>
    /// <param name="bootstrapId">The bootstrap run.</param>
    /// <param name="reason">One of <see cref="SyntheticReasons.All"/>.</param>
    /// <param name="observed">Sections profiled from the data that exists, if any.</param>
    public Baseline Generate(string datasetUrn, string tier, string bootstrapId, string reason, ProfiledSections? observed = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetUrn);
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapId);
        if (!SyntheticReasons.All.Contains(reason, StringComparer.Ordinal))
        {
            throw new ArgumentOutOfRangeException(
                nameof(reason), $"Unknown synthetic reason '{reason}'; expected {string.Join(", ", SyntheticReasons.All)}.");
        }

        var volume = SyntheticVolume(tier);
        var partitions = observed?.PartitionRowCounts ?? [];
        var baseline = new Baseline
        {
            DatasetUrn = datasetUrn,
            BootstrapId = bootstrapId,
            ProfilingMetadata = new ProfilingMetadata
            {
                ProfiledAt = _time.GetUtcNow(),
                PartitionsSampled = partitions.Count,
                DateRange = DateRange(partitions),
                TotalRowsSampled = observed?.TotalRowsSampled ?? 0,
                ProfilingEngine = observed?.ProfilingEngine ?? ProfilingEngines.Synthetic,
                IsSynthetic = true,
                Confidence = BaselineConfidence.Low,
                SyntheticReason = reason,
                AutoRefineAfterRuns = AutoRefineAfterRuns,
                ProfilingMode = observed?.ProfilingMode ?? ProfilingModes.Full,
                SampleRate = observed?.SampleRate ?? 1.0,
                VolumeSource = VolumeSources.Synthetic,
                Warnings = observed?.Warnings ?? [],
                DurationMs = observed?.DurationMs,
            },
            Volume = volume,
            Schema = new SchemaBaseline { ColumnCount = 0, CanonicalFingerprint = SchemaBaseline.SyntheticPendingFingerprint },
            Timing = new TimingBaseline(),
            PiiScan = new PiiScanBaseline(),
            PartitionRowCounts = partitions,
        };
        return observed is null ? baseline : observed.ApplyTo(baseline);
    }

    /// <summary>
    /// A volume baseline computed from per-partition row counts summed from Delta <c>add.stats.numRecords</c>
    /// (zero scan), so a table with history in its log need not wait 7 runs. It is real data, so
    /// <c>is_synthetic</c> is false and the bounds are the computed ones (mean ± <paramref name="sigma"/>σ, default
    /// 2σ as LLD §5.3 uses for computed baselines). <c>confidence</c> is MEDIUM, never HIGH: the counts come from
    /// writer-supplied file statistics that no scan checked, and the partitions may be older than the current
    /// volume; LLD §4.4 keeps HIGH for a scan of 7 partitions. <c>volume_source</c> is <c>delta_log_stats</c>,
    /// <c>partitions_sampled</c>/<c>date_range</c>/<c>total_rows_sampled</c> describe the partitions in the
    /// history, and a <c>VOLUME_FROM_DELTA_LOG_STATS</c> warning says no rows were scanned for the volume. Without
    /// <paramref name="observed"/> the engine is <c>delta_log</c> and the schema is pending.
    /// </summary>
    /// <param name="datasetUrn">The dataset.</param>
    /// <param name="bootstrapId">The bootstrap run.</param>
    /// <param name="history">Row counts per partition from the log; at least 3, every file of each partition having stats.</param>
    /// <param name="observed">Sections profiled from the data, if any.</param>
    /// <param name="sigma">k of the bounds.</param>
    /// <exception cref="ArgumentException">Fewer than 3 partitions or a repeated partition.</exception>
    public Baseline FromDeltaLogHistory(
        string datasetUrn,
        string bootstrapId,
        IReadOnlyList<PartitionRowCount> history,
        ProfiledSections? observed = null,
        double sigma = VolumeStatistics.ComputedSigma)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetUrn);
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapId);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count < MinHistoryPartitions)
        {
            throw new ArgumentException(
                $"A volume baseline from the Delta log needs at least {MinHistoryPartitions} partitions; got {history.Count}.",
                nameof(history));
        }

        if (history.Select(h => h.Partition).Distinct(StringComparer.Ordinal).Count() != history.Count)
        {
            throw new ArgumentException("A partition appears twice in the Delta log history.", nameof(history));
        }

        var stats = VolumeStatistics.From([.. history.Select(h => h.RowCount)], sigma);
        var range = DateRange(history);
        var note = new BaselineWarning
        {
            Code = BaselineWarningCodes.VolumeFromDeltaLogStats,
            Message = $"Volume baseline computed from Delta numRecords statistics of {history.Count} partitions "
                + $"({range[0]} to {range[1]}); no rows were scanned for it.",
        };

        var baseline = new Baseline
        {
            DatasetUrn = datasetUrn,
            BootstrapId = bootstrapId,
            ProfilingMetadata = new ProfilingMetadata
            {
                ProfiledAt = _time.GetUtcNow(),
                PartitionsSampled = history.Count,
                DateRange = range,
                TotalRowsSampled = stats.Total,
                ProfilingEngine = observed?.ProfilingEngine ?? ProfilingEngines.DeltaLog,
                IsSynthetic = false,
                Confidence = BaselineConfidence.Medium,
                ProfilingMode = observed?.ProfilingMode ?? ProfilingModes.Full,
                SampleRate = observed?.SampleRate ?? 1.0,
                VolumeSource = VolumeSources.DeltaLogStats,
                Warnings = [.. observed?.Warnings ?? [], note],
                DurationMs = observed?.DurationMs,
            },
            Volume = stats.ToBaseline(),
            Schema = new SchemaBaseline { ColumnCount = 0, CanonicalFingerprint = SchemaBaseline.SyntheticPendingFingerprint },
            Timing = new TimingBaseline(),
            PiiScan = new PiiScanBaseline(),
            PartitionRowCounts = history,
        };
        return observed is null ? baseline : observed.ApplyTo(baseline);
    }

    /// <summary><c>[first, last]</c> partition value in ordinal order, or empty.</summary>
    internal static IReadOnlyList<string> DateRange(IReadOnlyList<PartitionRowCount> partitions)
    {
        if (partitions.Count == 0)
        {
            return [];
        }

        var ordered = partitions.Select(p => p.Partition).Order(StringComparer.Ordinal).ToList();
        return [ordered[0], ordered[^1]];
    }
}
