using System.Globalization;
using SignalFactory.Core.Manifests;
using SignalFactory.DuckDb;
using SignalFactory.Policy.Certification.Graph;
using SignalFactory.Policy.Certification.Inspection;
using SignalFactory.Policy.Certification.Store;
using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Policy.Certification;

/// <summary>
/// The Certified View Initializer (LLD §7, C-06): checks that the gold table has data, points the certified view at
/// the newest Delta version (read from <c>_delta_log</c>) or the newest Parquet partition with rows, compares the
/// table's schema fingerprint with the baseline's, stores the certification record (LLD §7.4) and seeds the graph
/// (nodes and edges in the state store instead of Neptune). A missing or empty table defers the certification
/// (LLD §7.3); <see cref="DeferredCertificationChecker"/> completes it after the first write. Every call is
/// idempotent: a repeated outcome writes nothing new.
/// </summary>
public sealed class CertifiedViewInitializer
{
    private const int GraphAttempts = 3;

    private readonly ICertificationStore _store;
    private readonly IGraphStore _graph;
    private readonly DuckDbOptions? _duckDbOptions;

    /// <param name="store">Where certification records go.</param>
    /// <param name="graph">Where the dataset's node and edges go.</param>
    /// <param name="duckDbOptions">Limits for the in-memory DuckDB that reads footers and checkpoints.</param>
    public CertifiedViewInitializer(ICertificationStore store, IGraphStore graph, DuckDbOptions? duckDbOptions = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(graph);
        _store = store;
        _graph = graph;
        _duckDbOptions = duckDbOptions;
    }

