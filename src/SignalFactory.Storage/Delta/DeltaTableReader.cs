using SignalFactory.DuckDb;

namespace SignalFactory.Storage.Delta;

/// <summary>
/// Reads Delta Lake tables from a local folder (or <c>file:</c> URI): replays the JSON commits on top of the
/// newest usable checkpoint (classic, multi-part or V2 with sidecars; Parquet checkpoints are read with DuckDB),
/// reconciles <c>add</c>/<c>remove</c>, and checks the protocol. Tables that need a reader feature this reader
/// lacks are refused with a <see cref="DeltaTableException"/> naming the feature. Not thread-safe when created
/// over a DuckDB connection: use one reader per connection.
/// </summary>
public sealed class DeltaTableReader
{
    private const string LogFolder = "_delta_log";
    private readonly DeltaCheckpointLoader _checkpoints;

    /// <summary>A reader for JSON logs only: a table whose history before a Parquet checkpoint is gone cannot be read.</summary>
    public DeltaTableReader()
        : this((IDeltaCheckpointSource?)null)
    {
    }

    /// <summary>A reader that reads Parquet checkpoints through <paramref name="connection"/> (not disposed by the reader).</summary>
    public DeltaTableReader(DuckDbConnection connection)
        : this(new DuckDbCheckpointSource(connection ?? throw new ArgumentNullException(nameof(connection))))
    {
    }

    internal DeltaTableReader(IDeltaCheckpointSource? checkpointSource)
    {
        _checkpoints = new DeltaCheckpointLoader(checkpointSource);
    }

    /// <summary>
    /// The newest version of the table, from the log listing (no replay), or null when <c>_delta_log</c> holds no
    /// commit yet.
    /// </summary>
    /// <exception cref="DeltaTableException">The folder is not a Delta table.</exception>
    public Task<long?> ReadLatestVersionAsync(string tableRoot, CancellationToken ct = default)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<long?>(ct);
        }

        try
        {
            var root = DeltaPaths.NormalizeTableRoot(tableRoot);

            // Listing a local _delta_log is cheap, so the listing is the truth; _last_checkpoint adds nothing here.
            return Task.FromResult(OpenLog(root).LatestVersion);
        }
        catch (Exception ex)
        {
            return Task.FromException<long?>(ex);
        }
    }

    /// <summary>Reads the table at <paramref name="version"/> (the latest when null).</summary>
    /// <exception cref="DeltaTableException">
    /// Not a Delta table, the version does not exist, the log is corrupt or has a gap, or the table needs a reader
    /// feature this reader does not support.
    /// </exception>
    public async Task<DeltaSnapshot> ReadSnapshotAsync(string tableRoot, long? version = null, CancellationToken ct = default)
    {
        var root = DeltaPaths.NormalizeTableRoot(tableRoot);
        var listing = OpenLog(root);
        var latest = listing.LatestVersion ?? throw Error(root, "its _delta_log folder holds no commit");
        var target = version ?? latest;
        if (target < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "A Delta version is zero or more.");
        }

        if (target > latest)
        {
            throw Error(root, $"version {target} does not exist; the latest version is {latest}");
        }

        var hint = await DeltaLogFiles.ReadLastCheckpointAsync(listing.LogDirectory, ct).ConfigureAwait(false);
        var candidates = OrderCandidates(listing, target, hint);
        DeltaCheckpointException? checkpointFailure = null;
        foreach (var checkpoint in candidates.Append(null))
        {
            var start = checkpoint?.Version ?? -1;
            EnsureCommitsPresent(root, listing, start, target, checkpointFailure);

            var state = new DeltaLogState(root);
            if (checkpoint is not null)
            {
                try
                {
                    await _checkpoints.LoadAsync(root, listing.LogDirectory, checkpoint, state, ct).ConfigureAwait(false);
                }
                catch (DeltaCheckpointException ex)
                {
                    // An unusable checkpoint is skipped: an older one (or the full JSON history) may still work.
                    checkpointFailure = ex;
                    continue;
                }

                if (checkpoint.Version == target && listing.Commits.TryGetValue(target, out var ownCommit))
                {
                    state.AddCommitInfo(target, await DeltaLogFiles.ReadActionsAsync(root, ownCommit, ct).ConfigureAwait(false));
                }
            }

            for (var v = start + 1; v <= target; v++)
            {
                var actions = await DeltaLogFiles.ReadActionsAsync(root, listing.Commits[v], ct).ConfigureAwait(false);
                state.ApplyCommit(v, actions);
            }

            return DeltaSnapshotBuilder.Build(root, target, checkpoint?.Version, state);
        }

        // Unreachable: the last candidate (null) either returns or throws in EnsureCommitsPresent.
        throw Error(root, "no way to reconstruct the snapshot was found");
    }

    private static DeltaLogListing OpenLog(string root)
    {
        if (!Directory.Exists(root))
        {
            throw Error(root, "the folder does not exist");
        }

        var logDirectory = Path.Combine(root, LogFolder);
        if (!Directory.Exists(logDirectory))
        {
            throw Error(root, "it is not a Delta table (no _delta_log folder)");
        }

        try
        {
            return DeltaLogListing.Read(logDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeltaTableException($"Delta table '{root}': the _delta_log folder cannot be listed ({ex.Message}).", ex)
            {
                TableRoot = root,
            };
        }
    }

    // Newest first. At the version _last_checkpoint names, the kind it describes (multi-part when parts > 1) first.
    private static List<DeltaCheckpointFiles> OrderCandidates(DeltaLogListing listing, long target, LastCheckpointHint? hint) =>
        listing.Checkpoints
            .Where(c => c.Version <= target)
            .OrderByDescending(c => c.Version)
            .ThenBy(c => hint is not null && c.Version == hint.Version && (hint.Parts > 1) == (c.Kind == DeltaCheckpointKind.MultiPart) ? 0 : 1)
            .ThenBy(c => c.Kind)
            .ToList();

    // A replay from checkpoint `start` needs every commit in (start, target]; a hole cannot be bridged by an older
    // checkpoint either, because that needs a superset of the same commits.
    private static void EnsureCommitsPresent(string root, DeltaLogListing listing, long start, long target, DeltaCheckpointException? checkpointFailure)
    {
        long? firstMissing = null;
        for (var v = start + 1; v <= target; v++)
        {
            if (!listing.Commits.ContainsKey(v))
            {
                firstMissing = v;
                break;
            }
        }

        if (firstMissing is not { } missing)
        {
            return;
        }

        var after = checkpointFailure is null ? "" : $" (a checkpoint was skipped: {checkpointFailure.Message})";
        string problem;
        if (start < 0 && missing == 0)
        {
            var earliest = listing.Commits.Count > 0 ? listing.Commits.Keys.First().ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
            problem = $"version {target} cannot be reconstructed: the log has no commit 0 (earliest commit: {earliest}) and no usable checkpoint at or before version {target}{after}";
        }
        else
        {
            var next = listing.Commits.Keys.Where(k => k > missing).Cast<long?>().FirstOrDefault();
            var end = next is { } n ? n - 1 : target;
            var range = end > missing
                ? $"the commit files for versions {missing} to {Math.Min(end, target)} are"
                : $"the commit file for version {missing} is";
            problem = $"the log has a gap: {range} missing{after}";
        }

        throw Error(root, problem, checkpointFailure);
    }

    private static DeltaTableException Error(string root, string problem, Exception? inner = null) =>
        inner is null
            ? new DeltaTableException($"Delta table '{root}': {problem}.") { TableRoot = root }
            : new DeltaTableException($"Delta table '{root}': {problem}.", inner) { TableRoot = root };
}
