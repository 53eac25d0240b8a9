namespace SignalFactory.Orchestration.Outbox;

/// <summary>How one delivery attempt ended.</summary>
public enum SinkOutcome
{
    /// <summary>The sink has the message.</summary>
    Delivered,

    /// <summary>A transient failure: try again after a backoff.</summary>
    Retry,

    /// <summary>A permanent failure (e.g. HTTP 400): record it and stop trying.</summary>
    GiveUp,
}

/// <summary>The result of <see cref="IEventSink.DeliverAsync"/>.</summary>
/// <param name="Outcome">Delivered, retry or give up.</param>
/// <param name="Error">What went wrong (no address, no payload); null when delivered.</param>
/// <param name="RetryAfter">A wait the receiver asked for (HTTP Retry-After), if any.</param>
public sealed record SinkResult(SinkOutcome Outcome, string? Error = null, TimeSpan? RetryAfter = null)
{
    /// <summary>Delivered.</summary>
    public static SinkResult Ok { get; } = new(SinkOutcome.Delivered);
}

/// <summary>
/// A destination of outbox events (replaces SNS: webhook, JSON-lines file). A sink reports failures as values and
/// throws only on cancellation; the dispatcher records the result, so a sink never blocks the state machine.
/// </summary>
public interface IEventSink
{
    /// <summary>The sink's name in <c>outbox_deliveries.sink</c> (<c>webhook</c>, <c>jsonl</c>).</summary>
    string Name { get; }

    /// <summary>Delivers one message's JSON payload.</summary>
    Task<SinkResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken);
}
