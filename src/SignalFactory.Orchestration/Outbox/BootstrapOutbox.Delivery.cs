using Microsoft.Data.Sqlite;
using SignalFactory.Orchestration.Sqlite;

namespace SignalFactory.Orchestration.Outbox;

/// <summary>One claimed delivery: a message for one sink.</summary>
internal sealed record ClaimedDelivery(OutboxMessage Message, string Sink, int Attempts);

public sealed partial class BootstrapOutbox
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> pending deliveries due at <paramref name="now"/> for the named sinks,
    /// oldest message first, by moving their <c>next_attempt_at</c> to <paramref name="claimUntil"/> in one IMMEDIATE
    /// transaction: another pass skips them while this one sends, and a pass that dies leaves them due again then.
    /// </summary>
    internal async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(IReadOnlyList<string> sinks, DateTimeOffset now, DateTimeOffset claimUntil, int limit,
        CancellationToken cancellationToken)
    {
        if (sinks.Count == 0)
        {
            return [];
        }

        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Parameter names only are built here; the sink names themselves are bound values.
                var names = string.Join(", ", sinks.Select((_, i) => $"$s{i}"));
                var select = OrchestrationSqlite.Command(connection, transaction, $"""
                    SELECT m.message_id, m.dedupe_key, m.bootstrap_id, m.dataset_urn, m.tier, m.kind, m.payload, m.created_at, d.sink, d.attempts
                    FROM outbox_deliveries d JOIN outbox_messages m ON m.message_id = d.message_id
                    WHERE d.status = 'PENDING' AND d.next_attempt_at <= $now AND d.sink IN ({names})
                    ORDER BY m.created_at, m.rowid, d.sink LIMIT $limit;
                    """);
                var claimed = new List<ClaimedDelivery>();
                await using (select.ConfigureAwait(false))
                {
                    select.Parameters.AddWithValue("$now", Format(now));
                    select.Parameters.AddWithValue("$limit", limit);
                    for (var i = 0; i < sinks.Count; i++)
                    {
                        select.Parameters.AddWithValue($"$s{i}", sinks[i]);
                    }

                    var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            var message = new OutboxMessage(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                                reader.GetString(4), reader.GetString(5), reader.GetString(6), Parse(reader, 7)!.Value);
                            claimed.Add(new ClaimedDelivery(message, reader.GetString(8), reader.GetInt32(9)));
                        }
                    }
                }

                foreach (var delivery in claimed)
                {
                    await OrchestrationSqlite.ExecuteAsync(connection, transaction, """
                        UPDATE outbox_deliveries SET next_attempt_at = $until, updated_at = $now
                        WHERE message_id = $id AND sink = $sink AND status = 'PENDING';
                        """, cancellationToken,
                        ("$until", Format(claimUntil)), ("$now", Format(now)), ("$id", delivery.Message.MessageId), ("$sink", delivery.Sink)).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return claimed;
            }
        }
    }

    /// <summary>Records one attempt's result: delivered, rescheduled (<paramref name="nextAttemptAt"/>) or failed for good (null).</summary>
    internal Task RecordAttemptAsync(ClaimedDelivery delivery, bool delivered, DateTimeOffset? nextAttemptAt, string? error, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE outbox_deliveries
            SET status = $status, attempts = attempts + 1, next_attempt_at = $next, last_error = COALESCE($error, last_error),
                delivered_at = $delivered, updated_at = $now
            WHERE message_id = $id AND sink = $sink AND status = 'PENDING';
            """, cancellationToken,
            ("$status", delivered ? "DELIVERED" : nextAttemptAt is null ? "FAILED" : "PENDING"),
            ("$next", nextAttemptAt is { } next ? Format(next) : null), ("$error", error),
            ("$delivered", delivered ? Format(now) : null), ("$now", Format(now)),
            ("$id", delivery.Message.MessageId), ("$sink", delivery.Sink));

    /// <summary>Hands a claimed delivery back without an attempt (its sink failed earlier in the pass).</summary>
    internal Task ReleaseAsync(ClaimedDelivery delivery, DateTimeOffset nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE outbox_deliveries SET next_attempt_at = $next, updated_at = $now
            WHERE message_id = $id AND sink = $sink AND status = 'PENDING';
            """, cancellationToken,
            ("$next", Format(nextAttemptAt)), ("$now", Format(now)), ("$id", delivery.Message.MessageId), ("$sink", delivery.Sink));

    /// <summary>Fails the pending deliveries of sinks that are no longer configured; returns how many.</summary>
    internal Task<int> FailUnconfiguredAsync(IReadOnlyList<string> configured, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", configured.Select((_, i) => $"$s{i}"));
        var filter = configured.Count == 0 ? string.Empty : $"AND sink NOT IN ({names})";
        var parameters = configured.Select((sink, i) => ($"$s{i}", (object?)sink)).Append(("$now", Format(now))).ToArray();
        return ExecuteAsync($"""
            UPDATE outbox_deliveries SET status = 'FAILED', next_attempt_at = NULL, updated_at = $now,
                last_error = 'sink ' || sink || ' is no longer configured'
            WHERE status = 'PENDING' {filter};
            """, cancellationToken, parameters);
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await OrchestrationSqlite.ExecuteAsync(connection, null, sql, cancellationToken, parameters).ConfigureAwait(false);
        }
    }
}
