namespace SignalFactory.Profiling.Engine;

/// <summary>
/// What one profiling scan measured. Row counts per partition always come from the Parquet footers of every
/// profiled file (exact, in both modes); column statistics come from the rows read (see <see cref="RowsScanned"/>).
/// Holds data values (<see cref="ColumnScanProfile.Min"/>, <see cref="ColumnScanProfile.Max"/>,
/// <see cref="ColumnScanProfile.DistinctSample"/>): the caller decides what may be stored, and never logs them.
/// </summary>
public sealed record ProfileScanResult
{
    /// <summary>Data columns in file order (logical names), then the partition columns in key order.</summary>
    public required IReadOnlyList<ColumnScanProfile> Columns { get; init; }

    /// <summary>Rows per partition label, in the order partitions first appear in the request; empty when unpartitioned.</summary>
    public required IReadOnlyList<ScanPartitionRowCount> Partitions { get; init; }

    /// <summary>Files left out (missing, corrupt footer, unreadable data), with a reason that holds no data value.</summary>
    public required IReadOnlyList<SkippedScanFile> SkippedFiles { get; init; }

    /// <summary>
    /// Files whose footers were read but whose data DuckDB cannot decode (a codec or encoding it lacks): their rows
    /// are in <see cref="TotalRows"/> and <see cref="Partitions"/>; their footer null counts and min/max are merged
    /// into the columns where present (full mode); nothing else of theirs is profiled.
    /// </summary>
    public IReadOnlyList<UndecodedScanFile> UndecodedFiles { get; init; } = [];

    /// <summary>Other things worth a line in the baseline's metadata (no data values).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Rows in all profiled (not skipped) files, from their footers, undecoded files included.</summary>
    public required long TotalRows { get; init; }

    /// <summary>Rows the main statistics (counts, nulls, min/max, string lengths) were computed over.</summary>
    public required long RowsScanned { get; init; }

    /// <summary>Rows the sketches (approximate distinct, histograms, distinct sample) were computed over.</summary>
    public required long SketchRows { get; init; }

    /// <summary>The mode actually used (sampled after an out-of-memory fallback).</summary>
    public required ScanMode Mode { get; init; }

    /// <summary>Why the mode differs from the requested one (<see cref="FallbackOutOfMemory"/>), else null.</summary>
    public string? FallbackReason { get; init; }

    /// <summary>Row groups (or row ranges) read by the main pass in sampled mode; 0 in full mode.</summary>
    public int SampledRanges { get; init; }

    /// <summary>
    /// Columns whose null count and min/max came from exact Parquet footer statistics instead of the scan (full mode,
    /// see <see cref="ProfileScanRequest.UseFooterStatistics"/>); the values equal a scan's.
    /// </summary>
    public IReadOnlyList<string> ColumnsFromFooterStatistics { get; init; } = [];

    /// <summary>Wall time of the whole profile, retries included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Wall time of each step of the final attempt (footers, schema, main pass, sketches, …), in order.</summary>
    public IReadOnlyList<ProfileStepTiming> Steps { get; init; } = [];

    /// <summary>The <see cref="FallbackReason"/> of a full scan retried sampled after DuckDB ran out of memory.</summary>
    public const string FallbackOutOfMemory = "OUT_OF_MEMORY_IN_FULL_MODE";
}

/// <summary>The broad kind of a column, which decides what is computed for it.</summary>
public enum ScanColumnKind
{
    /// <summary>Integers, floats, decimals: min/max and a histogram.</summary>
    Numeric,

    /// <summary>VARCHAR: min/max, length statistics and the distinct sample.</summary>
    String,

    Boolean,

    /// <summary>Dates, times, timestamps, intervals: min/max.</summary>
    Temporal,

    /// <summary>LIST, STRUCT, MAP, ARRAY, UNION: counts and approximate distinct only.</summary>
    Nested,

    /// <summary>BLOB, UUID and the rest: counts, min/max and approximate distinct.</summary>
    Other,
}

