using System.Globalization;
using System.Text.Json;
using SignalFactory.Core.Manifests;
using SignalFactory.DuckDb;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Store;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Dispatch;
using SignalFactory.Profiling.Engine;
using SignalFactory.Profiling.Store;
using SignalFactory.Profiling.Synthetic;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>
/// Step 2 of a bootstrap (<see cref="StartProfiling"/>). Full and sampled modes run the <see cref="DatasetProfiler"/>
/// with its own out-of-memory handling switched off, so the first out-of-memory answers
/// <see cref="ProfilingOutOfMemory"/> and the state machine moves full → sampled 10 % → synthetic, one durable,
/// audited step each (a worker killed during the sampled attempt resumes sampled, not full). Synthetic mode
/// (<c>skip_profiling</c>, <c>PROFILING_OOM_FALLBACK</c>) stores an LLD §4.6 baseline from tier defaults.
/// <para>
/// Idempotent per transition: after saving, the step writes <c>bootstraps/{id}/profiling.json</c> naming the record
/// version that asked and the baseline version it stored; a worker killed before the transition was stored runs the
/// command again, finds the marker and answers with the same baseline instead of adding a history entry.
/// </para>
/// </summary>
internal sealed class ProfilingStep(Workspace workspace, TimeProvider clock)
{
    /// <summary>
    /// DuckDB memory limit of a profile; null (the default) reads the workspace setting <c>profiling.memory_limit</c>
    /// at every profile. Tests set a tiny one to provoke a real out-of-memory.
    /// </summary>
    public string? MemoryLimit { get; init; }

    /// <summary>DuckDB threads; null for the machine's cores.</summary>
    public int? Threads { get; init; }

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string MarkerKey(string bootstrapId) => $"bootstraps/{bootstrapId}/profiling.json";

    public async Task<BootstrapEvent> ProfileAsync(BootstrapRecord record, StartProfiling start, CancellationToken ct)
    {
        var baselines = new BaselineStore(workspace.CreateArtifactStore());
        if (await AlreadyDoneAsync(baselines, record, ct).ConfigureAwait(false) is { } done)
        {
            return Succeeded(done, rerun: true);
        }

        if (start.Mode == ProfilingMode.Synthetic)
        {
            var reason = SyntheticReason(record, start);
            var baseline = new SyntheticBaselineGenerator(clock).Generate(record.DatasetUrn, record.Tier, record.BootstrapId, reason);
            if (reason == SyntheticReasons.ProfilingOomFallback && record.Steps.Profiling.ErrorMessage is { } error)
            {
                baseline = baseline with
                {
                    ProfilingMetadata = baseline.ProfilingMetadata with
                    {
                        Warnings = [new BaselineWarning { Code = BaselineWarningCodes.ProfilingOutOfMemory, Message = error }],
                    },
                };
            }

            return Succeeded(await SaveAsync(baselines, record, BaselineJson.Serialize(baseline), ct).ConfigureAwait(false), rerun: false);
        }

        var dataset = await workspace.CreateRegistryStore(clock).GetAsync(record.DatasetUrn, null, ct).ConfigureAwait(false);
        var manifest = dataset is null ? null : ManifestLoader.Load(dataset.YamlContent, $"{record.DatasetUrn} (registered version {dataset.Version})").Manifest;
        if (manifest is null)
        {
            return new ProfilingFailed($"the registered manifest of {record.DatasetUrn} is missing or no longer validates", Retryable: false);
        }

        var memoryLimit = MemoryLimit
            ?? await new WorkspaceSettings(workspace.DatabasePath, clock).ResolveProfilingMemoryLimitAsync(ct).ConfigureAwait(false);

        // Daily partitions: the lookback in days is the number of newest partitions to read.
        var options = new ProfileOptions
        {
            BootstrapId = record.BootstrapId,
            SampleRate = start.Mode == ProfilingMode.Sampled ? start.SamplingRate : null,
            LookbackPartitions = start.LookbackDays,
            MemoryLimit = memoryLimit,
            Threads = Threads,
            HandleOutOfMemory = false,
        };
        try
        {
            var outcome = await new DatasetProfiler(clock).ProfileAsync(manifest, options, null, ct).ConfigureAwait(false);
            var stored = await SaveAsync(baselines, record, outcome.Json, ct).ConfigureAwait(false);
            return Succeeded(stored, rerun: false);
        }
        catch (Exception ex) when (OutOfMemoryMessage(ex, options.MemoryLimit, start.Mode) is { } message)
        {
            return new ProfilingOutOfMemory(message);
        }
        catch (DatasetProfilingException ex)
        {
            // The table is missing, unreadable or uses an unsupported feature: a retry in a minute will not fix it.
            return new ProfilingFailed(ex.Message, Retryable: false);
        }
    }

