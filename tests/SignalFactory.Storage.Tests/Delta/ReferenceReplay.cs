using System.Text.Json;

namespace SignalFactory.Storage.Tests.Delta;

/// <summary>
/// The tests' own, deliberately tiny replay of JSON commits 0..version: the active set is every added path
/// not removed later (by the same raw path string). Good enough for the shared tables, and obviously correct.
/// </summary>
internal static class ReferenceReplay
{
    public sealed record ActiveAdd(string Path, Dictionary<string, string?> PartitionValues, long? NumRecords);

    public static bool HasFullJsonHistory(string table)
    {
        var log = System.IO.Path.Combine(table, "_delta_log");
        return File.Exists(System.IO.Path.Combine(log, CommitName(0)));
    }

    public static long LatestJsonVersion(string table)
    {
        var version = 0L;
        while (File.Exists(System.IO.Path.Combine(table, "_delta_log", CommitName(version + 1))))
        {
            version++;
        }

        return version;
    }

    public static Dictionary<string, ActiveAdd> Replay(string table, long version, long startAfter = -1, Dictionary<string, ActiveAdd>? initial = null)
    {
        var active = initial is null ? new Dictionary<string, ActiveAdd>() : new Dictionary<string, ActiveAdd>(initial);
        for (var v = startAfter + 1; v <= version; v++)
        {
            foreach (var line in File.ReadLines(System.IO.Path.Combine(table, "_delta_log", CommitName(v))))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("add", out var add))
                {
                    var path = add.GetProperty("path").GetString()!;
                    active[path] = ToActiveAdd(add);
                }
                else if (doc.RootElement.TryGetProperty("remove", out var remove))
                {
                    active.Remove(remove.GetProperty("path").GetString()!);
                }
            }
        }

        return active;
    }

    public static ActiveAdd ToActiveAdd(JsonElement add)
    {
        var values = new Dictionary<string, string?>();
        if (add.TryGetProperty("partitionValues", out var pv) && pv.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in pv.EnumerateObject())
            {
                values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
            }
        }

        long? numRecords = null;
        if (add.TryGetProperty("stats", out var stats) && stats.ValueKind == JsonValueKind.String)
        {
            using var statsDoc = JsonDocument.Parse(stats.GetString()!);
            if (statsDoc.RootElement.TryGetProperty("numRecords", out var n))
            {
                numRecords = n.GetInt64();
            }
        }

        return new ActiveAdd(add.GetProperty("path").GetString()!, values, numRecords);
    }

    public static string CommitName(long version) => version.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + ".json";
}
