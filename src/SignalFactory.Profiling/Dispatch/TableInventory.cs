using SignalFactory.Profiling.Baselines;
using SignalFactory.Storage.Delta;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>One data file found by discovery.</summary>
/// <param name="Path">Absolute local path.</param>
/// <param name="PartitionValues">Every partition column of the table (logical name) → value.</param>
/// <param name="KnownRowCount">Rows from Delta <c>numRecords</c>; filled from the footer during planning otherwise.</param>
/// <param name="ArrivedAt">When the file landed: Delta commit time (else the add action's modification time), or the file's modification time.</param>
/// <param name="CommitVersion">The Delta commit that added the file, when known.</param>
internal sealed record InventoryFile(
    string Path,
    IReadOnlyDictionary<string, string?> PartitionValues,
    long? KnownRowCount,
    DateTimeOffset? ArrivedAt,
    long? CommitVersion);

/// <summary>
/// A partition as the dispatcher counts them: the files sharing the value(s) of the grouping keys.
/// <see cref="Key"/> holds those values in key order (null for a null partition value).
/// </summary>
internal sealed record InventoryPartition(string Label, IReadOnlyList<string?> Key, IReadOnlyList<InventoryFile> Files)
{
    /// <summary>Sum of the files' known row counts; null when any is unknown.</summary>
    public long? KnownRowCount
    {
        get
        {
            long total = 0;
            foreach (var file in Files)
            {
                if (file.KnownRowCount is not { } n)
                {
                    return null;
                }

                total += n;
            }

            return total;
        }
    }
}

/// <summary>What discovery found: partitions newest first, and what the scan and timing need from the table's metadata.</summary>
internal sealed record TableInventory
{
    public required TableLocation Location { get; init; }

    /// <summary>The table's partition columns (logical names, outermost first); empty when unpartitioned.</summary>
    public required IReadOnlyList<string> PartitionColumns { get; init; }

    /// <summary>The columns partitions are grouped by (a subset of <see cref="PartitionColumns"/>).</summary>
    public required IReadOnlyList<string> GroupingKeys { get; init; }

    /// <summary>Partitions newest first (see <see cref="PartitionOrder"/>); one with label "" when unpartitioned.</summary>
    public required IReadOnlyList<InventoryPartition> Partitions { get; init; }

    /// <summary>Physical → logical column names (Delta column mapping); empty otherwise.</summary>
    public IReadOnlyDictionary<string, string> ColumnMap { get; init; } = new Dictionary<string, string>();

    /// <summary>DuckDB type of each partition column (from the Delta schema); VARCHAR when absent.</summary>
    public IReadOnlyDictionary<string, string> PartitionTypes { get; init; } = new Dictionary<string, string>();

    /// <summary>Nullability the table declares (Delta schema), by logical column name.</summary>
    public IReadOnlyDictionary<string, bool> DeclaredNullable { get; init; } = new Dictionary<string, bool>();

    /// <summary>Delta commits by version (empty for Parquet).</summary>
    public IReadOnlyDictionary<long, DeltaCommit> Commits { get; init; } = new Dictionary<long, DeltaCommit>();

    /// <summary>See <see cref="TimingSources"/>.</summary>
    public required string TimingSource { get; init; }

    /// <summary>Problems found while discovering (e.g. a partition key the table does not have).</summary>
    public IReadOnlyList<BaselineWarning> Warnings { get; init; } = [];

    public bool IsPartitioned => GroupingKeys.Count > 0;
}
