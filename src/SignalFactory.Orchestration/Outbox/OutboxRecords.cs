namespace SignalFactory.Orchestration.Outbox;

/// <summary>One event to publish.</summary>
/// <param name="MessageId">The event id (a ULID); receivers deduplicate on it (delivery is at least once).</param>
/// <param name="DedupeKey"><c>{bootstrap_id}:v{version}:{kind}</c>: the same command run twice enqueues once.</param>
/// <param name="BootstrapId">The bootstrap.</param>
/// <param name="DatasetUrn">The dataset.</param>
/// <param name="Tier">TIER_1, TIER_2 or TIER_3.</param>
/// <param name="Kind">One of <see cref="OutboxEventKind"/>.</param>
/// <param name="Payload">The JSON document sinks receive (see <see cref="OutboxPayload"/>).</param>
/// <param name="CreatedAt">When it was enqueued.</param>
public sealed record OutboxMessage(
    string MessageId, string DedupeKey, string BootstrapId, string DatasetUrn, string Tier, string Kind, string Payload, DateTimeOffset CreatedAt);

/// <summary>Delivery status of a message for one sink.</summary>
public enum OutboxDeliveryStatus
{
    /// <summary>Not yet delivered; <see cref="OutboxDelivery.NextAttemptAt"/> says when the next pass tries.</summary>
    Pending,

    /// <summary>The sink confirmed it.</summary>
    Delivered,

    /// <summary>Given up (a permanent error, the attempt limit, or the sink is no longer configured).</summary>
    Failed,
}

/// <summary>The state of one (message, sink) delivery.</summary>
/// <param name="Sink">Sink name (<c>webhook</c>, <c>jsonl</c>).</param>
/// <param name="Status">Pending, delivered or failed.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="NextAttemptAt">When the next attempt is due (pending only).</param>
/// <param name="LastError">The last failure, without the sink's address.</param>
/// <param name="DeliveredAt">When it was delivered.</param>
public sealed record OutboxDelivery(
    string Sink, OutboxDeliveryStatus Status, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset? DeliveredAt);

/// <summary>A message and its deliveries (empty when no sink was configured when it was enqueued).</summary>
/// <param name="Message">The message.</param>
/// <param name="Deliveries">One per sink, in name order.</param>
public sealed record OutboxEntry(OutboxMessage Message, IReadOnlyList<OutboxDelivery> Deliveries);

/// <summary>What one delivery pass did.</summary>
/// <param name="Delivered">Deliveries confirmed in this pass.</param>
/// <param name="Retrying">Deliveries that failed and were rescheduled.</param>
/// <param name="GaveUp">Deliveries that failed for good in this pass.</param>
/// <param name="Errors">One line per failed attempt: event id, sink and error (no addresses, no payload).</param>
public sealed record OutboxDeliveryReport(int Delivered, int Retrying, int GaveUp, IReadOnlyList<string> Errors)
{
    /// <summary>Nothing was due.</summary>
    public static OutboxDeliveryReport Empty { get; } = new(0, 0, 0, []);
}
