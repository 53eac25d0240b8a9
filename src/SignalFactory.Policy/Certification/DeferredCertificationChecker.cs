using SignalFactory.Core.Manifests;
using SignalFactory.Policy.Certification.Inspection;
using SignalFactory.Policy.Certification.Store;
using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Policy.Certification;

/// <summary>What the deferred check did for one dataset.</summary>
public enum DeferredCheckOutcome
{
    /// <summary>The table now has data: the certification was completed (CERTIFIED).</summary>
    Completed,

    /// <summary>Still no data (the cheap probe saw nothing new, or the full examination found no rows).</summary>
    StillDeferred,

    /// <summary>The first write has a schema other than the baseline's: the dataset must be profiled again.</summary>
    SchemaChanged,

    /// <summary>The dataset could not be checked (no manifest, unreadable table or baseline); it stays deferred.</summary>
    Failed,

    /// <summary>A certified record whose graph write had failed: the graph was written now.</summary>
    GraphReconciled,
}

/// <summary>One dataset's entry in a <see cref="DeferredCheckReport"/>.</summary>
/// <param name="DatasetUrn">The dataset.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Examined">True when the table was examined in full (the probe saw a change).</param>
/// <param name="Message">One value-free sentence.</param>
/// <param name="Result">The certification result when the table was examined.</param>
public sealed record DeferredCheckEntry(
    string DatasetUrn,
    DeferredCheckOutcome Outcome,
    bool Examined,
    string Message,
    CertificationResult? Result);

/// <summary>The outcome of one <see cref="DeferredCertificationChecker.CheckAsync"/> run, entries ordered by URN.</summary>
public sealed record DeferredCheckReport(IReadOnlyList<DeferredCheckEntry> Entries)
{
    public int Completed => Entries.Count(e => e.Outcome == DeferredCheckOutcome.Completed);

    public int StillDeferred => Entries.Count(e => e.Outcome == DeferredCheckOutcome.StillDeferred);
}

/// <summary>
/// Completes deferred certifications (LLD §7.3; replaces the EventBridge first-write rule). For each DEFERRED record
/// a cheap probe looks at the table (Delta: newest version in the <c>_delta_log</c> listing; Parquet: number of data
/// files); only when it shows a commit or data file that was not there at deferral is the dataset certified in full
/// with its latest manifest and baseline. Certified records whose graph write failed are re-seeded (the LLD's
/// background reconciler). Meant to be called on a schedule by the orchestrator, or by <c>sf certify --check-deferred</c>.
/// </summary>
public sealed class DeferredCertificationChecker
{
    private readonly ICertificationStore _store;
    private readonly IDatasetSource _datasets;
    private readonly CertifiedViewInitializer _initializer;
    private readonly TimeProvider _time;

    public DeferredCertificationChecker(
        ICertificationStore store, IDatasetSource datasets, CertifiedViewInitializer initializer, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(initializer);
        _store = store;
        _datasets = datasets;
        _initializer = initializer;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Checks every deferred dataset once; one dataset's failure never stops the others.</summary>
    public async Task<DeferredCheckReport> CheckAsync(CancellationToken ct)
    {
        var entries = new List<DeferredCheckEntry>();
        foreach (var record in await _store.ListByStatusAsync(CertificationStatus.Deferred, ct).ConfigureAwait(false))
        {
            entries.Add(await CheckOneAsync(record, ct).ConfigureAwait(false));
        }

        foreach (var record in await _store.ListByStatusAsync(CertificationStatus.Certified, ct).ConfigureAwait(false))
        {
            if (!record.GraphSeeded && await ReconcileGraphAsync(record, ct).ConfigureAwait(false) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return new DeferredCheckReport([.. entries.OrderBy(e => e.DatasetUrn, StringComparer.Ordinal)]);
    }

    private async Task<DeferredCheckEntry> CheckOneAsync(CertifiedViewState record, CancellationToken ct)
    {
        var urn = record.DatasetUrn;
        try
        {
            var manifest = await _datasets.GetManifestAsync(urn, ct).ConfigureAwait(false);
            if (manifest is null)
            {
                return Entry(urn, DeferredCheckOutcome.Failed, false, $"{urn} is no longer registered; it stays deferred", null);
            }

            GoldTable table;
            try
            {
                table = GoldTableLocator.Resolve(manifest);
            }
            catch (GoldTableLocationException ex)
            {
                return Entry(urn, DeferredCheckOutcome.Failed, false, ex.Message, null);
            }

            var probe = await TableProbe.ReadAsync(table, ct).ConfigureAwait(false);
            var unchanged = probe == record.DeferredProbe && table.LocalPath == record.TriggerPath;
            if (!TableProbe.MayHoldData(probe) || unchanged)
            {
                return Entry(urn, DeferredCheckOutcome.StillDeferred, false, $"no new write at {table.LocalPath} ({probe})", null);
            }

            var baseline = await _datasets.GetBaselineAsync(urn, ct).ConfigureAwait(false);
            var context = new CertificationContext
            {
                BootstrapId = record.BootstrapId,
                ExpectedSchemaFingerprint = baseline?.Schema.CanonicalFingerprint ?? record.ExpectedSchemaFingerprint,
                PolicyBundleVersion = record.PolicyBundleVersion,
                PolicyBundleLocation = record.PolicyBundleLocation,
                TimeProvider = _time,
            };
            var result = await _initializer.CertifyAsync(manifest, context, ct).ConfigureAwait(false);
            var outcome = result.Status switch
            {
                CertificationStatus.Certified => DeferredCheckOutcome.Completed,
                CertificationStatus.Deferred => DeferredCheckOutcome.StillDeferred,
                CertificationStatus.SchemaChanged => DeferredCheckOutcome.SchemaChanged,
                _ => DeferredCheckOutcome.Failed,
            };
            return Entry(urn, outcome, true, result.Message, result);
        }
        catch (Exception ex) when (ex is BaselineFormatException or InvalidOperationException or IOException
            or UnauthorizedAccessException or Storage.Delta.DeltaTableException)
        {
            return Entry(urn, DeferredCheckOutcome.Failed, false, $"{urn}: {ex.Message}", null);
        }
    }

    private async Task<DeferredCheckEntry?> ReconcileGraphAsync(CertifiedViewState record, CancellationToken ct)
    {
        DatasetManifest? manifest;
        try
        {
            manifest = await _datasets.GetManifestAsync(record.DatasetUrn, ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            return Entry(record.DatasetUrn, DeferredCheckOutcome.Failed, false, ex.Message, null);
        }

        if (manifest is null)
        {
            return null;
        }

        var seeded = await _initializer.SeedGraphAsync(manifest, record, [], ct).ConfigureAwait(false);
        return seeded
            ? Entry(record.DatasetUrn, DeferredCheckOutcome.GraphReconciled, false, "the graph node and edges were written", null)
            : Entry(record.DatasetUrn, DeferredCheckOutcome.Failed, false, "the graph node and edges still cannot be written", null);
    }

    private static DeferredCheckEntry Entry(string urn, DeferredCheckOutcome outcome, bool examined, string message, CertificationResult? result) =>
        new(urn, outcome, examined, message, result);
}
