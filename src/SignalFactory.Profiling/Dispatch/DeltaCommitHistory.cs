using System.Globalization;
using System.Text.Json;
using SignalFactory.Storage.Delta;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// Finds the commits that added the sampled files when the snapshot came from a checkpoint: the replay then starts
/// after the checkpoint, so a file written before it has no known commit and the timing section would lose its
/// job duration and commit time. The JSON commits at or before the checkpoint are usually still in the log (until
/// log retention removes them); they are read newest first, only until every wanted file is found. Best effort: a
/// missing or unreadable commit file leaves those files with the add action's modification time.
/// </summary>
internal static class DeltaCommitHistory
{
    public static async Task<(ScanPlan Plan, TableInventory Inventory)> FillAsync(
        ScanPlan plan, TableInventory inventory, DeltaSnapshot snapshot, CancellationToken ct)
    {
        var logPaths = snapshot.ActiveFiles.ToDictionary(f => f.AbsolutePath, f => f.Path, StringComparer.Ordinal);
        var wanted = plan.Selected
            .SelectMany(p => p.Files)
            .Where(f => Unknown(f, inventory) && logPaths.ContainsKey(f.Path))
            .Select(f => logPaths[f.Path])
            .ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0 || snapshot.CheckpointVersion is not { } checkpoint)
        {
            return (plan, inventory);
        }

        var found = await FindAsync(inventory.Location.Path, wanted, checkpoint, ct).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return (plan, inventory);
        }

        var commits = new Dictionary<long, DeltaCommit>(inventory.Commits);
        var versionOf = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (path, commit) in found)
        {
            versionOf[path] = commit.Version;
            commits.TryAdd(commit.Version, commit);
        }

        var selected = plan.Selected
            .Select(p => p with
            {
                Files = [.. p.Files.Select(f =>
                    Unknown(f, inventory) && logPaths.TryGetValue(f.Path, out var logPath) && versionOf.TryGetValue(logPath, out var v)
                        ? f with { CommitVersion = v, ArrivedAt = commits[v].Timestamp ?? f.ArrivedAt }
                        : f)],
            })
            .ToList();
        return (plan with { Selected = selected }, inventory with { Commits = commits });
    }

    // No adding commit, or one (a checkpoint's defaultRowCommitVersion) whose commitInfo the replay did not see.
    private static bool Unknown(InventoryFile file, TableInventory inventory) =>
        file.CommitVersion is not { } v || !inventory.Commits.ContainsKey(v);

    /// <summary>Log path → the commit that added it, for the wanted paths found in commits ≤ <paramref name="newest"/>.</summary>
    private static async Task<Dictionary<string, DeltaCommit>> FindAsync(
        string root, HashSet<string> wanted, long newest, CancellationToken ct)
    {
        var found = new Dictionary<string, DeltaCommit>(StringComparer.Ordinal);
        var log = Path.Combine(root, "_delta_log");
        var versions = Directory.EnumerateFiles(log, "*.json")
            .Select(f => Path.GetFileName(f))
            .Where(n => n.Length == 25 && long.TryParse(n.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(n => long.Parse(n.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture))
            .Where(v => v <= newest)
            .OrderDescending();
        foreach (var version in versions)
        {
            if (wanted.Count == 0)
            {
                break;
            }

            var (added, commit) = await ReadCommitAsync(Path.Combine(log, $"{version:D20}.json"), version, wanted, ct).ConfigureAwait(false);
            foreach (var path in added)
            {
                wanted.Remove(path);
                found[path] = commit;
            }
        }

        return found;
    }

    private static async Task<(List<string> Added, DeltaCommit Commit)> ReadCommitAsync(
        string file, long version, HashSet<string> wanted, CancellationToken ct)
    {
        var added = new List<string>();
        DateTimeOffset? timestamp = null;
        long? executionMs = null;
        string? operation = null;
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(file, ct).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return ([], Commit(version, null, null, null));
        }

        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.TryGetProperty("add", out var add) && add.TryGetProperty("path", out var p)
                    && p.GetString() is { } path && wanted.Contains(path))
                {
                    added.Add(path);
                }
                else if (root.TryGetProperty("commitInfo", out var info))
                {
                    (timestamp, executionMs, operation) = ReadCommitInfo(info);
                }
            }
            catch (JsonException)
            {
                // A damaged line in a commit the snapshot did not need: timing is best effort.
            }
        }

        return (added, Commit(version, timestamp, executionMs, operation));
    }

    private static (DateTimeOffset? Timestamp, long? ExecutionMs, string? Operation) ReadCommitInfo(JsonElement info)
    {
        DateTimeOffset? timestamp = null;
        foreach (var name in new[] { "inCommitTimestamp", "timestamp" })
        {
            if (timestamp is null && info.TryGetProperty(name, out var t) && t.TryGetInt64(out var ms))
            {
                timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
        }

        long? execution = null;
        if (info.TryGetProperty("operationMetrics", out var metrics) && metrics.ValueKind == JsonValueKind.Object
            && metrics.TryGetProperty("executionTimeMs", out var e))
        {
            var text = e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                execution = value;
            }
        }

        var operation = info.TryGetProperty("operation", out var op) && op.ValueKind == JsonValueKind.String ? op.GetString() : null;
        return (timestamp, execution, operation);
    }

    private static DeltaCommit Commit(long version, DateTimeOffset? timestamp, long? executionMs, string? operation) =>
        new(version, timestamp, operation, new Dictionary<string, string?>(), new Dictionary<string, string?>(), executionMs, null, null, null);
}
