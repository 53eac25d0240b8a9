using System.Globalization;
using System.Text.Json;
using SignalFactory.DuckDb;

namespace SignalFactory.Profiling.Tests.Dispatch.Support;

/// <summary>An active file as the test's own log replay sees it.</summary>
internal sealed record ReferenceFile(string Path, IReadOnlyDictionary<string, string?> PartitionValues, long? NumRecords, long AddedIn);

/// <summary>The test's own view of a Delta table: protocol, partition columns, active files, commitInfo durations.</summary>
internal sealed record ReferenceTable(
    int MinReaderVersion,
    IReadOnlyList<string> ReaderFeatures,
    IReadOnlyList<string> PartitionColumns,
    IReadOnlyList<ReferenceFile> ActiveFiles,
    IReadOnlyDictionary<long, (DateTimeOffset? Timestamp, long? ExecutionTimeMs)> Commits);

/// <summary>
/// A deliberately simple Delta log replay written for the tests (independent of the Storage reader): newest
/// single-file checkpoint (read with DuckDB's <c>to_json</c>), then the JSON commits after it, add/remove by path.
/// </summary>
internal static class ReferenceDeltaLog
{
    /// <param name="root">The table folder.</param>
    /// <param name="connection">DuckDB, for checkpoints.</param>
    /// <param name="fromVersionZero">Replay every JSON commit and ignore checkpoints (all commits must still be there), so each file's adding commit is known.</param>
    public static ReferenceTable Read(string root, DuckDbConnection connection, bool fromVersionZero = false)
    {
        var log = Path.Combine(root, "_delta_log");
        var jsonVersions = Directory.GetFiles(log, "*.json").Select(f => long.Parse(Path.GetFileName(f)[..20], CultureInfo.InvariantCulture)).Order().ToList();
        var checkpoints = Directory.GetFiles(log, "*.checkpoint.parquet").Select(f => (Version: long.Parse(Path.GetFileName(f)[..20], CultureInfo.InvariantCulture), Path: f)).OrderBy(c => c.Version).ToList();
        var state = new State();
        long start = -1;
        if (checkpoints.Count > 0 && !fromVersionZero)
        {
            var (version, path) = checkpoints[^1];
            start = version;
            foreach (var column in new[] { "protocol", "metaData", "add" })
            {
                using var result = connection.Query($"SELECT to_json({column})::VARCHAR FROM read_parquet($1) WHERE {column} IS NOT NULL", path);
                while (result.Read())
                {
                    using var doc = JsonDocument.Parse(result.GetString(0));
                    state.Apply(column, doc.RootElement, version, root);
                }
            }
        }

        foreach (var version in jsonVersions.Where(v => v > start))
        {
            foreach (var line in File.ReadAllLines(Path.Combine(log, $"{version:D20}.json")).Where(l => l.Trim().Length > 0))
            {
                using var doc = JsonDocument.Parse(line);
                foreach (var action in doc.RootElement.EnumerateObject())
                {
                    state.Apply(action.Name, action.Value, version, root);
                }
            }
        }

        return new ReferenceTable(state.ReaderVersion, state.ReaderFeatures, state.PartitionColumns, [.. state.Active.Values], state.Commits);
    }

    /// <summary>"" unpartitioned; the value for one column; <c>k=v/…</c> for several; null as Hive's default name.</summary>
    public static string Label(IReadOnlyList<string> columns, IReadOnlyDictionary<string, string?> values)
    {
        string V(string c) => values.TryGetValue(c, out var v) && v is not null ? v : "__HIVE_DEFAULT_PARTITION__";
        return columns.Count switch
        {
            0 => "",
            1 => V(columns[0]),
            _ => string.Join('/', columns.Select(c => $"{c}={V(c)}")),
        };
    }

    private sealed class State
    {
        public int ReaderVersion { get; private set; } = 1;

        public List<string> ReaderFeatures { get; } = [];

        public List<string> PartitionColumns { get; } = [];

        public Dictionary<string, ReferenceFile> Active { get; } = new(StringComparer.Ordinal);

        public Dictionary<long, (DateTimeOffset?, long?)> Commits { get; } = [];

        public void Apply(string action, JsonElement value, long version, string root)
        {
            switch (action)
            {
                case "protocol":
                    ReaderVersion = value.GetProperty("minReaderVersion").GetInt32();
                    ReaderFeatures.Clear();
                    if (value.TryGetProperty("readerFeatures", out var features) && features.ValueKind == JsonValueKind.Array)
                    {
                        ReaderFeatures.AddRange(features.EnumerateArray().Select(f => f.GetString()!));
                    }

                    break;
                case "metaData":
                    PartitionColumns.Clear();
                    PartitionColumns.AddRange(value.GetProperty("partitionColumns").EnumerateArray().Select(c => c.GetString()!));
                    break;
                case "add":
                    var path = Resolve(root, value.GetProperty("path").GetString()!);
                    var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                    if (value.TryGetProperty("partitionValues", out var pv) && pv.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var p in pv.EnumerateObject())
                        {
                            values[p.Name] = p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString();
                        }
                    }

                    long? records = null;
                    if (value.TryGetProperty("stats", out var stats) && stats.ValueKind == JsonValueKind.String)
                    {
                        using var s = JsonDocument.Parse(stats.GetString()!);
                        if (s.RootElement.TryGetProperty("numRecords", out var n))
                        {
                            records = n.GetInt64();
                        }
                    }

                    Active[path] = new ReferenceFile(path, values, records, version);
                    break;
                case "remove":
                    Active.Remove(Resolve(root, value.GetProperty("path").GetString()!));
                    break;
                case "commitInfo":
                    DateTimeOffset? at = value.TryGetProperty("timestamp", out var ts) ? DateTimeOffset.FromUnixTimeMilliseconds(ts.GetInt64()) : null;
                    long? ms = value.TryGetProperty("operationMetrics", out var m) && m.TryGetProperty("executionTimeMs", out var e)
                        ? long.Parse(e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText(), CultureInfo.InvariantCulture)
                        : null;
                    Commits[version] = (at, ms);
                    break;
            }
        }

        private static string Resolve(string root, string path) =>
            Path.GetFullPath(Path.Combine(root, Uri.UnescapeDataString(path)));
    }
}
