using SignalFactory.Profiling.Baselines;
using SignalFactory.Storage.Hive;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// Discovers a Parquet table: a single file (unpartitioned), or a folder of Hive-style <c>key=value/</c>
/// partitions (see <see cref="HivePartitionDiscovery"/>). Row counts come later from the footers of the selected
/// partitions only; arrival times are the files' modification times.
/// </summary>
internal static class ParquetDiscovery
{
    public static TableInventory Discover(TableLocation location, string? manifestPartitionKey, CancellationToken ct)
    {
        IReadOnlyList<string> tableKeys;
        List<InventoryFile> files;
        if (File.Exists(location.Path))
        {
            tableKeys = [];
            files = [FileOf(location.Path, new Dictionary<string, string?>())];
        }
        else
        {
            HiveTableLayout layout;
            try
            {
                layout = HivePartitionDiscovery.Discover(location.Path, ct);
            }
            catch (HiveLayoutException ex)
            {
                throw new DatasetProfilingException($"Cannot profile '{location.Path}': {ex.Message}", ex)
                {
                    Failure = ProfilingFailure.Unreadable,
                };
            }

            tableKeys = layout.PartitionKeys;
            files = [.. layout.Partitions.SelectMany(p => p.Files.Select(f => FileOf(f, p.Values)))];
        }

        var (keys, warning) = PartitionOrder.GroupingKeys(tableKeys, manifestPartitionKey);
        return new TableInventory
        {
            Location = location,
            PartitionColumns = tableKeys,
            GroupingKeys = keys,
            Partitions = PartitionOrder.Group(files, keys),
            TimingSource = TimingSources.FileModificationTime,
            Warnings = warning is null ? [] : [warning],
        };
    }

    private static InventoryFile FileOf(string path, IReadOnlyDictionary<string, string?> values) =>
        new(path, values, KnownRowCount: null, new DateTimeOffset(System.IO.File.GetLastWriteTimeUtc(path), TimeSpan.Zero), CommitVersion: null);
}
