namespace SignalFactory.Orchestration.Metrics;

/// <summary>
/// The fleet at one moment (LLD §10.2, HLD §8.4). Bootstrap counts use each dataset's newest bootstrap; coverage
/// uses the registry: registered datasets (not decommissioned) with a bootstrap in SIGNAL_READY ÷ registered
/// datasets, in percent rounded to one decimal.
/// </summary>
/// <param name="GeneratedAt">The clock's time of the query.</param>
/// <param name="TotalDatasets">Registered datasets, not decommissioned (<c>fleet.total_datasets</c>).</param>
/// <param name="SignalReadyDatasets">Of those, datasets with a bootstrap in SIGNAL_READY (<c>fleet.bootstrapped</c>).</param>
/// <param name="CoveragePct"><c>fleet.coverage_pct</c>.</param>
/// <param name="Bootstraps">Datasets with a bootstrap (their newest one is counted below).</param>
/// <param name="InProgress">Newest bootstrap not settled: REGISTERED to CERTIFYING (<c>fleet.in_progress</c>).</param>
/// <param name="Queued">Waiting for a concurrency slot (LLD §2.6 FIFO queue).</param>
/// <param name="AwaitingApproval">In POLICY_PENDING.</param>
/// <param name="StuckInApproval">In POLICY_PENDING for more than 7 days (<c>fleet.stuck_in_approval</c>).</param>
/// <param name="Stalled">In progress, not waiting for a human, with no transition for more than 24 h (<c>bootstrap.stuck_count</c>).</param>
/// <param name="CertDeferred">In CERT_DEFERRED.</param>
/// <param name="SignalReady">In SIGNAL_READY.</param>
/// <param name="Failed">In FAILED (<c>fleet.failed</c>).</param>
/// <param name="Cancelled">In CANCELLED.</param>
/// <param name="RolledBack">In ROLLED_BACK.</param>
/// <param name="OutboxPending">Outbox deliveries not yet made.</param>
/// <param name="OutboxFailed">Outbox deliveries given up.</param>
/// <param name="Tiers">Per tier (TIER_1, TIER_2, TIER_3, then any other tier seen).</param>
public sealed record FleetSummary(
    DateTimeOffset GeneratedAt,
    int TotalDatasets,
    int SignalReadyDatasets,
    double CoveragePct,
    int Bootstraps,
    int InProgress,
    int Queued,
    int AwaitingApproval,
    int StuckInApproval,
    int Stalled,
    int CertDeferred,
    int SignalReady,
    int Failed,
    int Cancelled,
    int RolledBack,
    int OutboxPending,
    int OutboxFailed,
    IReadOnlyList<FleetTierSummary> Tiers);

/// <summary>One tier of <see cref="FleetSummary"/>.</summary>
/// <param name="Tier">TIER_1, TIER_2 or TIER_3.</param>
/// <param name="Datasets">Registered datasets of the tier (not decommissioned).</param>
/// <param name="Bootstraps">Datasets of the tier with a bootstrap (<c>fleet.tier_n.total</c>).</param>
/// <param name="SignalReady">Newest bootstrap in SIGNAL_READY (<c>fleet.tier_n.signal_ready</c>).</param>
/// <param name="InProgress">Newest bootstrap not settled (<c>bootstrap.active_count</c>).</param>
/// <param name="AwaitingApproval">In POLICY_PENDING.</param>
/// <param name="Failed">In FAILED.</param>
public sealed record FleetTierSummary(string Tier, int Datasets, int Bootstraps, int SignalReady, int InProgress, int AwaitingApproval, int Failed);
