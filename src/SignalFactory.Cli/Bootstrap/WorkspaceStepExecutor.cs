using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>
/// Runs bootstrap commands against the local workspace. Registration checks the registry. Profiling waits for the
/// profiler (feat/dispatch); policy generation/signing (SignalFactory.Policy.Generation, on main) and certification
/// (CertifiedViewInitializer) are not wired yet: the runtime generates before approval and signs after it, while
/// <c>sf policy generate</c> does both at once, so the draft needs storing per bootstrap id and attempt first. Until
/// then those steps answer a non-retryable failure naming what is missing, so a bootstrap ends FAILED with a clear
/// reason instead of pretending. Side-effect commands (notify, metric, timers)
/// need nothing locally: timers live in the stored record.
/// </summary>
internal sealed class WorkspaceStepExecutor(Workspace workspace, TimeProvider clock) : IBootstrapStepExecutor
{
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
            case StartProfiling:
                return new ProfilingFailed("the profiler is not available in this build (arrives with feat/dispatch)", Retryable: false);
            case GeneratePolicy:
                return new PolicyGenerationFailed("policy generation is not wired into the runtime yet (use sf policy generate)", Retryable: false);
            case SignPolicy:
                return new PolicySigningFailed("policy signing is not wired into the runtime yet");
            case InitCertifiedView:
                return new CertificationFailed("certification is not wired into the runtime yet", Retryable: false);
            default:
                return null;
        }
    }
}
