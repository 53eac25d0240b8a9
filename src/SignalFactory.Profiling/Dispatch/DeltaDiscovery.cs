using SignalFactory.DuckDb;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Storage.Delta;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// Discovers a Delta table's partitions from its log (latest snapshot): active files with their partition values,
/// <c>numRecords</c> statistics and the commits that added them. A log that cannot be read fails the profile
/// (LLD §4.7); a reader feature this reader lacks fails it with the feature named.
/// </summary>
internal static class DeltaDiscovery
{
    public static async Task<(TableInventory Inventory, DeltaSnapshot Snapshot)> DiscoverAsync(
        TableLocation location, string? manifestPartitionKey, DuckDbConnection connection, CancellationToken ct)
    {
        DeltaSnapshot snapshot;
        try
        {
            snapshot = await new DeltaTableReader(connection).ReadSnapshotAsync(location.Path, version: null, ct).ConfigureAwait(false);
        }
        catch (DeltaTableException ex) when (ex.UnsupportedFeatures.Count > 0)
        {
            throw new DatasetProfilingException($"Cannot profile: {ex.Message}", ex)
            {
                Failure = ProfilingFailure.UnsupportedFeature,
                UnsupportedFeatures = ex.UnsupportedFeatures,
            };
        }
        catch (DeltaTableException ex)
        {
            throw new DatasetProfilingException($"Cannot profile: the Delta log is unreadable. {ex.Message}", ex)
            {
                Failure = ProfilingFailure.Unreadable,
            };
        }

        var commits = new Dictionary<long, DeltaCommit>();
        foreach (var commit in snapshot.Commits)
        {
            commits[commit.Version] = commit;
        }

        var files = snapshot.ActiveFiles.Select(f => new InventoryFile(
            f.AbsolutePath,
            f.PartitionValues,
            f.Stats?.NumRecords,
            f.AddedInVersion is { } v && commits.TryGetValue(v, out var c) && c.Timestamp is { } t ? t : f.ModificationTime,
            f.AddedInVersion));

        var tableKeys = snapshot.Metadata.PartitionColumns;
        var (keys, warning) = PartitionOrder.GroupingKeys(tableKeys, manifestPartitionKey);
        var columnMap = snapshot.Metadata.Schema
            .Where(f => !string.Equals(f.PhysicalName, f.Name, StringComparison.Ordinal))
            .ToDictionary(f => f.PhysicalName, f => f.Name, StringComparer.Ordinal);
        var nullable = snapshot.Metadata.Schema.ToDictionary(f => f.Name, f => f.Nullable, StringComparer.Ordinal);
        var types = snapshot.Metadata.Schema
            .Where(f => tableKeys.Contains(f.Name, StringComparer.Ordinal))
            .ToDictionary(f => f.Name, f => DeltaTypes.ToDuckDbType(f.Type), StringComparer.Ordinal);

        var inventory = new TableInventory
        {
            Location = location,
            PartitionColumns = tableKeys,
            GroupingKeys = keys,
            Partitions = PartitionOrder.Group(files, keys),
            ColumnMap = columnMap,
            PartitionTypes = types,
            DeclaredNullable = nullable,
            Commits = commits,
            TimingSource = TimingSources.DeltaCommitInfo,
            Warnings = warning is null ? [] : [warning],
        };
        return (inventory, snapshot);
    }
}
