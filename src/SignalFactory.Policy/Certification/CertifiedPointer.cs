namespace SignalFactory.Policy.Certification;

/// <summary>
/// What a certified view points at (LLD §7.2 <c>certified_pointer</c>): a Delta version, or the newest Parquet
/// partition that has rows. Paths are local absolute paths of the table as it was read.
/// </summary>
public sealed record CertifiedPointer
{
    /// <summary>Pointer type of a Delta table: <c>delta_version</c>.</summary>
    public const string DeltaVersionType = "delta_version";

    /// <summary>Pointer type of a Parquet table: <c>parquet_partition</c>.</summary>
    public const string ParquetPartitionType = "parquet_partition";

    /// <summary><c>type</c>: <see cref="DeltaVersionType"/> or <see cref="ParquetPartitionType"/>.</summary>
    public required string Type { get; init; }

    /// <summary><c>format</c>: <c>delta</c> or <c>parquet</c>.</summary>
    public required string Format { get; init; }

    /// <summary><c>table_path</c>: the table root that was read.</summary>
    public required string TablePath { get; init; }

    /// <summary><c>version</c>: the Delta version (the newest in <c>_delta_log</c>); null for Parquet.</summary>
    public long? Version { get; init; }

    /// <summary><c>commit_timestamp</c>: the commit's in-commit or <c>commitInfo</c> timestamp, when the log has one.</summary>
    public DateTimeOffset? CommitTimestamp { get; init; }

    /// <summary><c>partition_key</c>: the key the Parquet partitions are ordered by; null when unpartitioned or Delta.</summary>
    public string? PartitionKey { get; init; }

    /// <summary><c>partition_value</c>: the newest partition value with rows; null when unpartitioned or Delta.</summary>
    public string? PartitionValue { get; init; }

    /// <summary><c>partition_path</c>: <c>{table}/{key}={value}/</c> when the key is the outermost folder level.</summary>
    public string? PartitionPath { get; init; }

    /// <summary><c>file_count</c>: active files of the Delta version, or data files of the Parquet partition.</summary>
    public int FileCount { get; init; }

    /// <summary><c>row_count</c>: rows at the pointer (Delta: sum of <c>numRecords</c>, null when a file lacks it).</summary>
    public long? RowCount { get; init; }
}