    /// <summary>
    /// The error text of an out-of-memory anywhere in <paramref name="exception"/>'s chain (the scan, or DuckDB while
    /// reading the Delta log and footers); null for any other failure.
    /// </summary>
    internal static string? OutOfMemoryMessage(Exception exception, string memoryLimit, ProfilingMode mode)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case ProfilingOutOfMemoryException oom:
                    return oom.Message;
                case DuckDbException duck when duck.IsOutOfMemory:
                    // DuckDB's message names sizes only, never data values.
                    return $"DuckDB ran out of memory (memory_limit {memoryLimit}) in {mode.ToString().ToLowerInvariant()} mode: {duck.Message}";
            }
        }

        return null;
    }

    private static string SyntheticReason(BootstrapRecord record, StartProfiling start) =>
        start.Reason == SyntheticReasons.ProfilingOomFallback || !record.SkipProfiling
            ? SyntheticReasons.ProfilingOomFallback
            : SyntheticReasons.SkipProfilingRequested;

    private static ProfilingSucceeded Succeeded(StoredBaseline stored, bool rerun)
    {
        var meta = stored.Baseline.ProfilingMetadata;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["baseline_version"] = stored.Version.ToString(CultureInfo.InvariantCulture),
            ["partitions_sampled"] = meta.PartitionsSampled.ToString(CultureInfo.InvariantCulture),
            ["rows_sampled"] = meta.TotalRowsSampled.ToString(CultureInfo.InvariantCulture),
            ["is_synthetic"] = meta.IsSynthetic ? "true" : "false",
            ["confidence"] = meta.Confidence,
        };
        if (meta.SyntheticReason is { } reason)
        {
            metadata["synthetic_reason"] = reason;
        }

        if (rerun)
        {
            metadata["reused_after_restart"] = "true";
        }

        return new ProfilingSucceeded(stored.Key, metadata);
    }

    private async Task<StoredBaseline> SaveAsync(BaselineStore baselines, BootstrapRecord record, byte[] json, CancellationToken ct)
    {
        var stored = await baselines.SaveAsync(record.DatasetUrn, json, ct).ConfigureAwait(false);
        var marker = JsonSerializer.SerializeToUtf8Bytes(new Marker(record.Version, stored.Version), s_json);
        await workspace.CreateArtifactStore().WriteAsync(MarkerKey(record.BootstrapId), marker, ct).ConfigureAwait(false);
        return stored;
    }

    private async Task<StoredBaseline?> AlreadyDoneAsync(BaselineStore baselines, BootstrapRecord record, CancellationToken ct)
    {
        var bytes = await workspace.CreateArtifactStore().ReadAsync(MarkerKey(record.BootstrapId), ct).ConfigureAwait(false);
        Marker? marker;
        try
        {
            marker = bytes is null ? null : JsonSerializer.Deserialize<Marker>(bytes, s_json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (marker is null || marker.RecordVersion != record.Version)
        {
            return null;
        }

        var entry = await baselines.GetVersionAsync(record.DatasetUrn, marker.BaselineVersion, ct).ConfigureAwait(false);
        if (entry is null || entry.Baseline.BootstrapId != record.BootstrapId)
        {
            return null;
        }

        // Saving the newest entry's bytes again adds no entry; it repairs the latest file if the crash came between the two writes.
        return await baselines.SaveAsync(record.DatasetUrn, entry.Json, ct).ConfigureAwait(false);
    }

    private sealed record Marker(long RecordVersion, int BaselineVersion);
}
