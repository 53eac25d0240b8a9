using System.Collections.ObjectModel;

namespace SignalFactory.Storage.Hive;

/// <summary>
/// Discovers the partitions of a Hive-style table folder (<c>key=value/…/file</c>). Names starting with
/// <c>_</c> or <c>.</c> (<c>_SUCCESS</c>, <c>.crc</c> files, <c>_delta_log</c>, <c>.tmp</c>) and
/// <c>*_$folder$</c> markers are skipped. Keys and values are URL-decoded; <c>__HIVE_DEFAULT_PARTITION__</c> and
/// an empty value mean null. Every data file must sit at the same depth under the same keys in the same order.
/// </summary>
public static class HivePartitionDiscovery
{
    /// <summary>The folder name Hive and Spark write for a null partition value.</summary>
    public const string DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

    /// <exception cref="HiveLayoutException">The folder is missing or its layout is inconsistent.</exception>
    public static HiveTableLayout Discover(string tableRoot, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableRoot);
        var root = Path.GetFullPath(tableRoot);
        if (!Directory.Exists(root))
        {
            throw new HiveLayoutException($"Table folder '{root}' does not exist.") { Folder = "." };
        }

        var walk = new Walk(root, ct);
        try
        {
            walk.Visit(root, []);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HiveLayoutException($"Table folder '{root}' cannot be listed ({ex.Message}).", ex) { Folder = "." };
        }

        var partitions = walk.Partitions
            .OrderBy(p => p.RelativePath, StringComparer.Ordinal)
            .ToList();
        return new HiveTableLayout(root, walk.Keys ?? [], partitions);
    }

    private static bool IsHidden(string name) =>
        name.StartsWith('_') || name.StartsWith('.') || name.EndsWith("_$folder$", StringComparison.Ordinal);

    private sealed class Walk(string root, CancellationToken ct)
    {
        public List<string>? Keys { get; private set; }

        public List<HivePartition> Partitions { get; } = [];

        public void Visit(string directory, List<(string Key, string? Value)> path)
        {
            ct.ThrowIfCancellationRequested();
            var files = Directory.EnumerateFiles(directory)
                .Where(f => !IsHidden(Path.GetFileName(f)))
                .Order(StringComparer.Ordinal)
                .ToList();
            var folders = Directory.EnumerateDirectories(directory)
                .Where(d => !IsHidden(Path.GetFileName(d)))
                .Order(StringComparer.Ordinal)
                .ToList();

            var relative = Relative(directory);
            if (files.Count > 0 && folders.Count > 0)
            {
                throw Error(relative, "holds both data files and sub-folders");
            }

            foreach (var folder in folders)
            {
                var (key, value) = ParseFolderName(Relative(folder), Path.GetFileName(folder));
                if (path.Any(p => string.Equals(p.Key, key, StringComparison.Ordinal)))
                {
                    throw Error(Relative(folder), $"repeats partition key '{key}'");
                }

                if (Keys is not null && (path.Count >= Keys.Count || !string.Equals(Keys[path.Count], key, StringComparison.Ordinal)))
                {
                    var expected = path.Count < Keys.Count ? $"'{Keys[path.Count]}'" : "data files";
                    throw Error(Relative(folder), $"has partition key '{key}' where other partitions have {expected} (keys: {string.Join("/", Keys)})");
                }

                Visit(folder, [.. path, (key, value)]);
            }

            if (files.Count == 0)
            {
                return;
            }

            var keys = path.Select(p => p.Key).ToList();
            if (Keys is null)
            {
                Keys = keys;
            }
            else if (!Keys.SequenceEqual(keys, StringComparer.Ordinal))
            {
                throw Error(relative, $"holds data files under keys ({string.Join("/", keys)}) but other partitions use keys ({string.Join("/", Keys)})");
            }

            var values = new OrderedDictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in path)
            {
                values[key] = value;
            }

            Partitions.Add(new HivePartition(
                new ReadOnlyDictionary<string, string?>(values),
                relative == "." ? "" : relative,
                files));
        }

        private static (string Key, string? Value) ParseFolderName(string relative, string name)
        {
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Error(relative, "is not a key=value partition folder");
            }

            string key;
            string value;
            try
            {
                key = Uri.UnescapeDataString(name[..equals]);
                value = Uri.UnescapeDataString(name[(equals + 1)..]);
            }
            catch (UriFormatException ex)
            {
                throw new HiveLayoutException($"Partition folder '{relative}' has an undecodable name ({ex.Message}).", ex) { Folder = relative };
            }

            return (key, value.Length == 0 || value == DefaultPartitionName ? null : value);
        }

        private string Relative(string path)
        {
            var relative = Path.GetRelativePath(root, path);
            return relative.Replace(Path.DirectorySeparatorChar, '/');
        }

        private static HiveLayoutException Error(string relative, string problem) =>
            new($"Folder '{relative}' {problem}.") { Folder = relative };
    }
}
