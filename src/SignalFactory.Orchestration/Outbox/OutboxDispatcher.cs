using System.Globalization;

namespace SignalFactory.Orchestration.Outbox;

/// <summary>Retry timing of outbox deliveries.</summary>
/// <param name="InitialDelay">Wait before the second attempt; doubled per further attempt.</param>
/// <param name="MaxDelay">Longest wait between attempts.</param>
/// <param name="MaxAttempts">Attempts before a delivery is failed for good.</param>
/// <param name="ClaimTimeout">How long a pass holds a delivery it is sending; longer than any sink's timeout.</param>
/// <param name="BatchSize">Deliveries claimed per pass.</param>
public sealed record OutboxRetryPolicy(TimeSpan InitialDelay, TimeSpan MaxDelay, int MaxAttempts, TimeSpan ClaimTimeout, int BatchSize)
{
    /// <summary>30 s doubling to at most 1 h, 12 attempts (about 6 h in all), 2 min claims, 100 per pass.</summary>
    public static OutboxRetryPolicy Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), 12, TimeSpan.FromMinutes(2), 100);

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks));
        return delay;
    }
}

/// <summary>
/// One delivery pass over the outbox: claims the due deliveries of the configured sinks, sends each, and records the
/// outcome per sink (delivered only after the sink succeeded: at least once). A sink that fails transiently is
/// retried with exponential backoff in a later pass; its other messages wait with it instead of each timing out.
/// Nothing here throws into a bootstrap step: callers run it after the worker's steps.
/// </summary>
public sealed class OutboxDispatcher
{
    private readonly BootstrapOutbox _outbox;
    private readonly IReadOnlyList<IEventSink> _sinks;
    private readonly TimeProvider _timeProvider;
    private readonly OutboxRetryPolicy _policy;

    /// <summary>A dispatcher to <paramref name="sinks"/> (names must be unique).</summary>
    public OutboxDispatcher(BootstrapOutbox outbox, IReadOnlyList<IEventSink> sinks, TimeProvider timeProvider, OutboxRetryPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (sinks.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != sinks.Count)
        {
            throw new ArgumentException("sink names must be unique", nameof(sinks));
        }

        _outbox = outbox;
        _sinks = sinks;
        _timeProvider = timeProvider;
        _policy = policy ?? OutboxRetryPolicy.Default;
    }

    /// <summary>Raised per attempt with the sink name and whether it was delivered (for metrics).</summary>
    public event Action<string, SinkOutcome>? Attempted;

    /// <summary>Delivers every due message once to each configured sink it is pending for.</summary>
    public async Task<OutboxDeliveryReport> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var names = _sinks.Select(s => s.Name).ToList();
        var errors = new List<string>();
        var unconfigured = await _outbox.FailUnconfiguredAsync(names, now, cancellationToken).ConfigureAwait(false);
        if (unconfigured > 0)
        {
            errors.Add($"{unconfigured} delivery(ies) failed: their sink is no longer configured");
        }

        var claimed = await _outbox.ClaimDueAsync(names, now, now + _policy.ClaimTimeout, _policy.BatchSize, cancellationToken).ConfigureAwait(false);
        var byName = _sinks.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var tripped = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        int delivered = 0, retrying = 0, gaveUp = unconfigured;
        foreach (var delivery in claimed)
        {
            if (tripped.TryGetValue(delivery.Sink, out var waitUntil))
            {
                await _outbox.ReleaseAsync(delivery, waitUntil, now, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var result = await SendAsync(byName[delivery.Sink], delivery.Message, cancellationToken).ConfigureAwait(false);
            var at = _timeProvider.GetUtcNow();
            var attempt = delivery.Attempts + 1;
            Attempted?.Invoke(delivery.Sink, result.Outcome);
            switch (result.Outcome)
            {
                case SinkOutcome.Delivered:
                    await _outbox.RecordAttemptAsync(delivery, true, null, null, at, cancellationToken).ConfigureAwait(false);
                    delivered++;
                    break;
                case SinkOutcome.Retry when attempt < _policy.MaxAttempts:
                    var delay = _policy.DelayAfter(attempt);
                    if (result.RetryAfter is { } asked && asked > delay)
                    {
                        delay = asked < _policy.MaxDelay ? asked : _policy.MaxDelay;
                    }

                    var next = at + delay;
                    await _outbox.RecordAttemptAsync(delivery, false, next, result.Error, at, cancellationToken).ConfigureAwait(false);
                    tripped[delivery.Sink] = next;
                    retrying++;
                    errors.Add(Line(delivery, attempt, result.Error, $"retry at {OutboxPayload.Time(next)}"));
                    break;
                default:
                    var why = result.Outcome == SinkOutcome.Retry ? $"{result.Error} (after {attempt} attempts)" : result.Error;
                    await _outbox.RecordAttemptAsync(delivery, false, null, why, at, cancellationToken).ConfigureAwait(false);
                    gaveUp++;
                    errors.Add(Line(delivery, attempt, why, "gave up"));
                    break;
            }
        }

        return claimed.Count == 0 && unconfigured == 0 ? OutboxDeliveryReport.Empty : new OutboxDeliveryReport(delivered, retrying, gaveUp, errors);
    }

    private static string Line(ClaimedDelivery delivery, int attempt, string? error, string then) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{delivery.Message.Kind} {delivery.Message.BootstrapId} (event {delivery.Message.MessageId}) to {delivery.Sink}: {error} (attempt {attempt}; {then})");

    private static async Task<SinkResult> SendAsync(IEventSink sink, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await sink.DeliverAsync(message, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A sink bug must not stop the pass: it counts as a transient failure and is recorded.
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return new SinkResult(SinkOutcome.Retry, $"{exception.GetType().Name}: {exception.Message}");
        }
    }
}
