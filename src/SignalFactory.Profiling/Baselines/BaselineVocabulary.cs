namespace SignalFactory.Profiling.Baselines;

/// <summary>Values of <c>profiling_metadata.confidence</c> (LLD §4.4, §4.6, §5.3).</summary>
public static class BaselineConfidence
{
    public const string High = "HIGH";
    public const string Medium = "MEDIUM";
    public const string Low = "LOW";

    /// <summary>Partitions needed for <see cref="High"/> (LLD §4.4: HIGH when at least 7 partitions were profiled).</summary>
    public const int HighConfidencePartitions = 7;

    /// <summary>The LLD §4.4 rule for a baseline computed from real data: HIGH from 7 partitions, MEDIUM below.</summary>
    public static string ForProfiledPartitions(int partitions) =>
        partitions >= HighConfidencePartitions ? High : Medium;
}

/// <summary>Values of <c>profiling_metadata.profiling_engine</c>.</summary>
public static class ProfilingEngines
{
    public const string DuckDb = "duckdb";
    public const string Spark = "spark";
    public const string Synthetic = "synthetic";

    /// <summary>Volume read from Delta <c>add.stats.numRecords</c> without scanning data.</summary>
    public const string DeltaLog = "delta_log";
}

/// <summary>Values of <c>profiling_metadata.profiling_mode</c>.</summary>
public static class ProfilingModes
{
    /// <summary>Every row of the sampled partitions was read.</summary>
    public const string Full = "full";

    /// <summary>A row sample was read; <c>sample_rate</c> says which share.</summary>
    public const string Sampled = "sampled";
}

/// <summary>Values of <c>profiling_metadata.volume_source</c>: where the <c>volume</c> section came from.</summary>
public static class VolumeSources
{
    /// <summary>Row counts per partition counted by the profiler.</summary>
    public const string Profiled = "profiled";

    /// <summary>Row counts per partition summed from Delta <c>numRecords</c> file statistics (no data scanned).</summary>
    public const string DeltaLogStats = "delta_log_stats";

    /// <summary>Organisational tier defaults (LLD §4.6).</summary>
    public const string Synthetic = "synthetic";
}

/// <summary>Values of <c>profiling_metadata.synthetic_reason</c>.</summary>
public static class SyntheticReasons
{
    /// <summary>Fewer than 3 partitions, no partitions, or an unpartitioned table (LLD §4.3, §4.7).</summary>
    public const string NoHistory = "NO_HISTORY";

    /// <summary>The profiler ran out of memory (LLD §2 state machine <c>FallbackToSyntheticBaseline</c>).</summary>
    public const string ProfilingOomFallback = "PROFILING_OOM_FALLBACK";

    /// <summary>The Delta commit log could not be read, so no partition could be discovered (LLD §4.7).</summary>
    public const string DeltaLogUnreadable = "DELTA_LOG_UNREADABLE";

    /// <summary>No stored baseline exists for the dataset; tier defaults stand in (LLD §5.4).</summary>
    public const string BaselineMissing = "BASELINE_MISSING";

    /// <summary>The dataset asked for no profiling (<c>skip_profiling: true</c> in its bootstrap request, LLD §2.3).</summary>
    public const string SkipProfilingRequested = "SKIP_PROFILING_REQUESTED";

    /// <summary>All reasons the generator accepts.</summary>
    public static IReadOnlyList<string> All { get; } = [NoHistory, ProfilingOomFallback, DeltaLogUnreadable, BaselineMissing, SkipProfilingRequested];
}

/// <summary>Values of <c>timing.source</c>.</summary>
public static class TimingSources
{
    /// <summary>Delta <c>commitInfo</c>: <c>operationMetrics.executionTimeMs</c> and commit timestamps.</summary>
    public const string DeltaCommitInfo = "delta_commit_info";

    /// <summary>Parquet file modification times (arrival only; no job durations).</summary>
    public const string FileModificationTime = "file_modification_time";

    /// <summary>No timing information was available.</summary>
    public const string None = "none";
}

/// <summary>Codes of <c>profiling_metadata.warnings</c>. Messages never hold data values.</summary>
public static class BaselineWarningCodes
{
    /// <summary>A Parquet file footer or page could not be read; the file was skipped (LLD §4.7).</summary>
    public const string CorruptFileSkipped = "CORRUPT_FILE_SKIPPED";

    /// <summary>A data file the table lists is not on disk (e.g. removed by hand or a partial copy); the file was skipped.</summary>
    public const string MissingFileSkipped = "MISSING_FILE_SKIPPED";

    /// <summary>The PII scan of one column ran out of its time budget (LLD §4.7).</summary>
    public const string PiiScanTimeout = "PII_SCAN_TIMEOUT";

    /// <summary>The volume baseline was computed from Delta file statistics rather than a scan.</summary>
    public const string VolumeFromDeltaLogStats = "VOLUME_FROM_DELTA_LOG_STATS";

    /// <summary>
    /// A partition lost a file to <see cref="CorruptFileSkipped"/> or <see cref="MissingFileSkipped"/>: its row count is incomplete, so it is left out
    /// of the volume history (its readable rows still count for the column statistics).
    /// </summary>
    public const string PartitionIncomplete = "PARTITION_INCOMPLETE";

    /// <summary>The manifest's <c>storage.partition_key</c> is not a partition column of the table.</summary>
    public const string PartitionKeyNotFound = "PARTITION_KEY_NOT_FOUND";

    /// <summary>A full scan ran out of memory and was retried as a sampled scan.</summary>
    public const string SampledAfterOutOfMemory = "SAMPLED_AFTER_OUT_OF_MEMORY";

    /// <summary>The sampled scan ran out of memory too; the baseline is synthetic (<c>PROFILING_OOM_FALLBACK</c>).</summary>
    public const string ProfilingOutOfMemory = "PROFILING_OUT_OF_MEMORY";

    /// <summary>
    /// DuckDB reads this file's footer but cannot decode its data (a codec or encoding it lacks, e.g. Hadoop LZ4): its
    /// rows count in the volume, its footer's null counts and min/max (where present) in the column statistics;
    /// it adds nothing to distinct counts, histograms, string lengths or the PII scan. Confidence is lowered.
    /// </summary>
    public const string DataNotDecodable = "DATA_NOT_DECODABLE";

    /// <summary>
    /// The Delta log lists data files that are not on disk, none of them at all: the baseline comes from the log
    /// alone (row counts from <c>numRecords</c>, schema from the table's metadata, null counts and min/max from the
    /// file statistics), with low confidence.
    /// </summary>
    public const string DataFilesMissing = "DATA_FILES_MISSING";

    /// <summary>The table has no data file to read; only a synthetic baseline is possible.</summary>
    public const string NoDataFiles = "NO_DATA_FILES";

    /// <summary>Something the scan engine noticed, e.g. a Delta <c>numRecords</c> that disagrees with the file's footer.</summary>
    public const string ScanNote = "SCAN_NOTE";

    /// <summary><c>slo.freshness.expected_update_by</c> was not understood; arrival is measured against midnight UTC.</summary>
    public const string ScheduleNotUnderstood = "SCHEDULE_NOT_UNDERSTOOD";
}
