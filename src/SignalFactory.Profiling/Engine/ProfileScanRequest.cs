using System.Collections.ObjectModel;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// What <see cref="DuckDbProfiler"/> profiles: exactly these Parquet files (nothing is globbed or discovered), with the
/// partition values each file belongs to, and how to read them.
/// </summary>
public sealed record ProfileScanRequest
{
    /// <summary>The data files, absolute paths. Their order is kept in the result and decides the sample.</summary>
    public required IReadOnlyList<ScanFile> Files { get; init; }

    /// <summary>
    /// The partition keys, outermost first, with the DuckDB type their values are profiled as. Partition values come
    /// from <see cref="ScanFile.PartitionValues"/> (the Delta log, or the folder names), never from parsing paths; a
    /// data column of the same name inside the files is ignored, as the Delta protocol says.
    /// </summary>
    public IReadOnlyList<PartitionColumn> PartitionColumns { get; init; } = [];

    /// <summary>
    /// Delta column mapping: Parquet (physical) column name → table (logical) name. Columns not in the map keep their
    /// Parquet name. Null when the table has no column mapping.
    /// </summary>
    public IReadOnlyDictionary<string, string>? PhysicalToLogicalNames { get; init; }

    /// <summary>
    /// Nullability from the table's own schema (e.g. the Delta schema), by logical name. It wins over the Parquet
    /// repetition (<c>OPTIONAL</c>/<c>REQUIRED</c>) for the columns it names.
    /// </summary>
    public IReadOnlyDictionary<string, bool>? ColumnNullability { get; init; }

    /// <summary>Read every row (<see cref="ScanMode.Full"/>) or a share of the row groups (<see cref="ScanMode.Sampled"/>).</summary>
    public ScanMode Mode { get; init; } = ScanMode.Full;

    /// <summary>Equal-width bins per numeric histogram.</summary>
    public int HistogramBinCount { get; init; } = 10;

    /// <summary>Most distinct non-null values handed back per string column for the PII scan.</summary>
    public int DistinctSampleSize { get; init; } = 1000;

    /// <summary>
    /// Rows (whole row groups, spread over all files) that the sketches read: approximate distinct counts, histogram
    /// counts and the distinct-value sample. These are the expensive aggregates; everything else reads every row in
    /// full mode. When the scanned rows are fewer, the sketches read them all and are not estimates.
    /// </summary>
    public long SketchSampleRows { get; init; } = DefaultSketchSampleRows;

    /// <summary>
    /// In full mode, take null counts and min/max of integer, decimal, date, timestamp and boolean columns from the
    /// Parquet footers when every row group has exact statistics, and skip reading those columns (see
    /// <c>FooterStatistics</c>). The results are the same as a scan's; false forces the scan.
    /// </summary>
    public bool UseFooterStatistics { get; init; } = true;

    /// <summary>DuckDB's <c>memory_limit</c> for the run, e.g. <c>"1GB"</c>.</summary>
    public string MemoryLimit { get; init; } = "1GB";

    /// <summary>DuckDB worker threads; the processor count when null.</summary>
    public int? Threads { get; init; }

    /// <summary>Share of rows read when a full scan runs out of memory and is retried sampled.</summary>
    public double OutOfMemorySampleRate { get; init; } = 0.1;

    /// <summary>Retry a full scan that ran out of memory in sampled mode (default); false throws at once.</summary>
    public bool RetrySampledOnOutOfMemory { get; init; } = true;

    /// <summary>The default of <see cref="SketchSampleRows"/>.</summary>
    public const long DefaultSketchSampleRows = 500_000;
}

/// <summary>
/// One Parquet file to profile. <see cref="PartitionValues"/> is keyed by partition key (null for a null value);
/// <see cref="PartitionLabel"/> names the partition in the result (e.g. <c>dt=2026-01-07</c>), derived from the values
/// as <c>key=value/…</c> when null. <see cref="KnownRowCount"/> is the row count the table metadata claims (Delta
/// <c>numRecords</c>); the footer's count is what is used, and a difference is reported as a warning.
/// </summary>
public sealed record ScanFile(string Path)
{
    private static readonly IReadOnlyDictionary<string, string?> s_noValues =
        new ReadOnlyDictionary<string, string?>(new Dictionary<string, string?>());

    public IReadOnlyDictionary<string, string?> PartitionValues { get; init; } = s_noValues;

    public string? PartitionLabel { get; init; }

    public long? KnownRowCount { get; init; }
}

/// <summary>
/// A partition key and the DuckDB type its values are cast to (<c>VARCHAR</c>, <c>BIGINT</c>, <c>DATE</c>,
/// <c>DECIMAL(10,2)</c>, …; only plain type names are accepted, as the name goes into SQL text).
/// </summary>
public sealed record PartitionColumn(string Name, string DuckDbType = "VARCHAR");

/// <summary>Whether a scan reads every row or a share of the row groups.</summary>
public enum ScanModeKind
{
    Full,
    Sampled,
}

/// <summary>Full scan, or a sample of whole row groups with a target share of the rows.</summary>
public sealed record ScanMode
{
    private ScanMode(ScanModeKind kind, double sampleRate)
    {
        Kind = kind;
        SampleRate = sampleRate;
    }

    /// <summary>Every row of every file.</summary>
    public static ScanMode Full { get; } = new(ScanModeKind.Full, 1.0);

    public ScanModeKind Kind { get; }

    /// <summary>The target share of rows, 1.0 for <see cref="Full"/>.</summary>
    public double SampleRate { get; }

    /// <summary>Whole row groups totalling about <paramref name="rate"/> of the rows, spread evenly over the files.</summary>
    public static ScanMode Sampled(double rate)
    {
        if (!(rate > 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A sample rate is more than 0 and at most 1.");
        }

        return new ScanMode(ScanModeKind.Sampled, rate);
    }

    public override string ToString() =>
        Kind == ScanModeKind.Full ? "full" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sampled({SampleRate:0.####})");
}
