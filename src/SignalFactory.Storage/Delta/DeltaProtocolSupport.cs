namespace SignalFactory.Storage.Delta;

/// <summary>
/// Which protocol versions and reader features this reader implements. A table that needs anything else is
/// refused with an error naming what is missing, never read approximately.
/// </summary>
internal static class DeltaProtocolSupport
{
    public const int MaxReaderVersion = 3;

    // columnMapping: logical/physical names are resolved; timestampNtz: only a type, nothing to do for the log;
    // v2Checkpoint: UUID-named checkpoints and sidecars are read; vacuumProtocolCheck: nothing to do for readers.
    // Not supported: deletionVectors (rows hidden by DVs would be counted), typeWidening (old files would need
    // casts the profiler does not make), variantType/variantShredding, catalogManaged (needs the catalog).
    private static readonly HashSet<string> SupportedReaderFeatures = new(StringComparer.Ordinal)
    {
        "columnMapping",
        "timestampNtz",
        "v2Checkpoint",
        "vacuumProtocolCheck",
    };

    public static void EnsureReadable(DeltaProtocol protocol, string tableRoot)
    {
        var problems = new List<string>();
        var unsupported = new List<string>();
        if (protocol.MinReaderVersion > MaxReaderVersion)
        {
            var version = $"readerVersion {protocol.MinReaderVersion}";
            unsupported.Add(version);
            problems.Add($"{version} (this reader supports reader versions 1 to {MaxReaderVersion})");
        }

        // Feature lists exist from reader version 3 on; a higher version still names its features when it has any.
        if (protocol.MinReaderVersion >= 3)
        {
            var features = protocol.ReaderFeatures
                .Where(f => !SupportedReaderFeatures.Contains(f))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (features.Count > 0)
            {
                var noun = features.Count == 1 ? "reader feature" : "reader features";
                problems.Add($"{noun} {string.Join(", ", features.Select(f => $"'{f}'"))}, which this reader does not support");
                unsupported.AddRange(features);
            }
        }

        if (problems.Count == 0)
        {
            return;
        }

        throw new DeltaTableException($"Delta table '{tableRoot}' requires {string.Join(" and ", problems)}.")
        {
            TableRoot = tableRoot,
            UnsupportedFeatures = unsupported,
        };
    }

    /// <summary>Column mapping is honoured on reader version 2, or on version 3 with the <c>columnMapping</c> feature.</summary>
    public static DeltaColumnMappingMode ColumnMappingMode(
        DeltaProtocol protocol,
        IReadOnlyDictionary<string, string> configuration,
        string tableRoot)
    {
        var enabled = protocol.MinReaderVersion == 2
            || (protocol.MinReaderVersion >= 3 && protocol.ReaderFeatures.Contains("columnMapping", StringComparer.Ordinal));
        if (!enabled || !configuration.TryGetValue("delta.columnMapping.mode", out var mode))
        {
            return DeltaColumnMappingMode.None;
        }

        return mode.ToLowerInvariant() switch
        {
            "none" => DeltaColumnMappingMode.None,
            "name" => DeltaColumnMappingMode.Name,
            "id" => DeltaColumnMappingMode.Id,
            _ => throw new DeltaTableException(
                $"Delta table '{tableRoot}' has an unknown delta.columnMapping.mode '{mode}'.")
            {
                TableRoot = tableRoot,
                UnsupportedFeatures = ["columnMapping mode " + mode],
            },
        };
    }
}
