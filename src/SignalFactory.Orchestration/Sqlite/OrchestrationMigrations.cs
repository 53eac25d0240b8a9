using SignalFactory.Registry.Sqlite;

namespace SignalFactory.Orchestration.Sqlite;

/// <summary>
/// The orchestrator's schema migrations (numbers 100–199). Apply them with
/// <c>Workspace.OpenAsync(create, OrchestrationMigrations.All, ct)</c> or <c>SqliteMigrator.ApplyAsync</c>.
/// </summary>
public static class OrchestrationMigrations
{
    // audit_log is the hash chain (see AuditHashing): sequence is the chain position, 1..n without gaps. Triggers
    // refuse UPDATE and DELETE so the table is append-only for every ordinary client; someone who drops them can
    // still change rows, which the chain then reveals. audit_head holds the last position and hash, written in the
    // same transaction as each append, so removing records from the end is detected too.
    private const string AuditLog = """
        CREATE TABLE audit_log (
            sequence     INTEGER NOT NULL PRIMARY KEY CHECK (sequence >= 1),
            audit_id     TEXT    NOT NULL UNIQUE,
            bootstrap_id TEXT    NOT NULL,
            action       TEXT    NOT NULL,
            actor        TEXT    NOT NULL,
            timestamp    TEXT    NOT NULL,
            details      TEXT    NOT NULL,
            prev_hash    TEXT    NOT NULL,
            hash         TEXT    NOT NULL UNIQUE
        );

        CREATE INDEX ix_audit_log_bootstrap ON audit_log (bootstrap_id, sequence);

        CREATE TABLE audit_head (
            id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            sequence INTEGER NOT NULL,
            hash     TEXT    NOT NULL
        );

        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only');
        END;

        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only');
        END;
        """;

    // One row per UTC day; the upsert that bumps it is a single statement, so two processes never get one number.
    private const string BootstrapIds = """
        CREATE TABLE bootstrap_id_sequences (
            day           TEXT    NOT NULL PRIMARY KEY,
            last_sequence INTEGER NOT NULL CHECK (last_sequence >= 1)
        );
        """;

    /// <summary>Every orchestration migration, ascending.</summary>
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(100, "orchestration_audit_log", AuditLog),
        new(101, "orchestration_bootstrap_ids", BootstrapIds),
        new(102, "orchestration_bootstraps", Store.StoreMigrations.Bootstraps),
        new(103, "orchestration_settings", Store.StoreMigrations.Settings),
        new(104, "orchestration_concurrency", Store.StoreMigrations.Concurrency),
        new(110, "orchestration_outbox", Outbox.OutboxMigrations.Outbox),
    ];
}
