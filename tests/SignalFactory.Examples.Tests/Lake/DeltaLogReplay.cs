using System.Text.Json;

namespace SignalFactory.Examples.Tests.Lake;

/// <summary>
/// The test's own reading of a Delta log, written from the protocol and independent of the generator's code:
/// commits are applied in version order, an add puts a path in the active set, a remove takes it out.
/// </summary>
public sealed class DeltaLogReplay
{
    public SortedDictionary<long, List<JsonElement>> Commits { get; } = [];

    public Dictionary<string, JsonElement> Active { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonElement> Removed { get; } = new(StringComparer.Ordinal);

    public static DeltaLogReplay Read(string tableDirectory, long? upToVersion = null)
    {
        var replay = new DeltaLogReplay();
        foreach (var file in Directory.GetFiles(Path.Combine(tableDirectory, "_delta_log"), "*.json"))
        {
            var version = long.Parse(Path.GetFileNameWithoutExtension(file), System.Globalization.CultureInfo.InvariantCulture);
            if (upToVersion is { } limit && version > limit)
            {
                continue;
            }

            replay.Commits[version] = File.ReadAllLines(file)
                .Where(l => l.Length > 0)
                .Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .ToList();
        }

        foreach (var action in replay.Commits.Values.SelectMany(c => c))
        {
            if (action.TryGetProperty("add", out var add))
            {
                var path = add.GetProperty("path").GetString()!;
                replay.Active[path] = add;
                replay.Removed.Remove(path);
            }
            else if (action.TryGetProperty("remove", out var remove))
            {
                var path = remove.GetProperty("path").GetString()!;
                replay.Active.Remove(path);
                replay.Removed[path] = remove;
            }
        }

        return replay;
    }

    /// <summary>The local file an add/remove path names (the path is a URI, so it is decoded).</summary>
    public static string LocalPath(string tableDirectory, string logPath) =>
        Path.Combine(tableDirectory, Uri.UnescapeDataString(logPath).Replace('/', Path.DirectorySeparatorChar));
}
