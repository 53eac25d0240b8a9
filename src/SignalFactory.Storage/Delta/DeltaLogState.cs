namespace SignalFactory.Storage.Delta;

/// <summary>An <c>add</c> that is live in the replayed state, with the commit that added it (null: from a checkpoint).</summary>
internal sealed record LiveFile(AddFileAction Add, string AbsolutePath, long? AddedInVersion);

/// <summary>
/// Action reconciliation: the newest protocol and metadata win; a logical file is keyed by its resolved path and
/// deletion-vector id, and the newest <c>add</c>/<c>remove</c> for a path decides whether it is live.
/// </summary>
internal sealed class DeltaLogState
{
    private readonly string _tableRoot;
    private readonly Dictionary<string, LiveFile> _files = new(StringComparer.Ordinal);
    private readonly List<DeltaCommit> _commits = [];

    public DeltaLogState(string tableRoot)
    {
        _tableRoot = tableRoot;
    }

    public DeltaProtocol? Protocol { get; private set; }

    public MetadataAction? Metadata { get; private set; }

    public IReadOnlyCollection<LiveFile> Files => _files.Values;

    public IReadOnlyList<DeltaCommit> Commits => _commits;

    /// <summary>
    /// Applies the content of a checkpoint. Its <c>remove</c> actions are only tombstones for VACUUM and are not
    /// needed for a snapshot; sidecar and checkpointMetadata actions are handled by the caller.
    /// </summary>
    public void ApplyCheckpointAction(DeltaAction action)
    {
        switch (action)
        {
            case ProtocolAction protocol:
                Protocol = protocol.Protocol;
                break;
            case MetadataAction metadata:
                Metadata = metadata;
                break;
            case AddFileAction add:
                var absolute = DeltaPaths.ResolveDataPath(_tableRoot, add.Path);
                _files[absolute] = new LiveFile(add, absolute, add.DefaultRowCommitVersion);
                break;
        }
    }

    /// <summary>
    /// Applies one commit. Actions inside a commit are unordered by the protocol, and a valid commit never adds
    /// and removes the same logical file, so removes are applied before adds.
    /// </summary>
    public void ApplyCommit(long version, IReadOnlyList<DeltaAction> actions)
    {
        CommitInfoAction? info = null;
        foreach (var action in actions)
        {
            switch (action)
            {
                case ProtocolAction protocol:
                    Protocol = protocol.Protocol;
                    break;
                case MetadataAction metadata:
                    Metadata = metadata;
                    break;
                case RemoveFileAction remove:
                    Remove(remove);
                    break;
                case CommitInfoAction commitInfo:
                    info ??= commitInfo;
                    break;
            }
        }

        foreach (var action in actions)
        {
            if (action is AddFileAction add)
            {
                var absolute = DeltaPaths.ResolveDataPath(_tableRoot, add.Path);
                _files[absolute] = new LiveFile(add, absolute, version);
            }
        }

        _commits.Add(ToCommit(version, info));
    }

    /// <summary>Records the provenance of a commit that was not replayed (the checkpoint's own version).</summary>
    public void AddCommitInfo(long version, IReadOnlyList<DeltaAction> actions)
    {
        var info = actions.OfType<CommitInfoAction>().FirstOrDefault();
        _commits.Add(ToCommit(version, info));
    }

    private void Remove(RemoveFileAction remove)
    {
        var absolute = DeltaPaths.ResolveDataPath(_tableRoot, remove.Path);
        if (_files.TryGetValue(absolute, out var live)
            && string.Equals(live.Add.DeletionVectorId, remove.DeletionVectorId, StringComparison.Ordinal))
        {
            _files.Remove(absolute);
        }
    }

    internal static DeltaCommit ToCommit(long version, CommitInfoAction? info)
    {
        if (info is null)
        {
            return new DeltaCommit(version, null, null, new Dictionary<string, string?>(), new Dictionary<string, string?>(), null, null, null, null);
        }

        return new DeltaCommit(
            version,
            FromUnixMilliseconds(info.InCommitTimestamp ?? info.Timestamp),
            info.Operation,
            info.OperationParameters,
            info.OperationMetrics,
            info.ExecutionTimeMs,
            info.ReadVersion,
            info.IsBlindAppend,
            info.EngineInfo);
    }

    internal static DateTimeOffset? FromUnixMilliseconds(long? milliseconds)
    {
        const long min = -62_135_596_800_000; // 0001-01-01
        const long max = 253_402_300_799_999; // 9999-12-31T23:59:59.999
        return milliseconds is { } ms and >= min and <= max ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }
}
