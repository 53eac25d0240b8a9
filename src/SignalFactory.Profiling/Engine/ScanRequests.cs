using SignalFactory.Storage.Delta;
using SignalFactory.Storage.Hive;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// Builds a <see cref="ProfileScanRequest"/> from a table's metadata: a Delta snapshot (partition values from the
/// log, partition types from the schema, column mapping, nullability) or a Hive layout (partition values from the
/// folder names, as VARCHAR). Pass the partitions to profile (e.g. the newest seven) or null for all.
/// </summary>
public static class ScanRequests
{
    /// <summary>A request over the active files of <paramref name="partitions"/> (all partitions when null).</summary>
    public static ProfileScanRequest ForDelta(DeltaSnapshot snapshot, IEnumerable<DeltaPartition>? partitions = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var files = partitions is null ? snapshot.ActiveFiles : [.. partitions.SelectMany(p => p.Files)];
        var metadata = snapshot.Metadata;
        var byName = metadata.Schema.ToDictionary(f => f.Name, StringComparer.Ordinal);
        return new ProfileScanRequest
        {
            Files = [.. files.Select(f => new ScanFile(f.AbsolutePath)
            {
                PartitionValues = f.PartitionValues,
                KnownRowCount = f.Stats?.NumRecords,
            })],
            PartitionColumns = [.. metadata.PartitionColumns.Select(name =>
                new PartitionColumn(name, byName.TryGetValue(name, out var field) ? DeltaTypes.ToDuckDbType(field.Type) : "VARCHAR"))],
            PhysicalToLogicalNames = metadata.ColumnMappingMode == DeltaColumnMappingMode.None
                ? null
                : metadata.Schema.Where(f => f.PhysicalName != f.Name).ToDictionary(f => f.PhysicalName, f => f.Name, StringComparer.Ordinal),
            ColumnNullability = metadata.Schema.ToDictionary(f => f.Name, f => f.Nullable, StringComparer.Ordinal),
        };
    }

    /// <summary>A request over the files of <paramref name="partitions"/> (all when null); partition values as VARCHAR.</summary>
    public static ProfileScanRequest ForHive(HiveTableLayout layout, IEnumerable<HivePartition>? partitions = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new ProfileScanRequest
        {
            Files = [.. (partitions ?? layout.Partitions).SelectMany(p => p.Files.Select(f => new ScanFile(f) { PartitionValues = p.Values }))],
            PartitionColumns = [.. layout.PartitionKeys.Select(k => new PartitionColumn(k))],
        };
    }
}
