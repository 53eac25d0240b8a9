using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Outbox;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Metrics;

/// <summary>
/// The bootstrap instruments (LLD §2.9, §10.2) on a <see cref="Meter"/> named <see cref="MeterName"/>. Counters and
/// histograms are fed from stored transitions (<see cref="OnTransitionStored"/>) and <see cref="RecordMetric"/>
/// commands (<see cref="Count"/>); the gauges report the last <see cref="FleetSummary"/> given to
/// <see cref="Update"/> (refreshed after each worker pass), so a collection never queries the database.
/// Tags are low-cardinality: tier, step, reason, sink, and the kind of initiator (<c>human</c> or <c>autopilot</c>,
/// not the person).
/// </summary>
public sealed class BootstrapMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "SignalFactory.Bootstrap";

    private readonly ConcurrentDictionary<string, Counter<long>> _named = new(StringComparer.Ordinal);
    private readonly Counter<long> _initiated;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _cancelled;
    private readonly Counter<long> _rolledBack;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _stepDuration;
    private readonly Histogram<double> _approvalWait;
    private volatile FleetSummary? _fleet;

    /// <summary>Creates the meter and its instruments.</summary>
    public BootstrapMetrics()
    {
        Meter = new Meter(MeterName);
        _initiated = Meter.CreateCounter<long>("bootstrap.initiated", "{bootstrap}", "Bootstraps started (tags: tier, initiated_by)");
        _completed = Meter.CreateCounter<long>("bootstrap.completed", "{bootstrap}", "Bootstraps that reached SIGNAL_READY (tag: tier)");
        _failed = Meter.CreateCounter<long>("bootstrap.failed", "{bootstrap}", "Bootstraps that failed (tags: tier, failure_step)");
        _cancelled = Meter.CreateCounter<long>("bootstrap.cancelled", "{bootstrap}", "Bootstraps cancelled (tag: tier)");
        _rolledBack = Meter.CreateCounter<long>("bootstrap.rolled_back", "{bootstrap}", "Bootstraps rolled back (tag: tier)");
        _escalations = Meter.CreateCounter<long>("bootstrap.escalations", "{escalation}", "Approval escalations (tags: tier, reason)");
        _deliveries = Meter.CreateCounter<long>("bootstrap.notifications.attempts", "{attempt}", "Outbox delivery attempts (tags: sink, outcome)");
        _duration = Meter.CreateHistogram<double>("bootstrap.duration_hours", "h", "Initiation to SIGNAL_READY (tag: tier)");
        _stepDuration = Meter.CreateHistogram<double>("bootstrap.step_duration_ms", "ms", "First start to completion of a step, retries included (tags: step, tier)");
        _approvalWait = Meter.CreateHistogram<double>("bootstrap.approval_wait_hours", "h", "POLICY_PENDING to approval (tag: tier)");
        _named[PolicyTransitions.GenerationFailedMetric] =
            Meter.CreateCounter<long>(PolicyTransitions.GenerationFailedMetric, "{failure}", "Policy generation attempts that failed (tag: tier)");

        Meter.CreateObservableGauge("bootstrap.active_count", () => PerTier(t => t.InProgress), "{bootstrap}", "Bootstraps in progress (tag: tier)");
        Meter.CreateObservableGauge("bootstrap.stuck_count", () => Total(f => f.Stalled), "{bootstrap}", "In progress, not waiting for a human, no transition for 24 h");
        Meter.CreateObservableGauge("bootstrap.overflow_queue_depth", () => Total(f => f.Queued), "{bootstrap}", "Bootstraps waiting for a concurrency slot");
        Meter.CreateObservableGauge("bootstrap.pending_approvals", () => PerTier(t => t.AwaitingApproval), "{bootstrap}", "Bootstraps in POLICY_PENDING (tag: tier)");
        Meter.CreateObservableGauge("bootstrap.outbox.pending", () => Total(f => f.OutboxPending), "{delivery}", "Outbox deliveries not yet made");
        Meter.CreateObservableGauge("fleet.total_datasets", () => Total(f => f.TotalDatasets), "{dataset}");
        Meter.CreateObservableGauge("fleet.bootstrapped", () => Total(f => f.SignalReadyDatasets), "{dataset}");
        Meter.CreateObservableGauge("fleet.in_progress", () => Total(f => f.InProgress), "{bootstrap}");
        Meter.CreateObservableGauge("fleet.failed", () => Total(f => f.Failed), "{bootstrap}");
        Meter.CreateObservableGauge("fleet.stuck_in_approval", () => Total(f => f.StuckInApproval), "{bootstrap}");
        Meter.CreateObservableGauge("fleet.coverage_pct", () => _fleet is { } f ? [new Measurement<double>(f.CoveragePct)] : Array.Empty<Measurement<double>>(), "%");
        Meter.CreateObservableGauge("fleet.tier.total", () => PerTier(t => t.Bootstraps), "{bootstrap}", "Datasets of the tier with a bootstrap (tag: tier)");
        Meter.CreateObservableGauge("fleet.tier.signal_ready", () => PerTier(t => t.SignalReady), "{bootstrap}", "SIGNAL_READY per tier (tag: tier)");
    }

    /// <summary>The meter (listen with a <see cref="MeterListener"/> or an exporter).</summary>
    public Meter Meter { get; }

    /// <summary>The summary the gauges report; null before the first <see cref="Update"/>.</summary>
    public FleetSummary? Fleet => _fleet;

    /// <summary>Sets the summary the gauges report.</summary>
    public void Update(FleetSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        _fleet = summary;
    }

    /// <summary>Counts a metric a <see cref="RecordMetric"/> command names, tagged with the tier.</summary>
    public void Count(string name, string tier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _named.GetOrAdd(name, n => Meter.CreateCounter<long>(n)).Add(1, new KeyValuePair<string, object?>("tier", tier));
    }

    /// <summary>Counts one outbox delivery attempt.</summary>
    public void CountDelivery(string sink, SinkOutcome outcome) =>
        _deliveries.Add(1, new("sink", sink), new("outcome", outcome switch
        {
            SinkOutcome.Delivered => "delivered",
            SinkOutcome.Retry => "retry",
            _ => "gave_up",
        }));

    /// <summary>
    /// Records what a stored transition means for the counters and histograms; <paramref name="previous"/> is the
    /// record it replaced (null for an initiation).
    /// </summary>
    public void OnTransitionStored(BootstrapRecord? previous, TransitionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var record = result.Record;
        var tier = new KeyValuePair<string, object?>("tier", record.Tier);
        if (previous is null)
        {
            var kind = !Actor.TryParse(record.InitiatedBy, out var actor) ? "unknown" : actor.Kind switch
            {
                ActorKind.Human => "human",
                ActorKind.Autopilot => "autopilot",
                _ => "system",
            };
            _initiated.Add(1, tier, new("initiated_by", kind));
            return;
        }

        foreach (var step in Enum.GetValues<BootstrapStepName>())
        {
            var before = previous.Steps[step];
            var after = record.Steps[step];
            if (before.Status != StepStatus.Completed && after.Status == StepStatus.Completed && after is { StartedAt: { } started, CompletedAt: { } completed })
            {
                _stepDuration.Record((completed - started).TotalMilliseconds, new("step", step.ToWireName()), tier);
            }
        }

        if (previous.CurrentStep == BootstrapState.PolicyPending && result.To == BootstrapState.PolicyApproved)
        {
            _approvalWait.Record((record.UpdatedAt - FleetQuery.PendingSince(previous)).TotalHours, tier);
        }

        foreach (var escalate in result.Commands.OfType<Escalate>())
        {
            _escalations.Add(1, tier, new("reason", escalate.Reason == EscalationReason.ApprovalTimeout ? "approval_timeout" : "max_rejections"));
        }

        if (previous.CurrentStep == result.To)
        {
            return;
        }

        switch (result.To)
        {
            case BootstrapState.SignalReady:
                _completed.Add(1, tier);
                _duration.Record(((record.CompletedAt ?? record.UpdatedAt) - record.StartedAt).TotalHours, tier);
                break;
            case BootstrapState.Failed:
                _failed.Add(1, tier, new("failure_step", record.FailureStep?.ToWireName() ?? "unknown"));
                break;
            case BootstrapState.Cancelled:
                _cancelled.Add(1, tier);
                break;
            case BootstrapState.RolledBack:
                _rolledBack.Add(1, tier);
                break;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Meter.Dispose();

    private IEnumerable<Measurement<int>> PerTier(Func<FleetTierSummary, int> value) =>
        _fleet is { } fleet ? fleet.Tiers.Select(t => new Measurement<int>(value(t), new KeyValuePair<string, object?>("tier", t.Tier))) : [];

    private IEnumerable<Measurement<int>> Total(Func<FleetSummary, int> value) =>
        _fleet is { } fleet ? [new Measurement<int>(value(fleet))] : [];
}
