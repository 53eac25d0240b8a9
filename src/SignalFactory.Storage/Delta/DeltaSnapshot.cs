using System.Text;

namespace SignalFactory.Storage.Delta;

/// <summary>
/// The state of a Delta table at one version: protocol, metadata, the active data files (sorted by path) and the
/// commits that were replayed to build it (oldest first). <see cref="CheckpointVersion"/> is the checkpoint the
/// replay started from, or null for a replay from version 0.
/// </summary>
public sealed record DeltaSnapshot(
    string TableRoot,
    long Version,
    DeltaProtocol Protocol,
    DeltaMetadata Metadata,
    IReadOnlyList<DeltaFile> ActiveFiles,
    IReadOnlyList<DeltaCommit> Commits,
    long? CheckpointVersion)
{
    /// <summary>Sum of the active files' sizes in bytes.</summary>
    public long TotalSize => ActiveFiles.Sum(f => f.Size);

    /// <summary>Sum of <c>numRecords</c> over the active files, or null when any file lacks statistics.</summary>
    public long? NumRecords => new DeltaPartition(new Dictionary<string, string?>(), ActiveFiles).NumRecords;

    /// <summary>
    /// Groups the active files by their partition values, ordered by the values (nulls first, ordinal). An
    /// unpartitioned table gives one partition with no values (or none when the table has no files).
    /// </summary>
    public IReadOnlyList<DeltaPartition> GetPartitions()
    {
        var groups = new Dictionary<string, (IReadOnlyDictionary<string, string?> Values, List<DeltaFile> Files)>(StringComparer.Ordinal);
        foreach (var file in ActiveFiles)
        {
            var key = PartitionKey(file.PartitionValues);
            if (!groups.TryGetValue(key, out var group))
            {
                group = (file.PartitionValues, []);
                groups.Add(key, group);
            }

            group.Files.Add(file);
        }

        return groups
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DeltaPartition(g.Value.Values, g.Value.Files))
            .ToList();
    }

    // Values in partition-column order; a null sorts before any string because '\u0001' < '\u0002'.
    private string PartitionKey(IReadOnlyDictionary<string, string?> values)
    {
        var builder = new StringBuilder();
        foreach (var column in Metadata.PartitionColumns)
        {
            values.TryGetValue(column, out var value);
            builder.Append(value is null ? "\u0001" : "\u0002" + value).Append('\u0000');
        }

        return builder.ToString();
    }
}
