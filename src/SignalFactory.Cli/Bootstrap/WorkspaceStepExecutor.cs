using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Policy.Signing;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>
/// Runs bootstrap commands against the local workspace. Registration checks the registry; profiling (full, sampled
/// or synthetic, out-of-memory answered as <see cref="ProfilingOutOfMemory"/>): see <see cref="ProfilingStep"/>. Policy
/// steps: see <see cref="PolicySteps"/>; certification: <see cref="CertificationStep"/>. Deferred certification is
/// resumed by the machine's first-write probe timer (<c>ProbeFirstWrite</c>); <c>DeferCertification</c> needs nothing locally.
/// Side-effect commands (notify, metric, timers) need nothing locally: timers live in the stored record.
/// </summary>
internal sealed class WorkspaceStepExecutor(Workspace workspace, TimeProvider clock, KeySources keys) : IBootstrapStepExecutor
{
    private readonly PolicySteps _policy = new(workspace, keys, clock);
    private readonly CertificationStep _certification = new(workspace, clock);

    /// <summary>The profiling step (its DuckDB memory limit and threads can be set for tests).</summary>
    public ProfilingStep Profiling { get; init; } = new(workspace, clock);

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
                return await Profiling.ProfileAsync(record, start, cancellationToken).ConfigureAwait(false);
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
}
