using System.Globalization;
using SignalFactory.Core.Manifests;
using SignalFactory.DuckDb;
using SignalFactory.Storage.Hive;

namespace SignalFactory.Policy.Certification.Inspection;

/// <summary>
/// Examines a Parquet gold table: a single file, or a Hive-style folder (<c>dt=…/</c>). The pointer is the newest
/// partition (by the manifest's <c>partition_key</c> when the table is partitioned by it, else the outermost key;
/// values ordered as the profiler orders them) whose files' footers count at least one row; newer partitions
/// without rows are passed over. No partition with rows, or no data file at all, defers the certification.
/// </summary>
internal static class ParquetInspector
{
    public static async Task<TableInspection> InspectAsync(
        GoldTable table, string? manifestPartitionKey, DuckDbConnection connection, CancellationToken ct)
    {
        var root = table.LocalPath;
        var footers = new ParquetFooterReader(connection);
        if (File.Exists(root))
        {
            var rows = await CountRowsAsync(footers, [root], ct).ConfigureAwait(false);
            if (rows == 0)
            {
                return TableInspection.Defer("parquet:files=1", DeferredReasons.GoldTableEmpty, $"the Parquet file {root} has no rows");
            }

            var single = new CertifiedPointer
            {
                Type = CertifiedPointer.ParquetPartitionType,
                Format = StorageFormats.Parquet,
                TablePath = root,
                FileCount = 1,
                RowCount = rows,
            };
            return TableInspection.WithData("parquet:files=1", single, SchemaOf([root], []), $"the Parquet file {root}");
        }

        if (!Directory.Exists(root))
        {
            return TableInspection.Defer("parquet:" + TableProbe.Missing, DeferredReasons.GoldTableNotFound,
                $"the Parquet table folder {root} does not exist yet");
        }

        HiveTableLayout layout;
        try
        {
            layout = HivePartitionDiscovery.Discover(root, ct);
        }
        catch (HiveLayoutException ex)
        {
            throw new TableInspectionException($"the Parquet table {root} has an inconsistent partition layout: {ex.Message}", ex);
        }

        var fileCount = layout.Partitions.Sum(p => p.Files.Count);
        var probe = string.Create(CultureInfo.InvariantCulture, $"parquet:files={fileCount}");
        var key = PartitionValueOrder.OrderingKey(layout.PartitionKeys, manifestPartitionKey);
        var groups = layout.Partitions
            .GroupBy(p => key is null ? null : p.Values[key])
            .OrderByDescending(g => g.Key, PartitionValueOrder.Instance)
            .ToList();
        foreach (var group in groups)
        {
            var files = group.SelectMany(p => p.Files).Order(StringComparer.Ordinal).ToList();
            var rows = await CountRowsAsync(footers, files, ct).ConfigureAwait(false);
            if (rows == 0)
            {
                continue;
            }

            var outermost = key is not null && layout.PartitionKeys[0] == key;
            var pointer = new CertifiedPointer
            {
                Type = CertifiedPointer.ParquetPartitionType,
                Format = StorageFormats.Parquet,
                TablePath = layout.TableRoot,
                PartitionKey = key,
                PartitionValue = group.Key,
                PartitionPath = outermost
                    ? Path.Combine(layout.TableRoot, group.First().RelativePath.Split('/')[0]) + Path.DirectorySeparatorChar
                    : null,
                FileCount = files.Count,
                RowCount = rows,
            };
            var partitionColumns = layout.PartitionKeys.Select(k => new PartitionColumnSpec(k, "VARCHAR", true)).ToList();
            var label = key is null ? "the unpartitioned table" : $"partition {key}={group.Key ?? HivePartitionDiscovery.DefaultPartitionName}";
            return TableInspection.WithData(probe, pointer, SchemaOf(files.Take(DeltaInspector.MaxSchemaFiles).ToList(), partitionColumns),
                $"{label} of {layout.TableRoot}");
        }

        return TableInspection.Defer(probe, DeferredReasons.GoldTableEmpty,
            string.Create(CultureInfo.InvariantCulture,
                $"the Parquet table {root} has {fileCount} data file(s) in {layout.Partitions.Count} partition(s) and no rows"));
    }

    private static SchemaSource SchemaOf(IReadOnlyList<string> files, IReadOnlyList<PartitionColumnSpec> partitionColumns) =>
        new(files, partitionColumns, new Dictionary<string, string>(), new Dictionary<string, bool>());

    private static async Task<long> CountRowsAsync(ParquetFooterReader footers, IReadOnlyList<string> files, CancellationToken ct)
    {
        long rows = 0;
        foreach (var result in await footers.ReadManyAsync(files, ct).ConfigureAwait(false))
        {
            if (result.Footer is not { } footer)
            {
                throw new TableInspectionException($"the data file {result.Path} cannot be read as Parquet: {result.Error}");
            }

            rows += footer.RowCount;
        }

        return rows;
    }
}
