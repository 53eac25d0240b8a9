using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// The single data pass the dispatcher asks for. The production implementation is <see cref="EngineProfileScanner"/>
/// over the DuckDB scan engine; tests may substitute a fake to drive the dispatcher's decisions.
/// </summary>
internal interface IProfileScanner
{
    /// <summary>Reads the files once and returns per-column statistics and per-partition row counts.</summary>
    /// <exception cref="ScanOutOfMemoryException">The scan ran out of memory in sampled mode too.</exception>
    Task<ScanResult> ScanAsync(ScanRequest request, CancellationToken cancellationToken);
}

/// <summary>One data file to read.</summary>
/// <param name="Path">Absolute local path.</param>
/// <param name="PartitionValues">Partition column (logical name) → value (null for a null partition).</param>
/// <param name="PartitionLabel">The partition this file belongs to, as the dispatcher groups them ("" when unpartitioned).</param>
/// <param name="KnownRowCount">Rows from Delta stats or the Parquet footer, when known.</param>
internal sealed record ScanInput(
    string Path,
    IReadOnlyDictionary<string, string?> PartitionValues,
    string PartitionLabel,
    long? KnownRowCount);

/// <summary>What to scan and how.</summary>
/// <param name="Files">The files of the selected partitions.</param>
/// <param name="PartitionKeys">Partition columns added to each row from <see cref="ScanInput.PartitionValues"/>.</param>
/// <param name="ColumnMap">Physical column name in the files → logical name (Delta column mapping); empty otherwise.</param>
/// <param name="SampleRate">Null for a full scan; else the share of row groups/files to read, in (0, 1].</param>
/// <param name="HistogramBins">Bins per numeric histogram.</param>
/// <param name="DistinctSampleSize">Distinct non-null values kept per string column for the PII scan.</param>
/// <param name="MemoryLimit">DuckDB <c>memory_limit</c>, e.g. <c>1GB</c>.</param>
/// <param name="Threads">DuckDB threads, or null for DuckDB's default.</param>
internal sealed record ScanRequest(
    IReadOnlyList<ScanInput> Files,
    IReadOnlyList<string> PartitionKeys,
    IReadOnlyDictionary<string, string> ColumnMap,
    double? SampleRate,
    int HistogramBins,
    int DistinctSampleSize,
    string MemoryLimit,
    int? Threads);

/// <summary>Statistics of one column over the rows read. <see cref="DistinctSample"/> holds raw values: PII scan only.</summary>
internal sealed record ScannedColumn(
    string Name,
    string DuckDbType,
    bool Nullable,
    long NullCount,
    string? Min,
    string? Max,
    long? ApproxDistinct,
    Histogram? Histogram,
    StringLengthStats? StringLength,
    IReadOnlyList<string?>? DistinctSample);

/// <summary>A file the scan could not read; <see cref="Reason"/> is DuckDB's error without data values.</summary>
internal sealed record SkippedFile(string Path, string PartitionLabel, string Reason);

/// <summary>The result of one scan.</summary>
/// <param name="Columns">Columns in table order (partition columns included).</param>
/// <param name="PartitionRowCounts">Rows read per partition label.</param>
/// <param name="SkippedFiles">Files left out because they could not be read.</param>
/// <param name="RowsScanned">Rows read in total.</param>
/// <param name="SampleRate">Null when every row was read; else the share read (after an out-of-memory retry, too).</param>
/// <param name="Elapsed">Wall time of the scan.</param>
internal sealed record ScanResult(
    IReadOnlyList<ScannedColumn> Columns,
    IReadOnlyDictionary<string, long> PartitionRowCounts,
    IReadOnlyList<SkippedFile> SkippedFiles,
    long RowsScanned,
    double? SampleRate,
    TimeSpan Elapsed);

/// <summary>The scan ran out of memory even in sampled mode.</summary>
internal sealed class ScanOutOfMemoryException(string message, Exception? inner = null) : Exception(message, inner);
