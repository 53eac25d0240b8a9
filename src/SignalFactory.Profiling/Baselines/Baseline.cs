namespace SignalFactory.Profiling.Baselines;

/// <summary>
/// The <c>baseline.json</c> artifact: every field of HLD §5.4, plus the LLD §4.4 <c>null_rates</c> and
/// <c>partition_row_counts</c> and a <c>column_profiles</c> section. JSON names are the snake_case forms of the
/// property names; <see cref="BaselineJson"/> writes them in declaration order, dictionaries sorted by key.
/// Nothing here holds a sampled data value: the only values are numeric or temporal min/max of columns that
/// the PII scan did not flag (<see cref="ColumnBound"/> cannot hold free text).
/// </summary>
public sealed record Baseline
{
    /// <summary><c>dataset_urn</c>, e.g. <c>ds://curated/orders_enriched</c>.</summary>
    public required string DatasetUrn { get; init; }

    /// <summary><c>bootstrap_id</c> of the bootstrap run that produced this baseline.</summary>
    public required string BootstrapId { get; init; }

    /// <summary><c>profiling_metadata</c>: how, when and from what the baseline was computed.</summary>
    public required ProfilingMetadata ProfilingMetadata { get; init; }

    /// <summary><c>volume</c>: row count per partition statistics and anomaly bounds (HLD §5.2 S1).</summary>
    public required VolumeBaseline Volume { get; init; }

    /// <summary><c>schema</c>: columns and canonical fingerprint (S3).</summary>
    public required SchemaBaseline Schema { get; init; }

    /// <summary><c>timing</c>: job durations and partition arrival (S5, S6).</summary>
    public required TimingBaseline Timing { get; init; }

    /// <summary><c>pii_scan</c>: columns whose sampled values look like PII.</summary>
    public required PiiScanBaseline PiiScan { get; init; }

    /// <summary><c>null_rates</c> (LLD): column name → share of null values, 0..1.</summary>
    public IReadOnlyDictionary<string, double> NullRates { get; init; } = new Dictionary<string, double>();

    /// <summary><c>partition_row_counts</c> (LLD): rows per sampled partition, written sorted by partition value.</summary>
    public IReadOnlyList<PartitionRowCount> PartitionRowCounts { get; init; } = [];

    /// <summary><c>column_profiles</c>: per-column statistics (S2, S4).</summary>
    public IReadOnlyDictionary<string, ColumnProfile> ColumnProfiles { get; init; } = new Dictionary<string, ColumnProfile>();
}

/// <summary>The <c>profiling_metadata</c> section.</summary>
public sealed record ProfilingMetadata
{
    /// <summary><c>profiled_at</c>: UTC, written to the second (<c>2026-02-15T10:35:00Z</c>).</summary>
    public required DateTimeOffset ProfiledAt { get; init; }

    /// <summary><c>partitions_sampled</c>.</summary>
    public required int PartitionsSampled { get; init; }

    /// <summary><c>date_range</c>: <c>[first, last]</c> partition values, or empty.</summary>
    public IReadOnlyList<string> DateRange { get; init; } = [];

    /// <summary><c>total_rows_sampled</c>.</summary>
    public required long TotalRowsSampled { get; init; }

    /// <summary><c>profiling_engine</c>: see <see cref="ProfilingEngines"/>.</summary>
    public required string ProfilingEngine { get; init; }

    /// <summary><c>is_synthetic</c>: true when the volume baseline comes from tier defaults.</summary>
    public required bool IsSynthetic { get; init; }

    /// <summary><c>confidence</c>: see <see cref="BaselineConfidence"/>.</summary>
    public required string Confidence { get; init; }

    /// <summary><c>synthetic_reason</c>: see <see cref="SyntheticReasons"/>; only on synthetic baselines.</summary>
    public string? SyntheticReason { get; init; }

    /// <summary><c>auto_refine_after_runs</c>: real runs after which the refiner replaces a synthetic baseline.</summary>
    public int? AutoRefineAfterRuns { get; init; }

    /// <summary><c>profiling_mode</c>: see <see cref="ProfilingModes"/>.</summary>
    public string ProfilingMode { get; init; } = ProfilingModes.Full;

    /// <summary><c>sample_rate</c>: share of rows read, 0..1.</summary>
    public double SampleRate { get; init; } = 1.0;

    /// <summary><c>volume_source</c>: see <see cref="VolumeSources"/>.</summary>
    public required string VolumeSource { get; init; }

    /// <summary><c>warnings</c>: problems that did not stop profiling, e.g. skipped corrupt files.</summary>
    public IReadOnlyList<BaselineWarning> Warnings { get; init; } = [];

    /// <summary><c>duration_ms</c>: wall time the profiling took, when measured.</summary>
    public long? DurationMs { get; init; }
}

/// <summary>
/// One entry of <c>profiling_metadata.warnings</c>. <see cref="Message"/> must describe the problem without any
/// data value (names of files, partitions and columns are fine; cell contents are not).
/// </summary>
public sealed record BaselineWarning
{
    /// <summary><c>code</c>: see <see cref="BaselineWarningCodes"/>.</summary>
    public required string Code { get; init; }

    /// <summary><c>message</c>: a value-free explanation.</summary>
    public required string Message { get; init; }

    /// <summary><c>partition</c> concerned, if any.</summary>
    public string? Partition { get; init; }

    /// <summary><c>file</c> concerned, if any.</summary>
    public string? File { get; init; }

    /// <summary><c>column</c> concerned, if any.</summary>
    public string? Column { get; init; }
}
