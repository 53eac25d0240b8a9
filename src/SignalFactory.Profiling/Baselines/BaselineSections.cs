namespace SignalFactory.Profiling.Baselines;

/// <summary>
/// The <c>volume</c> section. The HLD fields are whole row counts; the robust fields (median, MAD and the bounds
/// derived from them) are recorded beside the mean ± kσ bounds, which stay the ones the policy uses.
/// See <see cref="Volume.VolumeStatistics"/> for the exact formulas and rounding.
/// </summary>
public sealed record VolumeBaseline
{
    /// <summary><c>avg_row_count</c>: mean rows per partition, rounded to a whole row.</summary>
    public required long AvgRowCount { get; init; }

    /// <summary><c>stddev_row_count</c>: sample standard deviation, rounded to a whole row.</summary>
    public required long StddevRowCount { get; init; }

    /// <summary><c>min_row_count</c>.</summary>
    public required long MinRowCount { get; init; }

    /// <summary><c>max_row_count</c>.</summary>
    public required long MaxRowCount { get; init; }

    /// <summary><c>anomaly_lower_bound</c>: mean − kσ, at least 0.</summary>
    public required long AnomalyLowerBound { get; init; }

    /// <summary><c>anomaly_upper_bound</c>: mean + kσ.</summary>
    public required long AnomalyUpperBound { get; init; }

    /// <summary><c>median_row_count</c>; absent on synthetic baselines.</summary>
    public double? MedianRowCount { get; init; }

    /// <summary><c>mad_row_count</c>: median absolute deviation from the median (unscaled); absent on synthetic baselines.</summary>
    public double? MadRowCount { get; init; }

    /// <summary><c>robust_lower_bound</c>: median − k·1.4826·MAD, at least 0.</summary>
    public long? RobustLowerBound { get; init; }

    /// <summary><c>robust_upper_bound</c>: median + k·1.4826·MAD.</summary>
    public long? RobustUpperBound { get; init; }

    /// <summary><c>sigma_multiplier</c>: k, 2 for computed and 3 for synthetic baselines (LLD §5.3).</summary>
    public required double SigmaMultiplier { get; init; }
}

/// <summary>One entry of <c>partition_row_counts</c>.</summary>
public sealed record PartitionRowCount
{
    /// <summary><c>partition</c>: the partition value, e.g. <c>2026-02-14</c>.</summary>
    public required string Partition { get; init; }

    /// <summary><c>row_count</c>.</summary>
    public required long RowCount { get; init; }
}

/// <summary>The <c>schema</c> section.</summary>
public sealed record SchemaBaseline
{
    /// <summary>Fingerprint of a synthetic baseline whose schema has not been seen yet (LLD §4.6).</summary>
    public const string SyntheticPendingFingerprint = "sha256:SYNTHETIC_PENDING";

    /// <summary><c>column_count</c>.</summary>
    public required int ColumnCount { get; init; }

    /// <summary><c>canonical_fingerprint</c>: see <see cref="Schema.SchemaFingerprint"/>.</summary>
    public required string CanonicalFingerprint { get; init; }

    /// <summary><c>columns</c>, in table order.</summary>
    public IReadOnlyList<SchemaColumn> Columns { get; init; } = [];
}

/// <summary>One entry of <c>schema.columns</c>.</summary>
public sealed record SchemaColumn
{
    /// <summary><c>name</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>type</c>: normalized by <see cref="Schema.TypeNormalizer"/>.</summary>
    public required string Type { get; init; }

    /// <summary><c>nullable</c>.</summary>
    public required bool Nullable { get; init; }

    /// <summary><c>null_rate</c>, 0..1, when the data was profiled.</summary>
    public double? NullRate { get; init; }
}

/// <summary>
/// The <c>timing</c> section (HLD §5.2 S5, S6). Fields are absent when their source holds no information,
/// e.g. Parquet tables have no job durations. See <see cref="Timing.TimingStatistics"/>.
/// </summary>
public sealed record TimingBaseline
{
    /// <summary><c>avg_duration_ms</c>.</summary>
    public long? AvgDurationMs { get; init; }

    /// <summary><c>p50_duration_ms</c> (nearest rank).</summary>
    public long? P50DurationMs { get; init; }

