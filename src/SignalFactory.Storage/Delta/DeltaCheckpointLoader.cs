using System.Text.Json;

namespace SignalFactory.Storage.Delta;

/// <summary>Reads the actions of a checkpoint Parquet file (or sidecar); implemented over DuckDB.</summary>
internal interface IDeltaCheckpointSource
{
    /// <summary>
    /// Returns the non-null <c>add</c>, <c>metaData</c>, <c>protocol</c>, <c>sidecar</c> and
    /// <c>checkpointMetadata</c> values of every row, each as JSON (maps as objects, stats as in the log).
    /// </summary>
    Task<IReadOnlyList<RawDeltaAction>> ReadActionsAsync(string parquetPath, CancellationToken ct);
}

/// <summary>A checkpoint could not be used; the reader then tries an older checkpoint or the JSON commits.</summary>
internal sealed class DeltaCheckpointException : Exception
{
    public DeltaCheckpointException()
    {
    }

    public DeltaCheckpointException(string message)
        : base(message)
    {
    }

    public DeltaCheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Loads a checkpoint into the replay state: classic and multi-part Parquet (V1), and V2 checkpoints (classic or
/// UUID-named, JSON or Parquet) with their sidecar files in <c>_delta_log/_sidecars</c>.
/// </summary>
internal sealed class DeltaCheckpointLoader
{
    private readonly IDeltaCheckpointSource? _source;

    public DeltaCheckpointLoader(IDeltaCheckpointSource? source)
    {
        _source = source;
    }

    /// <exception cref="DeltaCheckpointException">The checkpoint is unreadable or incomplete.</exception>
    public async Task LoadAsync(string tableRoot, string logDirectory, DeltaCheckpointFiles checkpoint, DeltaLogState state, CancellationToken ct)
    {
        var sidecars = new List<SidecarAction>();
        foreach (var file in checkpoint.Files)
        {
            var actions = checkpoint.Kind == DeltaCheckpointKind.UuidJson
                ? await ReadJsonCheckpointAsync(tableRoot, file, ct).ConfigureAwait(false)
                : await ReadParquetAsync(file, ct).ConfigureAwait(false);
            foreach (var action in actions)
            {
                switch (action)
                {
                    case SidecarAction sidecar:
                        sidecars.Add(sidecar);
                        break;
                    case CheckpointMetadataAction metadata when metadata.Version != checkpoint.Version:
                        throw new DeltaCheckpointException(
                            $"checkpoint '{Path.GetFileName(file)}' says it is for version {metadata.Version}");
                    default:
                        state.ApplyCheckpointAction(action);
                        break;
                }
            }
        }

        foreach (var sidecar in sidecars)
        {
            var path = DeltaPaths.ResolveSidecarPath(logDirectory, sidecar.Path);
            if (!File.Exists(path))
            {
                throw new DeltaCheckpointException(
                    $"checkpoint version {checkpoint.Version} references sidecar '{sidecar.Path}', which does not exist");
            }

            foreach (var action in await ReadParquetAsync(path, ct).ConfigureAwait(false))
            {
                if (action is AddFileAction)
                {
                    state.ApplyCheckpointAction(action);
                }
            }
        }
    }

    private static async Task<IReadOnlyList<DeltaAction>> ReadJsonCheckpointAsync(string tableRoot, string file, CancellationToken ct)
    {
        try
        {
            return await DeltaLogFiles.ReadActionsAsync(tableRoot, file, ct).ConfigureAwait(false);
        }
        catch (DeltaTableException ex)
        {
            throw new DeltaCheckpointException(ex.Message, ex);
        }
    }

    private async Task<IReadOnlyList<DeltaAction>> ReadParquetAsync(string file, CancellationToken ct)
    {
        if (_source is null)
        {
            throw new DeltaCheckpointException(
                $"checkpoint '{Path.GetFileName(file)}' is Parquet, and this reader was created without a DuckDB connection");
        }

        IReadOnlyList<RawDeltaAction> raws;
        try
        {
            raws = await _source.ReadActionsAsync(file, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DeltaCheckpointException)
        {
            throw new DeltaCheckpointException($"checkpoint file '{Path.GetFileName(file)}' cannot be read ({ex.Message})", ex);
        }

        var actions = new List<DeltaAction>(raws.Count);
        foreach (var raw in raws)
        {
            try
            {
                if (DeltaActionParser.Parse(raw) is { } action)
                {
                    actions.Add(action);
                }
            }
            catch (Exception ex) when (ex is JsonException or DeltaLogFormatException)
            {
                throw new DeltaCheckpointException(
                    $"checkpoint file '{Path.GetFileName(file)}' has a malformed '{raw.Kind}' action ({ex.Message})", ex);
            }
        }

        return actions;
    }
}
