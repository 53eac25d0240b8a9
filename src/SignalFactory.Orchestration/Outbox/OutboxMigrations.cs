namespace SignalFactory.Orchestration.Outbox;

/// <summary>SQL of the events outbox (migration 110).</summary>
internal static class OutboxMigrations
{
    // One row per event; dedupe_key (bootstrap id : record version : kind) makes a command that is run again after
    // a crash insert nothing. One delivery row per (message, sink) chosen when the message is enqueued; a sink
    // row is DELIVERED only after that sink confirmed it (at least once). next_attempt_at doubles as the claim of a
    // delivery pass (moved forward while a send is in flight), so two passes do not send one message at once.
    public const string Outbox = """
        CREATE TABLE outbox_messages (
            message_id   TEXT NOT NULL PRIMARY KEY,
            dedupe_key   TEXT NOT NULL UNIQUE,
            bootstrap_id TEXT NOT NULL,
            dataset_urn  TEXT NOT NULL,
            tier         TEXT NOT NULL,
            kind         TEXT NOT NULL,
            payload      TEXT NOT NULL,
            created_at   TEXT NOT NULL
        );

        CREATE INDEX ix_outbox_messages_bootstrap ON outbox_messages (bootstrap_id, created_at);

        CREATE TABLE outbox_deliveries (
            message_id      TEXT    NOT NULL REFERENCES outbox_messages (message_id),
            sink            TEXT    NOT NULL,
            status          TEXT    NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
            attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at TEXT,
            last_error      TEXT,
            delivered_at    TEXT,
            updated_at      TEXT    NOT NULL,
            PRIMARY KEY (message_id, sink)
        );

        CREATE INDEX ix_outbox_deliveries_due ON outbox_deliveries (next_attempt_at) WHERE status = 'PENDING';
        """;
}
