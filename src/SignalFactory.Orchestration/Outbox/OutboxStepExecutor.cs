using SignalFactory.Orchestration.Metrics;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Outbox;

/// <summary>
/// Wraps a step executor: <see cref="Notify"/>, <see cref="Escalate"/> and <see cref="RequestApproval"/> become outbox
/// messages (idempotent per bootstrap, record version and kind, so a command run again after a crash enqueues
/// nothing new), <see cref="RecordMetric"/> is counted on <see cref="BootstrapMetrics"/>, and every other command goes
/// to the inner executor. Enqueueing only writes a row: delivery happens later in <see cref="OutboxDispatcher"/>, so a
/// sink that is down never holds up a transition.
/// </summary>
public sealed class OutboxStepExecutor : IBootstrapStepExecutor
{
    private readonly IBootstrapStepExecutor _inner;
    private readonly BootstrapOutbox _outbox;
    private readonly IReadOnlyList<string> _sinks;
    private readonly BootstrapMetrics? _metrics;

    /// <summary>
    /// Decorates <paramref name="inner"/>; messages get a pending delivery for each of <paramref name="sinkNames"/>
    /// (the sinks configured now).
    /// </summary>
    public OutboxStepExecutor(IBootstrapStepExecutor inner, BootstrapOutbox outbox, IReadOnlyList<string> sinkNames, BootstrapMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(sinkNames);
        _inner = inner;
        _outbox = outbox;
        _sinks = sinkNames;
        _metrics = metrics;
    }

    /// <inheritdoc />
    public async Task<BootstrapEvent?> ExecuteAsync(BootstrapRecord record, BootstrapCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        switch (command)
        {
            case Notify or Escalate or RequestApproval:
                // A failure to write the row (database unavailable) propagates like any store failure: the pending
                // command stays and runs again, so the event is not lost.
                await _outbox.EnqueueAsync(record, command, _sinks, cancellationToken).ConfigureAwait(false);
                return null;
            case RecordMetric metric:
                _metrics?.Count(metric.Name, record.Tier);
                return null;
            default:
                return await _inner.ExecuteAsync(record, command, cancellationToken).ConfigureAwait(false);
        }
    }
}
