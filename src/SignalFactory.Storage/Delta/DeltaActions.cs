namespace SignalFactory.Storage.Delta;

/// <summary>One action of the Delta log, as read from a JSON commit or a checkpoint.</summary>
internal abstract record DeltaAction;

/// <summary>
/// An <c>add</c> action. <see cref="StatsJson"/> is kept as text and parsed only for files that survive the
/// replay. <see cref="DeletionVectorId"/> is the DV's unique id (storage type + path/inline data + offset).
/// </summary>
internal sealed record AddFileAction(
    string Path,
    IReadOnlyDictionary<string, string?> PartitionValues,
    long Size,
    long ModificationTime,
    string? StatsJson,
    string? DeletionVectorId,
    long? DefaultRowCommitVersion) : DeltaAction;

internal sealed record RemoveFileAction(string Path, string? DeletionVectorId) : DeltaAction;

internal sealed record ProtocolAction(DeltaProtocol Protocol) : DeltaAction;

internal sealed record MetadataAction(
    string Id,
    string? Name,
    string? Description,
    string Format,
    string SchemaString,
    IReadOnlyList<string> PartitionColumns,
    IReadOnlyDictionary<string, string> Configuration,
    long? CreatedTime) : DeltaAction;

/// <summary>A <c>commitInfo</c> action; the version is filled in from the commit file's name.</summary>
internal sealed record CommitInfoAction(
    long? Timestamp,
    long? InCommitTimestamp,
    string? Operation,
    IReadOnlyDictionary<string, string?> OperationParameters,
    IReadOnlyDictionary<string, string?> OperationMetrics,
    long? ExecutionTimeMs,
    long? ReadVersion,
    bool? IsBlindAppend,
    string? EngineInfo) : DeltaAction;

/// <summary>A V2 checkpoint's reference to a sidecar file holding some of its file actions.</summary>
internal sealed record SidecarAction(string Path, long SizeInBytes) : DeltaAction;

/// <summary>The <c>checkpointMetadata</c> action every V2 checkpoint carries.</summary>
internal sealed record CheckpointMetadataAction(long Version) : DeltaAction;

/// <summary>An action kind and its JSON body, as a checkpoint reader hands them over.</summary>
internal readonly record struct RawDeltaAction(string Kind, string Json);

/// <summary>The structure of an action is not what the protocol says (a required field missing or mistyped).</summary>
internal sealed class DeltaLogFormatException : Exception
{
    public DeltaLogFormatException()
    {
    }

    public DeltaLogFormatException(string message)
        : base(message)
    {
    }

    public DeltaLogFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