    /// <summary><c>p95_duration_ms</c> (nearest rank).</summary>
    public long? P95DurationMs { get; init; }

    /// <summary><c>p99_duration_ms</c> (nearest rank).</summary>
    public long? P99DurationMs { get; init; }

    /// <summary><c>typical_arrival_offset_min</c>: median arrival relative to the expected time; negative is early.</summary>
    public long? TypicalArrivalOffsetMin { get; init; }

    /// <summary><c>source</c>: see <see cref="TimingSources"/>.</summary>
    public string Source { get; init; } = TimingSources.None;
}

/// <summary>The <c>pii_scan</c> section. Holds column names, pattern names and counts; never a value.</summary>
public sealed record PiiScanBaseline
{
    /// <summary><c>columns_with_pii</c>, written sorted.</summary>
    public IReadOnlyList<string> ColumnsWithPii { get; init; } = [];

    /// <summary><c>pii_patterns_detected</c>: column → why it was flagged.</summary>
    public IReadOnlyDictionary<string, PiiFinding> PiiPatternsDetected { get; init; } = new Dictionary<string, PiiFinding>();

    /// <summary><c>columns_scanned</c>: string columns whose scan finished, written sorted.</summary>
    public IReadOnlyList<string> ColumnsScanned { get; init; } = [];

    /// <summary><c>timeouts</c>: columns marked <c>PII_SCAN_TIMEOUT</c>, written sorted.</summary>
    public IReadOnlyList<string> Timeouts { get; init; } = [];
}

/// <summary>One entry of <c>pii_scan.pii_patterns_detected</c>: the recorded reason for flagging a column.</summary>
public sealed record PiiFinding
{
    /// <summary><c>pattern</c>: <c>EMAIL</c>, <c>PHONE</c>, <c>SSN</c>, <c>CREDIT_CARD</c> or <c>IP_ADDRESS</c>.</summary>
    public required string Pattern { get; init; }

    /// <summary><c>confidence</c>: matched ÷ sampled.</summary>
    public required double Confidence { get; init; }

    /// <summary><c>validator</c>: the check every counted value also passed, e.g. <c>luhn</c>.</summary>
    public required string Validator { get; init; }

    /// <summary><c>matched</c>: distinct values that passed pattern and validator.</summary>
    public required int Matched { get; init; }

    /// <summary><c>sampled</c>: distinct non-null values examined.</summary>
    public required int Sampled { get; init; }
}

/// <summary>One entry of <c>column_profiles</c>.</summary>
public sealed record ColumnProfile
{
    /// <summary><c>null_count</c>.</summary>
    public required long NullCount { get; init; }

    /// <summary><c>null_rate</c>, 0..1.</summary>
    public required double NullRate { get; init; }

    /// <summary><c>min</c>: numeric or temporal columns only, never for PII-flagged columns.</summary>
    public ColumnBound? Min { get; init; }

    /// <summary><c>max</c>: numeric or temporal columns only, never for PII-flagged columns.</summary>
    public ColumnBound? Max { get; init; }

    /// <summary><c>approx_distinct</c>: approximate count of distinct values.</summary>
    public long? ApproxDistinct { get; init; }

    /// <summary><c>histogram</c>: numeric columns only.</summary>
    public Histogram? Histogram { get; init; }

    /// <summary><c>string_length</c>: string columns only.</summary>
    public StringLengthStats? StringLength { get; init; }
}

/// <summary>
/// A numeric histogram: <c>edges</c> has one more entry than <c>counts</c>; bin i holds values in
/// [edges[i], edges[i+1]), the last bin also holds values equal to its upper edge.
/// </summary>
public sealed record Histogram
{
    /// <summary><c>edges</c>, ascending.</summary>
    public required IReadOnlyList<double> Edges { get; init; }

    /// <summary><c>counts</c>, one per bin.</summary>
    public required IReadOnlyList<long> Counts { get; init; }
}

/// <summary>The <c>string_length</c> statistics of a string column, in characters.</summary>
public sealed record StringLengthStats
{
    /// <summary><c>min</c>.</summary>
    public required long Min { get; init; }

    /// <summary><c>max</c>.</summary>
    public required long Max { get; init; }

    /// <summary><c>avg</c>.</summary>
    public required double Avg { get; init; }
}
