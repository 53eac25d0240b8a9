using System.Text.Json;

namespace SignalFactory.Storage.Delta;

/// <summary>
/// Turns the replayed state into a <see cref="DeltaSnapshot"/>: checks the protocol, parses the schema, and maps
/// partition values and statistics from physical to logical column names.
/// </summary>
internal static class DeltaSnapshotBuilder
{
    public static DeltaSnapshot Build(string tableRoot, long version, long? checkpointVersion, DeltaLogState state)
    {
        var protocol = state.Protocol ?? throw new DeltaTableException(
            $"Delta table '{tableRoot}' has no protocol action up to version {version}; the log is incomplete.")
        {
            TableRoot = tableRoot,
        };
        DeltaProtocolSupport.EnsureReadable(protocol, tableRoot);

        var raw = state.Metadata ?? throw new DeltaTableException(
            $"Delta table '{tableRoot}' has no metaData action up to version {version}; the log is incomplete.")
        {
            TableRoot = tableRoot,
        };
        var metadata = BuildMetadata(tableRoot, protocol, raw);

        var partitionPhysical = metadata.PartitionColumns
            .Select(column => (Logical: column, Physical: FindField(metadata.Schema, column)?.PhysicalName ?? column))
            .ToList();

        var files = new List<DeltaFile>(state.Files.Count);
        foreach (var live in state.Files)
        {
            if (live.Add.DeletionVectorId is not null)
            {
                throw new DeltaTableException(
                    $"Delta table '{tableRoot}' has a deletion vector on file '{live.Add.Path}' (reader feature 'deletionVectors'), which this reader does not support.")
                {
                    TableRoot = tableRoot,
                    UnsupportedFeatures = ["deletionVectors"],
                };
            }

            files.Add(new DeltaFile(
                live.Add.Path,
                live.AbsolutePath,
                live.Add.Size,
                DeltaLogState.FromUnixMilliseconds(live.Add.ModificationTime) ?? DateTimeOffset.UnixEpoch,
                PartitionValues(live.Add.PartitionValues, partitionPhysical),
                ParseStats(live.Add.StatsJson, metadata),
                live.AddedInVersion));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var commits = state.Commits.OrderBy(c => c.Version).ToList();
        return new DeltaSnapshot(tableRoot, version, protocol, metadata, files, commits, checkpointVersion);
    }

    private static DeltaMetadata BuildMetadata(string tableRoot, DeltaProtocol protocol, MetadataAction raw)
    {
        var mode = DeltaProtocolSupport.ColumnMappingMode(protocol, raw.Configuration, tableRoot);
        IReadOnlyList<DeltaField> schema;
        try
        {
            schema = DeltaSchemaParser.Parse(raw.SchemaString, mode);
        }
        catch (DeltaLogFormatException ex)
        {
            throw new DeltaTableException($"Delta table '{tableRoot}': {ex.Message}.", ex) { TableRoot = tableRoot };
        }

        foreach (var column in raw.PartitionColumns)
        {
            if (FindField(schema, column) is null)
            {
                throw new DeltaTableException(
                    $"Delta table '{tableRoot}': partition column '{column}' is not in the table schema.")
                {
                    TableRoot = tableRoot,
                };
            }
        }

        return new DeltaMetadata(
            raw.Id,
            raw.Name,
            raw.Description,
            raw.Format,
            schema,
            raw.PartitionColumns,
            raw.Configuration,
            mode,
            DeltaLogState.FromUnixMilliseconds(raw.CreatedTime),
            raw.SchemaString);
    }

    // Spark matches column names case-insensitively; an exact match wins.
    private static DeltaField? FindField(IReadOnlyList<DeltaField> fields, string name) =>
        fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
        ?? fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    // The protocol serialises a null partition value as a missing key, JSON null or an empty string.
    private static IReadOnlyDictionary<string, string?> PartitionValues(
        IReadOnlyDictionary<string, string?> raw,
        List<(string Logical, string Physical)> columns)
    {
        var values = new OrderedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (logical, physical) in columns)
        {
            if (!raw.TryGetValue(physical, out var value) && !raw.TryGetValue(logical, out value))
            {
                value = raw.FirstOrDefault(kv => string.Equals(kv.Key, physical, StringComparison.OrdinalIgnoreCase)).Value;
            }

            values[logical] = string.IsNullOrEmpty(value) ? null : value;
        }

        return new System.Collections.ObjectModel.ReadOnlyDictionary<string, string?>(values);
    }

    // Stats are optional: a malformed stats string is treated like missing stats (counts then come from footers).
    private static DeltaFileStats? ParseStats(string? json, DeltaMetadata metadata)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            long? numRecords = root.TryGetProperty("numRecords", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt64(out var count)
                ? count
                : null;
            bool? tightBounds = root.TryGetProperty("tightBounds", out var t) && t.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? t.GetBoolean()
                : null;
            return new DeltaFileStats(
                numRecords,
                tightBounds,
                ColumnStats(root, "nullCount", metadata),
                ColumnStats(root, "minValues", metadata),
                ColumnStats(root, "maxValues", metadata));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? ColumnStats(JsonElement root, string name, DeltaMetadata metadata)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return metadata.ColumnMappingMode == DeltaColumnMappingMode.None
            ? value.Clone()
            : StatsRenamer.ToLogicalNames(value, metadata.Schema);
    }
}