/// <summary>
/// Statistics of one column. <see cref="RowCount"/> and <see cref="NullCount"/> are over the rows scanned.
/// <see cref="ApproxDistinct"/> is counted on the sketch rows: exactly when they are at most 100,000
/// (<c>count(DISTINCT)</c>), else with HyperLogLog (about 2 % error); when <see cref="DistinctFromSample"/> the sketch
/// rows were a sample and the count is extrapolated to all profiled rows (see <c>DistinctEstimator</c>: a lower bound
/// for skewed or row-group-clustered values). For nested columns it counts distinct whole values. Min/max are DuckDB's text form of the values (UTC for time zones); null for nested columns and when
/// every value is null. Partition columns are computed from the partition values and footer row counts of all
/// profiled files, exactly.
/// </summary>
public sealed record ColumnScanProfile
{
    /// <summary>The logical (table) name.</summary>
    public required string Name { get; init; }

    /// <summary>The name in the Parquet files (differs from <see cref="Name"/> under Delta column mapping).</summary>
    public required string PhysicalName { get; init; }

    /// <summary>DuckDB's SQL type, e.g. <c>DECIMAL(12,2)</c>, <c>VARCHAR[]</c>.</summary>
    public required string DuckDbType { get; init; }

    public required ScanColumnKind Kind { get; init; }

    /// <summary>From the caller's schema when given, else true unless every file declares the column REQUIRED.</summary>
    public required bool Nullable { get; init; }

    public bool IsPartitionColumn { get; init; }

    public required long RowCount { get; init; }

    public required long NullCount { get; init; }

    /// <summary>
    /// False for a column known only from footers that carry no null count for it (every file undecodable): then
    /// <see cref="RowCount"/> and <see cref="NullCount"/> are 0 and mean nothing, and the column has no profile.
    /// </summary>
    public bool StatisticsKnown { get; init; } = true;

    /// <summary><see cref="NullCount"/> / <see cref="RowCount"/>; 0 when no row was scanned.</summary>
    public double NullRate => RowCount == 0 ? 0 : (double)NullCount / RowCount;

    public string? Min { get; init; }

    public string? Max { get; init; }

    public long? ApproxDistinct { get; init; }

    public bool DistinctFromSample { get; init; }

    /// <summary>Numeric columns with at least one finite value.</summary>
    public NumericHistogram? Histogram { get; init; }

    /// <summary>String columns with at least one non-null value; lengths in characters.</summary>
    public StringLengthProfile? StringLength { get; init; }

    /// <summary>
    /// Up to <see cref="ProfileScanRequest.DistinctSampleSize"/> distinct non-null values, string columns only, for the
    /// in-memory PII detector. Never store or log them.
    /// </summary>
    public IReadOnlyList<string>? DistinctSample { get; init; }

    /// <summary>Name, type and counts only: min, max and the distinct sample are data values and stay out of logs.</summary>
    public override string ToString() =>
        $"{Name} {DuckDbType} rows={RowCount} nulls={NullCount} distinct≈{ApproxDistinct}";
}

/// <summary>
/// Equal-width bins between the column's finite min and max (<see cref="Edges"/> has one more entry than
/// <see cref="Counts"/>; bin i holds [edges[i], edges[i+1]), the last bin also its upper edge), the same rule as
/// <c>HistogramBins</c>. The edges come from every scanned row; the counts from the sketch sample when
/// <see cref="FromSample"/> (they then add up to the sample's finite values, not the column's).
/// </summary>
public sealed record NumericHistogram(IReadOnlyList<double> Edges, IReadOnlyList<long> Counts, bool FromSample);

/// <summary>String lengths in characters over the non-null values.</summary>
public sealed record StringLengthProfile(long Min, long Max, double Avg);

/// <summary>Rows of one partition (all its profiled files, from their footers).</summary>
public sealed record ScanPartitionRowCount(
    string Label,
    IReadOnlyDictionary<string, string?> Values,
    long RowCount,
    int FileCount);

/// <summary>How long one step of the profile took.</summary>
public sealed record ProfileStepTiming(string Step, TimeSpan Elapsed);

/// <summary>A file left out of the profile, and why (the reason never holds a data value).</summary>
public sealed record SkippedScanFile(string Path, string Reason);
