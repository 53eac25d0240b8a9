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
            if (CommitName().Match(name) is { Success: true } commit)
            {
                commits[ParseVersion(commit.Groups["v"].Value)] = path;
            }
            else if (ClassicCheckpointName().Match(name) is { Success: true } single)
            {
                classic.Add(new DeltaCheckpointFiles(ParseVersion(single.Groups["v"].Value), DeltaCheckpointKind.Classic, [path]));
            }
            else if (UuidCheckpointName().Match(name) is { Success: true } uuid)
            {
                var kind = uuid.Groups["ext"].Value == "json" ? DeltaCheckpointKind.UuidJson : DeltaCheckpointKind.UuidParquet;
                classic.Add(new DeltaCheckpointFiles(ParseVersion(uuid.Groups["v"].Value), kind, [path]));
            }
            else if (MultiPartCheckpointName().Match(name) is { Success: true } multi)
            {
                var key = (ParseVersion(multi.Groups["v"].Value), int.Parse(multi.Groups["n"].Value, CultureInfo.InvariantCulture));
                if (!parts.TryGetValue(key, out var found))
                {
                    found = [];
                    parts[key] = found;
                }

                found[int.Parse(multi.Groups["o"].Value, CultureInfo.InvariantCulture)] = path;
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

    private static long ParseVersion(string digits) => long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<v>\d{20})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitName();

    [GeneratedRegex(@"^(?<v>\d{20})\.checkpoint\.parquet$", RegexOptions.CultureInvariant)]
    private static partial Regex ClassicCheckpointName();

    [GeneratedRegex(@"^(?<v>\d{20})\.checkpoint\.(?<o>\d{10})\.(?<n>\d{10})\.parquet$", RegexOptions.CultureInvariant)]
    private static partial Regex MultiPartCheckpointName();

    [GeneratedRegex(@"^(?<v>\d{20})\.checkpoint\.[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\.(?<ext>json|parquet)$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidCheckpointName();
}
