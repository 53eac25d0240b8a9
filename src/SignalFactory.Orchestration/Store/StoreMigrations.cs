namespace SignalFactory.Orchestration.Store;

/// <summary>SQL of the durable bootstrap store (migrations 102, 103 and 104).</summary>
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

    // Concurrency limits (LLD §2.6, see ConcurrencySlots). `wants_slot`: the state needs a slot to progress;
    // `holds_slot`: a worker admitted it and it has not parked or finished since; `profiling_job`: the pending
    // commands start a real profiling job (counted while a worker holds the lease). Rows that wait for a slot are
    // `wants_slot = 1 AND holds_slot = 0`, admitted in initiation order. Existing rows: in-progress ones that already
    // ran a step keep running (they hold a slot); never-claimed ones queue.
    public const string Concurrency = """
        ALTER TABLE bootstraps ADD COLUMN tier TEXT NOT NULL DEFAULT '';
        ALTER TABLE bootstraps ADD COLUMN wants_slot INTEGER NOT NULL DEFAULT 0 CHECK (wants_slot IN (0, 1));
        ALTER TABLE bootstraps ADD COLUMN holds_slot INTEGER NOT NULL DEFAULT 0 CHECK (holds_slot IN (0, 1));
        ALTER TABLE bootstraps ADD COLUMN profiling_job INTEGER NOT NULL DEFAULT 0 CHECK (profiling_job IN (0, 1));

        UPDATE bootstraps SET
            tier = coalesce(json_extract(record, '$.Tier'), ''),
            wants_slot = CASE
                WHEN state IN ('REGISTERED', 'PROFILING', 'PROFILING_FAILED', 'PROFILED', 'POLICY_APPROVED', 'CERTIFYING') THEN 1
                WHEN state = 'POLICY_REJECTED' AND coalesce(json_extract(record, '$.RegenerationPaused'), 0) = 0 THEN 1
                ELSE 0 END,
            profiling_job = CASE WHEN EXISTS (
                SELECT 1 FROM json_each(pending)
                WHERE json_extract(value, '$.type') = 'StartProfiling' AND coalesce(json_extract(value, '$.data.Mode'), '') <> 'Synthetic') THEN 1 ELSE 0 END;
        UPDATE bootstraps SET holds_slot = 1 WHERE wants_slot = 1 AND version > 1;

        CREATE INDEX ix_bootstraps_slots ON bootstraps (tier) WHERE holds_slot = 1;
        CREATE INDEX ix_bootstraps_queue ON bootstraps (created_at) WHERE wants_slot = 1 AND holds_slot = 0;
        CREATE INDEX ix_bootstraps_profiling ON bootstraps (lease_expires_at) WHERE profiling_job = 1;
        """;
}
