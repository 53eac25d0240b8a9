using System.Globalization;
using SignalFactory.Core.Manifests;
using SignalFactory.DuckDb;
using SignalFactory.Storage.Delta;
using SignalFactory.Storage.Hive;

namespace SignalFactory.Policy.Certification.Inspection;

/// <summary>
/// Examines a Delta gold table. The pointer's version is the newest version in <c>_delta_log</c> (from the log
/// listing, LLD §7.2), and the snapshot at that version must have an active file with rows: the file's
/// <c>numRecords</c> statistic when the log has it, else its Parquet footer. A missing table, a log without commits
/// and a snapshot without rows defer the certification.
/// </summary>
internal static class DeltaInspector
{
    /// <summary>At most this many files (the newest data) are read for the current schema.</summary>
    internal const int MaxSchemaFiles = 64;

    public static async Task<TableInspection> InspectAsync(
        GoldTable table, string? manifestPartitionKey, DuckDbConnection connection, CancellationToken ct)
    {
        var root = table.LocalPath;
        if (File.Exists(root))
        {
            throw new TableInspectionException($"{table.Field} '{table.Location}' is a file; a Delta table is a folder with a _delta_log.");
        }

        if (!Directory.Exists(root))
        {
            return TableInspection.Defer("delta:" + TableProbe.Missing, DeferredReasons.GoldTableNotFound,
                $"the Delta table folder {root} does not exist yet");
        }

        if (!Directory.Exists(Path.Combine(root, "_delta_log")))
        {
            if (Directory.EnumerateFileSystemEntries(root).Any())
            {
                throw new TableInspectionException(
                    $"{table.Field} '{table.Location}' has no _delta_log folder, so it is not a Delta table; check storage.format and the path.");
            }

            return TableInspection.Defer("delta:" + TableProbe.Missing, DeferredReasons.GoldTableEmpty,
                $"the Delta table folder {root} is empty");
        }

        var reader = new DeltaTableReader(connection);
        var latest = await Read(() => reader.ReadLatestVersionAsync(root, ct)).ConfigureAwait(false);
        if (latest is not { } version)
        {
            return TableInspection.Defer("delta:none", DeferredReasons.GoldTableEmpty, $"the Delta log of {root} holds no commit yet");
        }

        var probe = string.Create(CultureInfo.InvariantCulture, $"delta:v{version}");
        var snapshot = await Read(() => reader.ReadSnapshotAsync(root, version, ct)).ConfigureAwait(false);
        if (!await HasRowsAsync(snapshot, new ParquetFooterReader(connection), ct).ConfigureAwait(false))
        {
            var files = snapshot.ActiveFiles.Count;
            return TableInspection.Defer(probe, DeferredReasons.GoldTableEmpty, string.Create(CultureInfo.InvariantCulture,
                $"version {version} of the Delta table {root} has {files} active file(s) and no rows"));
        }

        var pointer = new CertifiedPointer
        {
            Type = CertifiedPointer.DeltaVersionType,
            Format = StorageFormats.Delta,
            TablePath = snapshot.TableRoot,
            Version = version,
            CommitTimestamp = snapshot.Commits.LastOrDefault(c => c.Version == version)?.Timestamp,
            FileCount = snapshot.ActiveFiles.Count,
            RowCount = snapshot.NumRecords,
        };
        return TableInspection.WithData(probe, pointer, SchemaSourceOf(snapshot, manifestPartitionKey),
            string.Create(CultureInfo.InvariantCulture, $"Delta version {version} of {snapshot.TableRoot}"));
    }

    // numRecords first (no I/O); footers only for files without statistics, stopping at the first file with rows.
    private static async Task<bool> HasRowsAsync(DeltaSnapshot snapshot, ParquetFooterReader footers, CancellationToken ct)
    {
        if (snapshot.ActiveFiles.Any(f => f.Stats?.NumRecords > 0))
        {
            return true;
        }

        foreach (var file in snapshot.ActiveFiles.Where(f => f.Stats?.NumRecords is null))
        {
            var footer = await footers.ReadAsync(file.AbsolutePath, ct).ConfigureAwait(false);
            if (footer.Footer is not { } f)
            {
                throw new TableInspectionException(
                    $"the data file {file.AbsolutePath} of the Delta table {snapshot.TableRoot} cannot be read: {footer.Error}");
            }

            if (f.RowCount > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static SchemaSource SchemaSourceOf(DeltaSnapshot snapshot, string? manifestPartitionKey)
    {
        var metadata = snapshot.Metadata;
        var fields = metadata.Schema.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var key = PartitionValueOrder.OrderingKey(metadata.PartitionColumns, manifestPartitionKey);
        var newest = key is null
            ? snapshot.ActiveFiles
            : snapshot.ActiveFiles
                .GroupBy(f => f.PartitionValues.TryGetValue(key, out var v) ? v : null)
                .MaxBy(g => g.Key, PartitionValueOrder.Instance)!
                .ToList();
        var files = newest
            .Where(f => f.Stats?.NumRecords is not 0)
            .DefaultIfEmpty(newest[0])
            .OrderByDescending(f => f.ModificationTime)
            .ThenBy(f => f.AbsolutePath, StringComparer.Ordinal)
            .Take(MaxSchemaFiles)
            .Select(f => f.AbsolutePath)
            .Order(StringComparer.Ordinal)
            .ToList();

        var partitionColumns = metadata.PartitionColumns
            .Select(c => fields.TryGetValue(c, out var field)
                ? new PartitionColumnSpec(c, DeltaTypes.ToDuckDbType(field.Type), field.Nullable)
                : new PartitionColumnSpec(c, "VARCHAR", true))
            .ToList();
        return new SchemaSource(
            files,
            partitionColumns,
            metadata.Schema.Where(f => !string.Equals(f.PhysicalName, f.Name, StringComparison.Ordinal))
                .ToDictionary(f => f.PhysicalName, f => f.Name, StringComparer.Ordinal),
            metadata.Schema.ToDictionary(f => f.Name, f => f.Nullable, StringComparer.Ordinal));
    }

    private static async Task<T> Read<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (DeltaTableException ex)
        {
            throw new TableInspectionException($"the Delta log cannot be read: {ex.Message}", ex);
        }
    }
}
