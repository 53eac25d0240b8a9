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
/// The first-write probe of a deferred bootstrap runs the <see cref="DeferredCertificationChecker"/> (as
/// <c>sf certify --check-deferred</c> does) and reports the write once the dataset's record is no longer DEFERRED.
/// </summary>
internal sealed class CertificationStep(Workspace workspace, TimeProvider clock)
{
    /// <summary>
    /// <see cref="FirstWriteObserved"/> when the gold table was written since the deferral, else null (keep waiting).
    /// Never throws for an unreadable table: the next probe is already scheduled.
    /// </summary>
    public async Task<BootstrapEvent?> ProbeFirstWriteAsync(BootstrapRecord record, CancellationToken ct)
    {
        var store = new SqliteCertificationStore(workspace.DatabasePath, clock);
        try
        {
            var current = await store.GetAsync(record.DatasetUrn, ct).ConfigureAwait(false);
            if (current?.CertificationStatus == CertificationStatus.Deferred)
            {
                // The checker probes every deferred dataset cheaply (one log listing each) and certifies those written.
                var registry = workspace.CreateRegistryStore(clock);
                var datasets = new WorkspaceDatasetSource(registry, workspace.CreateArtifactStore());
                var checker = new DeferredCertificationChecker(store, datasets, Initializer(store), clock);
                await checker.CheckAsync(ct).ConfigureAwait(false);
                current = await store.GetAsync(record.DatasetUrn, ct).ConfigureAwait(false);
            }

            // Anything but DEFERRED (certified, schema changed, no record at all) is for the certification step to settle.
            return current?.CertificationStatus == CertificationStatus.Deferred ? null : new FirstWriteObserved();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or CertificationConcurrencyException)
        {
            return null;
        }
    }

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
        var initializer = Initializer(new SqliteCertificationStore(workspace.DatabasePath, clock));
        var result = await initializer.CertifyAsync(manifest, context, ct).ConfigureAwait(false);
        return result.Status switch
        {
            CertificationStatus.Certified => new CertificationSucceeded($"certified://{record.DatasetUrn}"),
            CertificationStatus.Deferred => new GoldTableNotFound(),
            CertificationStatus.SchemaChanged => new SchemaChanged(result.ExpectedSchemaFingerprint ?? "", result.ObservedSchemaFingerprint ?? ""),
            _ => new CertificationFailed(result.Message),
        };
    }

    private CertifiedViewInitializer Initializer(SqliteCertificationStore store) =>
        new(store, new SqliteGraphStore(workspace.DatabasePath, clock));
}
