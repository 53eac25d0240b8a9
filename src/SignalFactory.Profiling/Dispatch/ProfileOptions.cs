namespace SignalFactory.Profiling.Dispatch;

/// <summary>How <see cref="DatasetProfiler"/> profiles one dataset.</summary>
public sealed record ProfileOptions
{
    /// <summary>Partitions sampled when the manifest has no <c>override_profiling_days</c> (LLD §4.3).</summary>
    public const int DefaultLookbackPartitions = 7;

    /// <summary>
    /// Default of <see cref="FullScanMaxRows"/>: the LLD's DuckDB budget of 1M rows per partition × 7 partitions.
    /// </summary>
    public const long DefaultFullScanMaxRows = 7_000_000;

    /// <summary>Default DuckDB memory limit (LLD §4.4 <c>MEMORY_LIMIT</c>).</summary>
    public const string DefaultMemoryLimit = Core.Text.MemorySizes.DefaultLimit;

    /// <summary>The bootstrap run the baseline belongs to (<c>bootstrap_id</c>).</summary>
    public required string BootstrapId { get; init; }

    /// <summary>
    /// Forces a sampled scan that reads this share (0 &lt; rate ≤ 1) of the row groups/files; null lets the
    /// dispatcher decide from real row counts.
    /// </summary>
    public double? SampleRate { get; init; }

    /// <summary>
    /// The selected partitions are scanned in full when their rows (from Delta stats and Parquet footers) are at
    /// most this; above it a sampled scan reads about this many rows.
    /// </summary>
    public long FullScanMaxRows { get; init; } = DefaultFullScanMaxRows;

    /// <summary>Overrides both the default lookback and the manifest's <c>override_profiling_days</c>.</summary>
    public int? LookbackPartitions { get; init; }

    /// <summary>DuckDB <c>memory_limit</c> for the scan, e.g. <c>1GB</c> or <c>512MB</c>.</summary>
    public string MemoryLimit { get; init; } = DefaultMemoryLimit;

    /// <summary>DuckDB threads; null for DuckDB's default (the machine's cores).</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// True (the default, <c>sf profile</c>): running out of memory is handled here: a full scan is retried sampled,
    /// and out of memory again gives a synthetic <c>PROFILING_OOM_FALLBACK</c> baseline. False: the first
    /// out-of-memory is thrown as <see cref="Engine.ProfilingOutOfMemoryException"/>, so a caller that runs each mode
    /// as a step of its own (the bootstrap orchestrator: full → sampled 10 % → synthetic) does not retry twice.
    /// </summary>
    public bool HandleOutOfMemory { get; init; } = true;

    /// <summary>Bins per numeric histogram.</summary>
    public int HistogramBins { get; init; } = Histograms.HistogramBins.DefaultBinCount;

    /// <summary>Distinct values per string column handed to the PII detector (LLD §4.4: 1,000).</summary>
    public int PiiSampleSize { get; init; } = 1000;
}

/// <summary>The steps of a profile, in order.</summary>
public enum ProfileStage
{
    /// <summary>Reading the Delta log or listing the Hive folders.</summary>
    Discovering,

    /// <summary>Counting rows from Delta stats and Parquet footers; choosing partitions and the scan mode.</summary>
    Planning,

    /// <summary>The DuckDB pass over the selected files.</summary>
    Scanning,

    /// <summary>Running the PII detector over string columns.</summary>
    ScanningPii,

    /// <summary>Computing volume and timing and assembling <c>baseline.json</c>.</summary>
    Assembling,

    /// <summary>Finished.</summary>
    Done,
}

/// <summary>A progress report. <see cref="Message"/> names files, partitions or columns, never data values.</summary>
/// <param name="Stage">The current step.</param>
/// <param name="Message">What is happening, for a status line.</param>
public sealed record ProfileProgress(ProfileStage Stage, string Message);