    /// <summary>
    /// Certifies the dataset of <paramref name="manifest"/> (a validated manifest). Problems with the table or its
    /// location give a <see cref="CertificationStatus.Failed"/> result that changes nothing; only cancellation and
    /// state-store failures throw.
    /// </summary>
    /// <exception cref="ArgumentException">The manifest has no valid URN, or the context no bootstrap id.</exception>
    public async Task<CertificationResult> CertifyAsync(DatasetManifest manifest, CertificationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(context);
        if (!DatasetUrn.TryParse(manifest.Urn, out var urn))
        {
            throw new ArgumentException($"The manifest's urn '{manifest.Urn}' is not a dataset URN (ds://zone/name).", nameof(manifest));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(context.BootstrapId, nameof(context));
        var clock = context.TimeProvider;
        var started = clock.GetTimestamp();
        var result = await CertifyCoreAsync(urn, manifest, context, ct).ConfigureAwait(false);
        CertificationTelemetry.InitDuration.Record(clock.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("status", result.Status));
        Count(result, manifest.Storage?.Format);
        return result;
    }

    /// <summary>Writes the dataset's node and edges for a stored record (used to reconcile a graph write that failed).</summary>
    internal async Task<bool> SeedGraphAsync(DatasetManifest manifest, CertifiedViewState record, IReadOnlyList<string> consumers, CancellationToken ct)
    {
        var change = GraphSeed.For(manifest, record, consumers);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _graph.ApplyAsync(change, ct).ConfigureAwait(false);
                await _store.MarkGraphSeededAsync(record.DatasetUrn, record.RecordVersion, ct).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < GraphAttempts)
            {
                // LLD §7.5: retry the graph write; the certification itself already stands.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CertificationTelemetry.GraphSeedFailed.Add(1);
                return false;
            }
        }
    }

    private async Task<CertificationResult> CertifyCoreAsync(DatasetUrn urn, DatasetManifest manifest, CertificationContext context, CancellationToken ct)
    {
        var existing = await _store.GetAsync(urn.ToString(), ct).ConfigureAwait(false);
        GoldTable table;
        TableInspection inspection;
        CurrentSchema? schema = null;
        try
        {
            table = GoldTableLocator.Resolve(manifest);
            using var database = DuckDbDatabase.Open(null, _duckDbOptions);
            using var connection = database.Connect();
            var key = manifest.Storage?.PartitionKey;
            inspection = table.Format == StorageFormats.Delta
                ? await DeltaInspector.InspectAsync(table, key, connection, ct).ConfigureAwait(false)
                : await ParquetInspector.InspectAsync(table, key, connection, ct).ConfigureAwait(false);
            if (inspection.Schema is { } source)
            {
                schema = await CurrentSchemaReader.ReadAsync(connection, source, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is GoldTableLocationException or TableInspectionException or DuckDbException
            or IOException or UnauthorizedAccessException)
        {
            return Failed(urn, existing, $"{urn}: {ex.Message}");
        }

        var b = new CertificationRecords.Base(urn, manifest, context, table, context.TimeProvider.GetUtcNow());
        if (inspection.DeferredReason is not null)
        {
            if (existing?.CertifiedPointer is { } certified)
            {
                return Failed(urn, existing,
                    $"{urn}: {inspection.Message}, but the view is certified at {existing.CurrentCertifiedVersion} ({Describe(certified)}); "
                    + "the certification record is left as it is.");
            }

            var deferred = CertificationRecords.Deferred(b, existing, inspection, b.Now);
            return await StoreAsync(manifest, context, existing, deferred, new CertificationResult
            {
                DatasetUrn = urn.ToString(),
                Status = CertificationStatus.Deferred,
                Message = $"certification deferred ({inspection.DeferredReason}): {inspection.Message}; the first write completes it",
                DeferredReason = inspection.DeferredReason,
                ExpectedSchemaFingerprint = context.ExpectedSchemaFingerprint,
            }, ct).ConfigureAwait(false);
        }

        var pointer = inspection.Pointer!;
        var observed = schema!;
        var check = Check(context.ExpectedSchemaFingerprint, observed.Fingerprint);
        var common = new CertificationResult
        {
            DatasetUrn = urn.ToString(),
            Status = CertificationStatus.Certified,
            Message = "",
            Pointer = pointer,
            SchemaCheck = check,
            ExpectedSchemaFingerprint = context.ExpectedSchemaFingerprint,
            ObservedSchemaFingerprint = observed.Fingerprint,
            ObservedColumns = observed.Columns,
        };
        if (check == SchemaCheckOutcome.Changed)
        {
            var reason = $"the schema fingerprint of {inspection.Message} is {observed.Fingerprint}, the baseline's is "
                + $"{context.ExpectedSchemaFingerprint}: the dataset must be profiled again before it can be certified";
            var changed = CertificationRecords.SchemaChanged(b, existing, observed.Fingerprint, reason);
            return await StoreAsync(manifest, context, existing, changed,
                common with { Status = CertificationStatus.SchemaChanged, Message = reason }, ct).ConfigureAwait(false);
        }

        var record = CertificationRecords.Certified(b, existing, pointer, observed.Fingerprint, b.Now);
        var message = $"certified {inspection.Message} as {record.CurrentCertifiedVersion} of {record.CertifiedViewName}";
        return await StoreAsync(manifest, context, existing, record, common with { Message = message }, ct).ConfigureAwait(false);
    }

    private async Task<CertificationResult> StoreAsync(
        DatasetManifest manifest, CertificationContext context, CertifiedViewState? existing, CertifiedViewState candidate,
        CertificationResult result, CancellationToken ct)
    {
        var changed = !CertificationRecords.SameAs(candidate, existing);
        var record = existing!;
        if (changed)
        {
            try
            {
                await _store.SaveAsync(candidate, ct).ConfigureAwait(false);
            }
            catch (CertificationConcurrencyException ex)
            {
                return Failed(DatasetUrn.Parse(candidate.DatasetUrn), existing,
                    $"{candidate.DatasetUrn}: another certification changed the record at the same time ({ex.Message}); run it again.");
            }

            record = candidate;
        }

        // Seeded on every call, not only when the record changed: the graph also reflects manifest facts the record
        // does not hold (owner team, producing job) and consumers; an upsert that changes nothing writes nothing.
        var warnings = new List<string>();
        var seeded = await SeedGraphAsync(manifest, record, context.Consumers, ct).ConfigureAwait(false);
        if (!seeded)
        {
            warnings.Add("the graph node and edges could not be written; the certification stands and the deferred check retries the graph");
        }

        return result with
        {
            Record = record with { GraphSeeded = seeded },
            RecordChanged = changed,
            GraphSeeded = seeded,
            Warnings = warnings,
        };
    }

    private static SchemaCheckOutcome Check(string? expected, string observed) => expected switch
    {
        null or "" => SchemaCheckOutcome.NotRequested,
        SchemaBaseline.SyntheticPendingFingerprint => SchemaCheckOutcome.SyntheticPending,
        _ when string.Equals(expected, observed, StringComparison.Ordinal) => SchemaCheckOutcome.Matched,
        _ => SchemaCheckOutcome.Changed,
    };

    private static string Describe(CertifiedPointer pointer) => pointer.Version is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"Delta version {v}")
        : pointer.PartitionKey is { } key ? $"partition {key}={pointer.PartitionValue}" : "the unpartitioned table";

    private static CertificationResult Failed(DatasetUrn urn, CertifiedViewState? existing, string message) => new()
    {
        DatasetUrn = urn.ToString(),
        Status = CertificationStatus.Failed,
        Message = message,
        Record = existing,
        GraphSeeded = existing?.GraphSeeded ?? false,
    };

    private static void Count(CertificationResult result, string? format)
    {
        if (result.Status == CertificationStatus.Failed)
        {
            CertificationTelemetry.Failed.Add(1);
            return;
        }

        if (!result.RecordChanged)
        {
            return;
        }

        switch (result.Status)
        {
            case CertificationStatus.Certified:
                CertificationTelemetry.Initialized.Add(1, new KeyValuePair<string, object?>("format", format));
                break;
            case CertificationStatus.Deferred:
                CertificationTelemetry.Deferred.Add(1);
                break;
            case CertificationStatus.SchemaChanged:
                CertificationTelemetry.SchemaChanged.Add(1);
                break;
        }
    }
}
