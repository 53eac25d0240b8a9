using System.Globalization;
using System.Text.Json;

namespace SignalFactory.Storage.Delta;

/// <summary>
/// Parses Delta actions from their JSON form (one line of a commit file, or one checkpoint column turned into
/// JSON). Unknown action kinds and unknown fields are ignored, as the protocol requires.
/// </summary>
internal static class DeltaActionParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>Parses one line of a commit file; null for a blank line or an action this reader does not use.</summary>
    /// <exception cref="JsonException">The line is not JSON.</exception>
    /// <exception cref="DeltaLogFormatException">The line is JSON but not a well-formed action.</exception>
    public static DeltaAction? ParseLine(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        using var document = JsonDocument.Parse(line, DocumentOptions);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new DeltaLogFormatException("the line is not a JSON object");
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            var action = Parse(property.Name, property.Value);
            if (action is not null)
            {
                return action;
            }
        }

        return null;
    }

    /// <summary>Parses an action body of the given kind (JSON text); null when the kind is not used here.</summary>
    public static DeltaAction? Parse(RawDeltaAction raw)
    {
        using var document = JsonDocument.Parse(raw.Json, DocumentOptions);
        return Parse(raw.Kind, document.RootElement);
    }

    public static DeltaAction? Parse(string kind, JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new DeltaLogFormatException($"the '{kind}' action is not a JSON object");
        }

        return kind switch
        {
            "add" => ParseAdd(body),
            "remove" => new RemoveFileAction(RequiredString(body, "path", kind), DeletionVectorId(body)),
            "protocol" => ParseProtocol(body),
            "metaData" => ParseMetadata(body),
            "commitInfo" => ParseCommitInfo(body),
            "sidecar" => new SidecarAction(RequiredString(body, "path", kind), OptionalLong(body, "sizeInBytes") ?? 0),
            "checkpointMetadata" => new CheckpointMetadataAction(RequiredLong(body, "version", kind)),
            _ => null,
        };
    }

    private static AddFileAction ParseAdd(JsonElement body)
    {
        string? stats = null;
        if (body.TryGetProperty("stats", out var statsElement))
        {
            stats = statsElement.ValueKind switch
            {
                JsonValueKind.String => statsElement.GetString(),
                JsonValueKind.Object => statsElement.GetRawText(),
                _ => null,
            };
        }

        // Checkpoints may carry only the struct form of the stats.
        if (stats is null && body.TryGetProperty("stats_parsed", out var parsed) && parsed.ValueKind == JsonValueKind.Object)
        {
            stats = parsed.GetRawText();
        }

        return new AddFileAction(
            RequiredString(body, "path", "add"),
            StringMap(body, "partitionValues"),
            OptionalLong(body, "size") ?? throw Missing("add", "size"),
            OptionalLong(body, "modificationTime") ?? 0,
            stats,
            DeletionVectorId(body),
            OptionalLong(body, "defaultRowCommitVersion"));
    }

    private static ProtocolAction ParseProtocol(JsonElement body)
    {
        var reader = (int)RequiredLong(body, "minReaderVersion", "protocol");
        var writer = (int)RequiredLong(body, "minWriterVersion", "protocol");
        return new ProtocolAction(new DeltaProtocol(reader, writer, StringList(body, "readerFeatures"), StringList(body, "writerFeatures")));
    }

    private static MetadataAction ParseMetadata(JsonElement body)
    {
        var format = "parquet";
        if (body.TryGetProperty("format", out var formatElement)
            && formatElement.ValueKind == JsonValueKind.Object
            && formatElement.TryGetProperty("provider", out var provider)
            && provider.ValueKind == JsonValueKind.String)
        {
            format = provider.GetString()!;
        }

        var configuration = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in StringMap(body, "configuration"))
        {
            if (value is not null)
            {
                configuration[key] = value;
            }
        }

        return new MetadataAction(
            RequiredString(body, "id", "metaData"),
            OptionalString(body, "name"),
            OptionalString(body, "description"),
            format,
            RequiredString(body, "schemaString", "metaData"),
            StringList(body, "partitionColumns"),
            configuration,
            OptionalLong(body, "createdTime"));
    }

    private static CommitInfoAction ParseCommitInfo(JsonElement body)
    {
        var metrics = StringMap(body, "operationMetrics");
        var executionTime = OptionalLong(body, "executionTimeMs");
        if (executionTime is null
            && metrics.TryGetValue("executionTimeMs", out var fromMetrics)
            && long.TryParse(fromMetrics, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            executionTime = parsed;
        }

        return new CommitInfoAction(
            OptionalLong(body, "timestamp"),
            OptionalLong(body, "inCommitTimestamp"),
            OptionalString(body, "operation"),
            StringMap(body, "operationParameters"),
            metrics,
            executionTime,
            OptionalLong(body, "readVersion"),
            body.TryGetProperty("isBlindAppend", out var blind) && blind.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? blind.GetBoolean()
                : null,
            OptionalString(body, "engineInfo") ?? OptionalString(body, "clientVersion"));
    }

    // The protocol's uniqueId: storageType + pathOrInlineDv, plus "@offset" when an offset is present.
    private static string? DeletionVectorId(JsonElement body)
    {
        if (!body.TryGetProperty("deletionVector", out var dv) || dv.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var id = OptionalString(dv, "storageType") + OptionalString(dv, "pathOrInlineDv");
        var offset = OptionalLong(dv, "offset");
        return offset is null ? id : id + "@" + offset.Value.ToString(CultureInfo.InvariantCulture);
    }

    private static string RequiredString(JsonElement body, string name, string kind) =>
        OptionalString(body, name) ?? throw Missing(kind, name);

    private static long RequiredLong(JsonElement body, string name, string kind) =>
        OptionalLong(body, name) ?? throw Missing(kind, name);

    private static DeltaLogFormatException Missing(string kind, string name) =>
        new($"the '{kind}' action has no valid '{name}' field");

    private static string? OptionalString(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Numbers may also arrive as strings from some writers; anything else counts as absent.
    private static long? OptionalLong(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }

    private static IReadOnlyList<string> StringList(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return value.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.String)
            .Select(e => e.GetString()!)
            .ToList();
    }

    // JSON strings are kept unquoted, null stays null, other values keep their raw JSON text.
    private static Dictionary<string, string?> StringMap(JsonElement body, string name)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!body.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return map;
        }

        foreach (var property in value.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
        }

        return map;
    }
}
