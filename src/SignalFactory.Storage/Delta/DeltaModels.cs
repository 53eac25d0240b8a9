using System.Text.Json;

namespace SignalFactory.Storage.Delta;

/// <summary>The table's <c>protocol</c> action: the reader/writer versions and, for version 3/7, the feature lists.</summary>
public sealed record DeltaProtocol(
    int MinReaderVersion,
    int MinWriterVersion,
    IReadOnlyList<string> ReaderFeatures,
    IReadOnlyList<string> WriterFeatures);

/// <summary>How column names in data files, partition values and statistics relate to the schema's display names.</summary>
public enum DeltaColumnMappingMode
{
    /// <summary>Physical names are the display names.</summary>
    None,

    /// <summary>Data files, partition values and stats use <c>delta.columnMapping.physicalName</c>.</summary>
    Name,

    /// <summary>Data files are resolved by Parquet field id; partition values and stats use physical names.</summary>
    Id,
}

/// <summary>
/// One column of the table schema. <see cref="Name"/> is the logical (display) name; <see cref="PhysicalName"/> is
/// the name used in data files, partition values and stats (equal to <see cref="Name"/> without column mapping).
/// <see cref="Type"/> is a readable type string (<c>long</c>, <c>decimal(10,2)</c>, <c>struct&lt;a:int&gt;</c>,
/// <c>array&lt;string&gt;</c>); <see cref="TypeJson"/> is the type exactly as in the log.
/// <see cref="Fields"/> holds the children of a struct column (empty otherwise).
/// </summary>
public sealed record DeltaField(
    string Name,
    string PhysicalName,
    string Type,
    bool Nullable,
    int? FieldId,
    IReadOnlyList<DeltaField> Fields,
    string TypeJson);

/// <summary>The table's <c>metaData</c> action, with the schema parsed.</summary>
public sealed record DeltaMetadata(
    string Id,
    string? Name,
    string? Description,
    string Format,
    IReadOnlyList<DeltaField> Schema,
    IReadOnlyList<string> PartitionColumns,
    IReadOnlyDictionary<string, string> Configuration,
    DeltaColumnMappingMode ColumnMappingMode,
    DateTimeOffset? CreatedTime,
    string SchemaString);

/// <summary>
/// Per-file statistics from an <c>add</c> action. Column-keyed objects (<see cref="NullCount"/>,
/// <see cref="MinValues"/>, <see cref="MaxValues"/>) are JSON objects mirroring the schema (nested for structs),
/// keyed by logical column names. They are null when the writer did not record them.
/// </summary>
public sealed record DeltaFileStats(
    long? NumRecords,
    bool? TightBounds,
    JsonElement? NullCount,
    JsonElement? MinValues,
    JsonElement? MaxValues);

/// <summary>
/// One active data file of a snapshot. <see cref="Path"/> is the path as written in the log (URI-encoded, usually
/// relative); <see cref="AbsolutePath"/> is decoded and resolved against the table root (a local path, or the
/// URI for non-file schemes). <see cref="PartitionValues"/> has one entry per partition column, keyed by logical
/// name, null for a null partition value. <see cref="Stats"/> is null when the writer recorded no statistics.
/// <see cref="AddedInVersion"/> is the commit that added the file when the replay saw it, the
/// <c>defaultRowCommitVersion</c> for files taken from a checkpoint when the writer recorded it, else null.
/// </summary>
public sealed record DeltaFile(
    string Path,
    string AbsolutePath,
    long Size,
    DateTimeOffset ModificationTime,
    IReadOnlyDictionary<string, string?> PartitionValues,
    DeltaFileStats? Stats,
    long? AddedInVersion);

/// <summary>
/// Provenance of one commit (<c>commitInfo</c>). <see cref="Timestamp"/> is the in-commit timestamp when present,
/// else the commit's <c>timestamp</c>; null when the commit has no <c>commitInfo</c>. Maps keep the values as
/// written (JSON strings unquoted, other JSON values as raw text).
/// </summary>
public sealed record DeltaCommit(
    long Version,
    DateTimeOffset? Timestamp,
    string? Operation,
    IReadOnlyDictionary<string, string?> OperationParameters,
    IReadOnlyDictionary<string, string?> OperationMetrics,
    long? ExecutionTimeMs,
    long? ReadVersion,
    bool? IsBlindAppend,
    string? EngineInfo);

/// <summary>
/// The active files that share one combination of partition values. <see cref="NumRecords"/> is the sum of the
/// files' <c>numRecords</c> statistics, or null when any file lacks them (count those from Parquet footers).
/// </summary>
public sealed record DeltaPartition(
    IReadOnlyDictionary<string, string?> Values,
    IReadOnlyList<DeltaFile> Files)
{
    public int FileCount => Files.Count;

    public long TotalSize => Files.Sum(f => f.Size);

    public long? NumRecords
    {
        get
        {
            long total = 0;
            foreach (var file in Files)
            {
                if (file.Stats?.NumRecords is not { } n)
                {
                    return null;
                }

                total += n;
            }

            return total;
        }
    }
}
