using System.Globalization;
using SignalFactory.Core.Manifests;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Profiling.Dispatch;
using SignalFactory.Profiling.Store;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Policy.Signing;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>
/// Runs bootstrap commands against the local workspace. Registration checks the registry; profiling runs the
/// <see cref="DatasetProfiler"/> and stores the baseline (tagged with the bootstrap id; a rerun after a crash stores
/// the dataset's baseline again, which is harmless); synthetic baselines are not implemented yet. Policy steps: see
/// <see cref="PolicySteps"/>; certification: <see cref="CertificationStep"/>. Deferred certification is resumed by
/// the machine's first-write probe timer (<c>ProbeFirstWrite</c>); <c>DeferCertification</c> needs nothing locally.
/// Side-effect commands (notify, metric, timers) need nothing locally: timers live in the stored record.
/// </summary>
internal sealed class WorkspaceStepExecutor(Workspace workspace, TimeProvider clock, KeySources keys) : IBootstrapStepExecutor
{
    private readonly PolicySteps _policy = new(workspace, keys, clock);
    private readonly CertificationStep _certification = new(workspace, clock);

    public async Task<BootstrapEvent?> ExecuteAsync(BootstrapRecord record, BootstrapCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case ValidateRegistration:
                var registry = workspace.CreateRegistryStore(clock);
                var registered = await registry.GetAsync(record.DatasetUrn, null, cancellationToken).ConfigureAwait(false);
                return registered is null
                    ? new RegistrationFailed($"{record.DatasetUrn} is not registered; run 'sf registry register FILE'", Retryable: false)
                    : new RegistrationSucceeded($"registry://{record.DatasetUrn}@v{registered.Version}");
            case StartProfiling start:
                return await ProfileAsync(record, start, cancellationToken).ConfigureAwait(false);
            case GeneratePolicy generate:
                return await _policy.GenerateAsync(record, generate, cancellationToken).ConfigureAwait(false);
            case SignPolicy:
                return await _policy.PublishAsync(record, cancellationToken).ConfigureAwait(false);
            case InitCertifiedView:
                return await _certification.CertifyAsync(record, cancellationToken).ConfigureAwait(false);
            case ProbeFirstWrite:
                return await _certification.ProbeFirstWriteAsync(record, cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
    }

    private async Task<BootstrapEvent> ProfileAsync(BootstrapRecord record, StartProfiling start, CancellationToken cancellationToken)
    {
        if (start.Mode == ProfilingMode.Synthetic)
        {
            return new ProfilingFailed("synthetic baselines are not implemented yet", Retryable: false);
        }

        var dataset = await workspace.CreateRegistryStore(clock).GetAsync(record.DatasetUrn, null, cancellationToken).ConfigureAwait(false);
        var manifest = dataset is null ? null : ManifestLoader.Load(dataset.YamlContent, $"{record.DatasetUrn} (registered version {dataset.Version})").Manifest;
        if (manifest is null)
        {
            return new ProfilingFailed($"the registered manifest of {record.DatasetUrn} is missing or no longer validates", Retryable: false);
        }

        // Daily partitions: the lookback in days is the number of newest partitions to read.
        var options = new ProfileOptions { BootstrapId = record.BootstrapId, SampleRate = start.SamplingRate, LookbackPartitions = start.LookbackDays };
        try
        {
            var outcome = await new DatasetProfiler(clock).ProfileAsync(manifest, options, null, cancellationToken).ConfigureAwait(false);
            var stored = await new BaselineStore(workspace.CreateArtifactStore()).SaveAsync(record.DatasetUrn, outcome.Json, cancellationToken).ConfigureAwait(false);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["baseline_version"] = stored.Version.ToString(CultureInfo.InvariantCulture),
                ["partitions_sampled"] = outcome.Baseline.ProfilingMetadata.PartitionsSampled.ToString(CultureInfo.InvariantCulture),
                ["rows_sampled"] = outcome.Baseline.ProfilingMetadata.TotalRowsSampled.ToString(CultureInfo.InvariantCulture),
            };
            return new ProfilingSucceeded(stored.Key, metadata);
        }
        catch (DatasetProfilingException ex)
        {
            // The table is missing, unreadable or uses an unsupported feature: a retry in a minute will not fix it.
            return new ProfilingFailed(ex.Message, Retryable: false);
        }
    }
}
