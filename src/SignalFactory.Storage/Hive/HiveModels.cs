namespace SignalFactory.Storage.Hive;

/// <summary>
/// One leaf partition folder of a Hive-style table: its decoded partition values (keyed by partition key, in
/// folder order; null for <c>__HIVE_DEFAULT_PARTITION__</c>), its folder relative to the table root (empty for an
/// unpartitioned table), and its data files (full paths, sorted).
/// </summary>
public sealed record HivePartition(
    IReadOnlyDictionary<string, string?> Values,
    string RelativePath,
    IReadOnlyList<string> Files);

/// <summary>
/// The partition layout of a folder of data files: the partition keys from the outermost folder level inward
/// (empty for an unpartitioned table) and the partitions that hold at least one data file, sorted by folder.
/// </summary>
public sealed record HiveTableLayout(
    string TableRoot,
    IReadOnlyList<string> PartitionKeys,
    IReadOnlyList<HivePartition> Partitions)
{
    public bool IsPartitioned => PartitionKeys.Count > 0;
}

/// <summary>The folder tree is not a consistent <c>key=value</c> layout; the message names the folder.</summary>
public sealed class HiveLayoutException : Exception
{
    public HiveLayoutException()
    {
    }

    public HiveLayoutException(string message)
        : base(message)
    {
    }

    public HiveLayoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The folder (relative to the table root, <c>.</c> for the root) where the problem was found.</summary>
    public string? Folder { get; init; }
}
