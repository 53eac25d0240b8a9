using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// The result of <see cref="DatasetProfiler.ProfileAsync"/>: the baseline, its canonical <c>baseline.json</c>
/// bytes (<see cref="BaselineJson.Serialize"/>), the warnings it records, and what the dispatcher found and chose.
/// </summary>
/// <param name="Baseline">The baseline.</param>
/// <param name="Json">Its canonical bytes, ready for the baseline store.</param>
/// <param name="Warnings">Same as <c>profiling_metadata.warnings</c>.</param>
public sealed record ProfileOutcome(Baseline Baseline, byte[] Json, IReadOnlyList<BaselineWarning> Warnings)
{
    /// <summary>The table that was read (absolute local path).</summary>
    public string TableLocation { get; init; } = "";

    /// <summary><c>delta</c> or <c>parquet</c>.</summary>
    public string Format { get; init; } = "";

    /// <summary>Partitions the table has (1 for an unpartitioned table with data, 0 for an empty one).</summary>
    public int PartitionsDiscovered { get; init; }

    /// <summary>The partitions that were scanned, newest first, with the rows read from each.</summary>
    public IReadOnlyList<ScannedPartition> ScannedPartitions { get; init; } = [];
}

/// <summary>One scanned partition.</summary>
/// <param name="Partition">Its label (the partition value, <c>k=v/…</c> for several keys, "" when unpartitioned).</param>
/// <param name="Files">Data files in it.</param>
/// <param name="RowCount">Rows it holds: counted by the scan in full mode, from Delta stats/Parquet footers in sampled mode; null when a file could not be read.</param>
public sealed record ScannedPartition(string Partition, int Files, long? RowCount);
