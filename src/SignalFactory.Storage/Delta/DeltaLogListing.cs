using System.Globalization;
using System.Text.RegularExpressions;

namespace SignalFactory.Storage.Delta;

/// <summary>How a checkpoint is stored.</summary>
internal enum DeltaCheckpointKind
{
    /// <summary><c>n.checkpoint.parquet</c> (V1, or V2 spec when it carries checkpointMetadata).</summary>
    Classic,

    /// <summary><c>n.checkpoint.o.p.parquet</c>, all parts present.</summary>
    MultiPart,

    /// <summary><c>n.checkpoint.uuid.parquet</c>, V2 spec.</summary>
    UuidParquet,

    /// <summary><c>n.checkpoint.uuid.json</c>, V2 spec.</summary>
    UuidJson,
}

/// <summary>A complete checkpoint found in the log folder: its version, kind and files (parts in order).</summary>
internal sealed record DeltaCheckpointFiles(long Version, DeltaCheckpointKind Kind, IReadOnlyList<string> Files);

/// <summary>
/// The files of a <c>_delta_log</c> folder: commits by version and complete checkpoints. Only the folder's own
/// files count; sub-folders (<c>.tmp/</c>, <c>_sidecars/</c>, <c>_staged_commits/</c>) and other files
/// (<c>.crc</c>, compactions) are ignored. Multi-part checkpoints with a missing part are left out.
/// </summary>
internal sealed partial class DeltaLogListing
{
    private DeltaLogListing(
        string logDirectory,
        SortedDictionary<long, string> commits,
        IReadOnlyList<DeltaCheckpointFiles> checkpoints)
    {
        LogDirectory = logDirectory;
        Commits = commits;
        Checkpoints = checkpoints;
    }

    public string LogDirectory { get; }

    /// <summary>Commit files by version, ascending.</summary>
    public SortedDictionary<long, string> Commits { get; }

    /// <summary>Complete checkpoints, newest version first; at one version, the preferred kind first.</summary>
    public IReadOnlyList<DeltaCheckpointFiles> Checkpoints { get; }

    /// <summary>The newest version that the log can be read at, or null when the log holds no commit or checkpoint.</summary>
    public long? LatestVersion
    {
        get
        {
            long? latest = Commits.Count > 0 ? Commits.Keys.Max() : null;
            foreach (var checkpoint in Checkpoints)
            {
                if (latest is null || checkpoint.Version > latest)
                {
                    latest = checkpoint.Version;
                }
            }

            return latest;
        }
    }

    public static DeltaLogListing Read(string logDirectory)
    {
        var commits = new SortedDictionary<long, string>();
        var classic = new List<DeltaCheckpointFiles>();
        var parts = new Dictionary<(long Version, int Count), SortedDictionary<int, string>>();

        foreach (var path in Directory.EnumerateFiles(logDirectory))
        {
            var name = Path.GetFileName(path);

            // 20 digits can exceed a long; such a name is no version this reader can use.
            if (name.Length < 20 || !long.TryParse(name.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                continue;
            }

            if (CommitName().IsMatch(name))
            {
                commits[version] = path;
            }
            else if (ClassicCheckpointName().IsMatch(name))
            {
                classic.Add(new DeltaCheckpointFiles(version, DeltaCheckpointKind.Classic, [path]));
            }
            else if (UuidCheckpointName().Match(name) is { Success: true } uuid)
            {
                var kind = uuid.Groups["ext"].Value == "json" ? DeltaCheckpointKind.UuidJson : DeltaCheckpointKind.UuidParquet;
                classic.Add(new DeltaCheckpointFiles(version, kind, [path]));
            }
            else if (MultiPartCheckpointName().Match(name) is { Success: true } multi
                && int.TryParse(multi.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                && int.TryParse(multi.Groups["o"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var part))
            {
                var key = (version, count);
                if (!parts.TryGetValue(key, out var found))
                {
                    found = [];
                    parts[key] = found;
                }

                found[part] = path;
            }
        }

        foreach (var ((version, count), found) in parts)
        {
            var complete = count > 0 && Enumerable.Range(1, count).All(found.ContainsKey);
            if (complete && found.Count == count)
            {
                classic.Add(new DeltaCheckpointFiles(version, DeltaCheckpointKind.MultiPart, found.Values.ToList()));
            }
        }

        var ordered = classic
            .OrderByDescending(c => c.Version)
            .ThenBy(c => c.Kind)
            .ThenBy(c => c.Files[0], StringComparer.Ordinal)
            .ToList();
        return new DeltaLogListing(logDirectory, commits, ordered);
    }

    [GeneratedRegex(@"^(\d{20})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitName();

    [GeneratedRegex(@"^(\d{20})\.checkpoint\.parquet$", RegexOptions.CultureInvariant)]
    private static partial Regex ClassicCheckpointName();

    [GeneratedRegex(@"^(\d{20})\.checkpoint\.(?<o>\d{10})\.(?<n>\d{10})\.parquet$", RegexOptions.CultureInvariant)]
    private static partial Regex MultiPartCheckpointName();

    [GeneratedRegex(@"^(\d{20})\.checkpoint\.[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\.(?<ext>json|parquet)$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidCheckpointName();
}
