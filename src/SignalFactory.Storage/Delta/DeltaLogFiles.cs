using System.Text.Json;

namespace SignalFactory.Storage.Delta;

/// <summary>The <c>_last_checkpoint</c> hint: the version of a recent checkpoint and its part count.</summary>
internal sealed record LastCheckpointHint(long Version, int? Parts);

/// <summary>Reads the JSON files of a Delta log: commits (and JSON V2 checkpoints) and <c>_last_checkpoint</c>.</summary>
internal static class DeltaLogFiles
{
    /// <summary>Reads every action of a newline-delimited JSON file; errors name the file and the line.</summary>
    public static async Task<IReadOnlyList<DeltaAction>> ReadActionsAsync(string tableRoot, string path, CancellationToken ct)
    {
        var actions = new List<DeltaAction>();
        var lineNumber = 0;
        try
        {
            await foreach (var line in File.ReadLinesAsync(path, ct).ConfigureAwait(false))
            {
                lineNumber++;
                var action = DeltaActionParser.ParseLine(line);
                if (action is not null)
                {
                    actions.Add(action);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new DeltaTableException(
                $"Delta table '{tableRoot}': log file '{Path.GetFileName(path)}' line {lineNumber} is not valid JSON (byte {ex.BytePositionInLine ?? 0}).",
                ex)
            {
                TableRoot = tableRoot,
            };
        }
        catch (DeltaLogFormatException ex)
        {
            throw new DeltaTableException(
                $"Delta table '{tableRoot}': log file '{Path.GetFileName(path)}' line {lineNumber}: {ex.Message}.",
                ex)
            {
                TableRoot = tableRoot,
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeltaTableException(
                $"Delta table '{tableRoot}': log file '{Path.GetFileName(path)}' cannot be read ({ex.Message}).",
                ex)
            {
                TableRoot = tableRoot,
            };
        }

        return actions;
    }

    /// <summary>Reads <c>_delta_log/_last_checkpoint</c>; null when it is missing or unreadable (the listing decides then).</summary>
    public static async Task<LastCheckpointHint?> ReadLastCheckpointAsync(string logDirectory, CancellationToken ct)
    {
        var path = Path.Combine(logDirectory, "_last_checkpoint");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version)
                || !version.TryGetInt64(out var v))
            {
                return null;
            }

            int? parts = root.TryGetProperty("parts", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? n : null;
            return new LastCheckpointHint(v, parts);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }
}
