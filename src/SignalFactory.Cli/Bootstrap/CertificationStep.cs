using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Certification.Graph;
using SignalFactory.Policy.Certification.Store;
using SignalFactory.Registry.Workspaces;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>
/// The certification step: the same <see cref="CertifiedViewInitializer"/> as <c>sf certify</c>, checked against the
/// baseline's schema fingerprint. Certifying again is idempotent (the initializer confirms an existing pointer).
/// </summary>
internal sealed class CertificationStep(Workspace workspace, TimeProvider clock)
{
    public async Task<BootstrapEvent> CertifyAsync(BootstrapRecord record, CancellationToken ct)
    {
        var registry = workspace.CreateRegistryStore(clock);
        var artifacts = workspace.CreateArtifactStore();
        var datasets = new WorkspaceDatasetSource(registry, artifacts);
        var manifest = await datasets.GetManifestAsync(record.DatasetUrn, ct).ConfigureAwait(false);
        if (manifest is null)
        {
            return new CertificationFailed($"{record.DatasetUrn} is not registered", Retryable: false);
        }

        var baseline = await datasets.GetBaselineAsync(record.DatasetUrn, ct).ConfigureAwait(false);
        var policyKey = ArtifactKeys.PolicyBundle(record.DatasetUrn);
        var context = new CertificationContext
        {
            BootstrapId = record.BootstrapId,
            ExpectedSchemaFingerprint = baseline?.Schema.CanonicalFingerprint,
            PolicyBundleLocation = await artifacts.ExistsAsync(policyKey, ct).ConfigureAwait(false) ? policyKey : null,
            Consumers = [],
            TimeProvider = clock,
        };
        var initializer = new CertifiedViewInitializer(
            new SqliteCertificationStore(workspace.DatabasePath, clock), new SqliteGraphStore(workspace.DatabasePath, clock));
        var result = await initializer.CertifyAsync(manifest, context, ct).ConfigureAwait(false);
        return result.Status switch
        {
            CertificationStatus.Certified => new CertificationSucceeded($"certified://{record.DatasetUrn}"),
            CertificationStatus.Deferred => new GoldTableNotFound(),
            CertificationStatus.SchemaChanged => new SchemaChanged(result.ExpectedSchemaFingerprint ?? "", result.ObservedSchemaFingerprint ?? ""),
            _ => new CertificationFailed(result.Message),
        };
    }
}
