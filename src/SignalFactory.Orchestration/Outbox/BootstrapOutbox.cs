using System.Globalization;
using Microsoft.Data.Sqlite;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Sqlite;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Outbox;

/// <summary>
/// The events outbox (<c>outbox_messages</c>, <c>outbox_deliveries</c>; migration 110). Enqueueing is idempotent per
/// (bootstrap, record version, kind); <see cref="OutboxDispatcher"/> delivers due messages to the sinks.
/// </summary>
public sealed partial class BootstrapOutbox
{
    private readonly string _databasePath;
    private readonly TimeProvider _timeProvider;

    /// <summary>The outbox of the workspace database at <paramref name="databasePath"/>.</summary>
    public BootstrapOutbox(string databasePath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _databasePath = databasePath;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Stores the event <paramref name="command"/> publishes for <paramref name="record"/>, with one pending delivery
    /// per name in <paramref name="sinks"/>. Returns the stored message (the earlier one when this command already
    /// enqueued it, with <c>Inserted</c> false), or null when the command publishes nothing.
    /// </summary>
    public async Task<(OutboxMessage Message, bool Inserted)?> EnqueueAsync(
        BootstrapRecord record, BootstrapCommand command, IReadOnlyCollection<string> sinks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(sinks);
        if (OutboxPayload.Describe(record, command) is not { } described)
        {
            return null;
        }

        var now = _timeProvider.GetUtcNow();
        var eventId = Ulid.New(now);
        var dedupeKey = string.Create(CultureInfo.InvariantCulture, $"{record.BootstrapId}:v{record.Version}:{described.Kind}");
        var message = new OutboxMessage(eventId, dedupeKey, record.BootstrapId, record.DatasetUrn, record.Tier, described.Kind,
            OutboxPayload.Build(eventId, described.Kind, record, described.Details), now);

        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var inserted = await OrchestrationSqlite.ExecuteAsync(connection, transaction, """
                    INSERT INTO outbox_messages (message_id, dedupe_key, bootstrap_id, dataset_urn, tier, kind, payload, created_at)
                    VALUES ($id, $key, $bootstrap, $urn, $tier, $kind, $payload, $now)
                    ON CONFLICT (dedupe_key) DO NOTHING;
                    """, cancellationToken,
                    ("$id", eventId), ("$key", dedupeKey), ("$bootstrap", record.BootstrapId), ("$urn", record.DatasetUrn),
                    ("$tier", record.Tier), ("$kind", described.Kind), ("$payload", message.Payload), ("$now", Format(now))).ConfigureAwait(false) == 1;
                if (!inserted)
                {
                    var existing = await ReadMessagesAsync(connection, transaction, "WHERE dedupe_key = $key", cancellationToken, ("$key", dedupeKey)).ConfigureAwait(false);
                    return (existing[0], false);
                }

                foreach (var sink in sinks.Distinct(StringComparer.Ordinal))
                {
                    await OrchestrationSqlite.ExecuteAsync(connection, transaction, """
                        INSERT INTO outbox_deliveries (message_id, sink, status, attempts, next_attempt_at, updated_at)
                        VALUES ($id, $sink, 'PENDING', 0, $now, $now);
                        """, cancellationToken, ("$id", eventId), ("$sink", sink), ("$now", Format(now))).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (message, true);
            }
        }
    }

    /// <summary>
    /// Messages, oldest first, with their deliveries. Without <paramref name="includeSettled"/> only messages with
    /// a pending or failed delivery are returned.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(bool includeSettled, CancellationToken cancellationToken)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var filter = includeSettled
                ? string.Empty
                : "WHERE message_id IN (SELECT message_id FROM outbox_deliveries WHERE status IN ('PENDING', 'FAILED'))";
            var messages = await ReadMessagesAsync(connection, null, filter, cancellationToken).ConfigureAwait(false);
            var deliveries = await ReadDeliveriesAsync(connection, null, cancellationToken).ConfigureAwait(false);
            return messages
                .Select(m => new OutboxEntry(m, deliveries.TryGetValue(m.MessageId, out var list) ? list : []))
                .ToList();
        }
    }

    internal static string Format(DateTimeOffset time) => OutboxPayload.Time(time);

    private static DateTimeOffset? Parse(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal)
            ? null
            : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static async Task<List<OutboxMessage>> ReadMessagesAsync(SqliteConnection connection, SqliteTransaction? transaction, string filter,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = OrchestrationSqlite.Bind(OrchestrationSqlite.Command(connection, transaction, $"""
            SELECT message_id, dedupe_key, bootstrap_id, dataset_urn, tier, kind, payload, created_at
            FROM outbox_messages {filter} ORDER BY created_at, rowid;
            """), parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<OutboxMessage>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new OutboxMessage(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                        reader.GetString(4), reader.GetString(5), reader.GetString(6), Parse(reader, 7)!.Value));
                }

                return rows;
            }
        }
    }

    private static async Task<Dictionary<string, List<OutboxDelivery>>> ReadDeliveriesAsync(SqliteConnection connection, SqliteTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var command = OrchestrationSqlite.Command(connection, transaction, """
            SELECT message_id, sink, status, attempts, next_attempt_at, last_error, delivered_at FROM outbox_deliveries ORDER BY message_id, sink;
            """);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var byMessage = new Dictionary<string, List<OutboxDelivery>>(StringComparer.Ordinal);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var status = ParseStatus(reader.GetString(2));
                    var delivery = new OutboxDelivery(reader.GetString(1), status, reader.GetInt32(3),
                        status == OutboxDeliveryStatus.Pending ? Parse(reader, 4) : null,
                        reader.IsDBNull(5) ? null : reader.GetString(5), Parse(reader, 6));
                    var id = reader.GetString(0);
                    if (!byMessage.TryGetValue(id, out var list))
                    {
                        byMessage[id] = list = [];
                    }

                    list.Add(delivery);
                }

                return byMessage;
            }
        }
    }

    private static OutboxDeliveryStatus ParseStatus(string text) => text switch
    {
        "PENDING" => OutboxDeliveryStatus.Pending,
        "DELIVERED" => OutboxDeliveryStatus.Delivered,
        "FAILED" => OutboxDeliveryStatus.Failed,
        _ => throw new InvalidOperationException($"outbox_deliveries.status '{text}' is unknown"),
    };
}
