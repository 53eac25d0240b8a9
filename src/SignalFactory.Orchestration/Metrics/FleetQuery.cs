using System.Globalization;
using SignalFactory.Orchestration.Sqlite;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Store;

namespace SignalFactory.Orchestration.Metrics;

/// <summary>Computes <see cref="FleetSummary"/> from the <c>bootstraps</c>, <c>datasets</c> and outbox tables.</summary>
public sealed class FleetQuery
{
    /// <summary>A POLICY_PENDING bootstrap waiting longer than this counts as stuck (LLD §10.2: 168 h).</summary>
    public static readonly TimeSpan StuckInApprovalAfter = TimeSpan.FromDays(7);

    /// <summary>An active bootstrap (not waiting for a human) with no transition for longer than this is stalled (LLD §2.9).</summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromHours(24);

    private static readonly string[] _tiers = ["TIER_1", "TIER_2", "TIER_3"];

    private readonly string _databasePath;
    private readonly TimeProvider _timeProvider;

    /// <summary>A query over the workspace database at <paramref name="databasePath"/>.</summary>
    public FleetQuery(string databasePath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _databasePath = databasePath;
        _timeProvider = timeProvider;
    }

    /// <summary>The fleet now.</summary>
    public async Task<FleetSummary> GetAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var all = await new SqliteBootstrapStore(_databasePath).ListAsync(cancellationToken).ConfigureAwait(false);
        var datasets = await ReadPairsAsync("SELECT urn, tier FROM datasets WHERE status <> 'DECOMMISSIONED';", cancellationToken).ConfigureAwait(false);
        var outbox = await ReadPairsAsync("SELECT status, CAST(COUNT(*) AS TEXT) FROM outbox_deliveries GROUP BY status;", cancellationToken).ConfigureAwait(false);
        // Waiting for a concurrency slot (see ConcurrencySlots): the state needs one and the claim has not granted it.
        var queued = (await ReadPairsAsync("SELECT bootstrap_id, tier FROM bootstraps WHERE wants_slot = 1 AND holds_slot = 0;", cancellationToken).ConfigureAwait(false))
            .Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        // Oldest first, so the last row of a URN is its newest bootstrap.
        var newest = new Dictionary<string, StoredBootstrap>(StringComparer.Ordinal);
        foreach (var stored in all)
        {
            newest[stored.Record.DatasetUrn] = stored;
        }

        var ready = all.Where(s => s.Record.CurrentStep == BootstrapState.SignalReady).Select(s => s.Record.DatasetUrn).ToHashSet(StringComparer.Ordinal);
        var readyDatasets = datasets.Count(d => ready.Contains(d.Key));
        var current = newest.Values.ToList();
        var tiers = _tiers.Concat(current.Select(s => s.Record.Tier).Concat(datasets.Select(d => d.Value)).Distinct(StringComparer.Ordinal)
                .Where(t => !_tiers.Contains(t, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
            .Select(tier =>
            {
                var ofTier = current.Where(s => s.Record.Tier == tier).ToList();
                return new FleetTierSummary(tier, datasets.Count(d => d.Value == tier), ofTier.Count,
                    Count(ofTier, BootstrapState.SignalReady), ofTier.Count(s => !s.Record.CurrentStep.IsSettled()),
                    Count(ofTier, BootstrapState.PolicyPending), Count(ofTier, BootstrapState.Failed));
            })
            .ToList();

        return new FleetSummary(
            now,
            datasets.Count,
            readyDatasets,
            datasets.Count == 0 ? 0 : Math.Round(readyDatasets * 100.0 / datasets.Count, 1, MidpointRounding.AwayFromZero),
            current.Count,
            current.Count(s => !s.Record.CurrentStep.IsSettled()),
            current.Count(s => queued.Contains(s.Record.BootstrapId)),
            Count(current, BootstrapState.PolicyPending),
            current.Count(s => s.Record.CurrentStep == BootstrapState.PolicyPending && now - PendingSince(s.Record) > StuckInApprovalAfter),
            current.Count(s => IsStalled(s.Record, now)),
            Count(current, BootstrapState.CertDeferred),
            Count(current, BootstrapState.SignalReady),
            Count(current, BootstrapState.Failed),
            Count(current, BootstrapState.Cancelled),
            Count(current, BootstrapState.RolledBack),
            OutboxCount(outbox, "PENDING"),
            OutboxCount(outbox, "FAILED"),
            tiers);
    }

    /// <summary>When the record's current policy attempt started waiting for approval (its last change when unknown).</summary>
    public static DateTimeOffset PendingSince(BootstrapRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Steps.PolicyConfig.Metadata.TryGetValue(PolicyTransitions.PendingSinceKey, out var text)
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var since)
            ? since
            : record.UpdatedAt;
    }

    private static bool IsStalled(BootstrapRecord record, DateTimeOffset now) =>
        !record.CurrentStep.IsSettled()
        && record.CurrentStep != BootstrapState.PolicyPending
        && !(record.CurrentStep == BootstrapState.PolicyRejected && record.RegenerationPaused)
        && now - record.UpdatedAt > StalledAfter;

    private static int Count(IEnumerable<StoredBootstrap> rows, BootstrapState state) => rows.Count(s => s.Record.CurrentStep == state);

    private static int OutboxCount(List<KeyValuePair<string, string>> rows, string status) =>
        rows.Where(r => r.Key == status).Sum(r => int.Parse(r.Value, CultureInfo.InvariantCulture));

    private async Task<List<KeyValuePair<string, string>>> ReadPairsAsync(string sql, CancellationToken cancellationToken)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = OrchestrationSqlite.Command(connection, null, sql);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var rows = new List<KeyValuePair<string, string>>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(new(reader.GetString(0), reader.GetString(1)));
                    }

                    return rows;
                }
            }
        }
    }
}
