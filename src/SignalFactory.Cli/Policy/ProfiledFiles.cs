using SignalFactory.Core.Manifests;
using SignalFactory.DuckDb;
using SignalFactory.Policy.Generation;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Storage.Delta;
using SignalFactory.Storage.Hive;

namespace SignalFactory.Cli.Policy;

/// <summary>
/// Finds the Parquet files of the partitions a baseline was profiled from, so accepted-value sets come from the same
/// data as the statistics. Delta: <c>storage.gold</c>, active files of the latest snapshot; Parquet: the first of
/// <c>gold</c>, <c>silver</c>, <c>bronze</c>, Hive partitions. Only local paths and <c>file://</c> URIs; anything else
/// (S3, a table that cannot be read, Delta column mapping) skips accepted-value rules with a note, never fails.
/// </summary>
internal static class ProfiledFiles
{
    public static async Task<(ParquetAcceptedValuesSource? Source, string? Note)> TryOpenSourceAsync(
        DatasetManifest manifest, Baseline baseline, IReadOnlyList<string> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0)
        {
            return (null, null);
        }

        const string skipped = "accepted-value rules skipped: ";
        var storage = manifest.Storage;
        var delta = storage?.Format == StorageFormats.Delta;
        var location = delta ? storage?.Gold : storage?.Gold ?? storage?.Silver ?? storage?.Bronze;
        if (LocalPath(location) is not { } root)
        {
            return (null, skipped + "the table is not at a local path or file:// URI");
        }

        var profiled = new HashSet<string>(baseline.PartitionRowCounts.Select(p => p.Partition), StringComparer.Ordinal);
        var key = storage?.PartitionKey;
        bool Profiled(IReadOnlyDictionary<string, string?> values) =>
            profiled.Count == 0 || key is null || !values.TryGetValue(key, out var value) || (value is not null && profiled.Contains(value));
        try
        {
            List<string> files;
            if (delta)
            {
                using var db = DuckDbDatabase.Open(null, new DuckDbOptions { Threads = 1 });
                using var connection = db.Connect();
                var snapshot = await new DeltaTableReader(connection).ReadSnapshotAsync(root, null, ct).ConfigureAwait(false);
                if (snapshot.Metadata.ColumnMappingMode != DeltaColumnMappingMode.None)
                {
                    return (null, skipped + "the Delta table uses column mapping, so its files do not carry the column names");
                }

                files = [.. snapshot.GetPartitions().Where(p => Profiled(p.Values)).SelectMany(p => p.Files).Select(f => f.AbsolutePath)];
            }
            else if (File.Exists(root))
            {
                files = [root];
            }
            else
            {
                var layout = HivePartitionDiscovery.Discover(root, ct);
                files = [.. layout.Partitions.Where(p => Profiled(p.Values)).SelectMany(p => p.Files)];
            }

            return files.Count == 0
                ? (null, skipped + "no data file of the profiled partitions was found")
                : (new ParquetAcceptedValuesSource(files), null);
        }
        catch (Exception ex) when (ex is DeltaTableException or HiveLayoutException or IOException or UnauthorizedAccessException or DuckDbException)
        {
            return (null, skipped + "the table could not be read: " + ex.Message);
        }
    }

    private static string? LocalPath(string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return null;
        }

        if (location.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.IsFile ? Path.TrimEndingDirectorySeparator(uri.LocalPath) : null;
        }

        return !location.Contains("://", StringComparison.Ordinal) && Path.IsPathFullyQualified(location)
            ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(location))
            : null;
    }
}
