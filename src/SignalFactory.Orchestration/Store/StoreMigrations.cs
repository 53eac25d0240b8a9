namespace SignalFactory.Orchestration.Store;

/// <summary>SQL of the durable bootstrap store (migrations 102 and 103).</summary>
internal static class StoreMigrations
{
    // One row per bootstrap. `record` is the machine's record as JSON (timers included); `pending` the commands of
    // the last transition that no worker has finished yet. `version` mirrors the record's version: every state write
    // is `UPDATE ... WHERE version = $expected`. `next_due_at` is when a worker has something to do (now while
    // commands are pending, else the earliest timer; NULL when nothing will ever be due). `active` is 1 for the one
    // bootstrap of a URN that blocks a new initiation; the unique partial index decides concurrent initiations.
    public const string Bootstraps = """
        CREATE TABLE bootstraps (
            bootstrap_id     TEXT    NOT NULL PRIMARY KEY,
            dataset_urn      TEXT    NOT NULL,
            state            TEXT    NOT NULL,
            active           INTEGER NOT NULL CHECK (active IN (0, 1)),
            record           TEXT    NOT NULL,
            pending          TEXT    NOT NULL,
            version          INTEGER NOT NULL CHECK (version >= 1),
            lease_owner      TEXT,
            lease_expires_at TEXT,
            next_due_at      TEXT,
            created_at       TEXT    NOT NULL,
            updated_at       TEXT    NOT NULL
        );

        CREATE UNIQUE INDEX ux_bootstraps_active_urn ON bootstraps (dataset_urn) WHERE active = 1;
        CREATE INDEX ix_bootstraps_due ON bootstraps (next_due_at) WHERE next_due_at IS NOT NULL;
        CREATE INDEX ix_bootstraps_urn ON bootstraps (dataset_urn, created_at);
        """;

    public const string Settings = """
        CREATE TABLE settings (
            key        TEXT NOT NULL PRIMARY KEY,
            value      TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """;
}
