using SignalFactory.Registry.Sqlite;

namespace SignalFactory.Profiling.Refinement;

/// <summary>The Baseline Store's SQLite migrations (numbers 200–299).</summary>
public static class BaselineMigrations
{
    // baselines: one row per (dataset, metric), LLD §5.2, plus version (optimistic concurrency) and the review flag.
    // run_history: LLD §5.2 keeps it as a list on the volume item; a table lets a run be appended and old runs
    // pruned without rewriting the list. (dataset_urn, run_id) is unique so a retried record is recognised.
    // No foreign key to the registry: the store works on its own database too (PostgreSQL sibling).
    private const string Initial = """
        CREATE TABLE baselines (
            dataset_urn                TEXT    NOT NULL,
            metric_key                 TEXT    NOT NULL,
            baseline_value             TEXT    NOT NULL CHECK (json_valid(baseline_value)),
            confidence                 TEXT    NOT NULL CHECK (confidence IN ('HIGH', 'MEDIUM', 'LOW')),
            is_synthetic               INTEGER NOT NULL CHECK (is_synthetic IN (0, 1)),
            source_bootstrap_id        TEXT    NULL,
            source_engine              TEXT    NOT NULL,
            partitions_sampled         INTEGER NOT NULL DEFAULT 0 CHECK (partitions_sampled >= 0),
            created_at                 TEXT    NOT NULL,
            updated_at                 TEXT    NOT NULL,
            auto_refine_runs_remaining INTEGER NOT NULL DEFAULT 0 CHECK (auto_refine_runs_remaining >= 0),
            flagged_for_review         INTEGER NOT NULL DEFAULT 0 CHECK (flagged_for_review IN (0, 1)),
            review_reason              TEXT    NULL,
            version                    INTEGER NOT NULL CHECK (version >= 1),
            PRIMARY KEY (dataset_urn, metric_key)
        );

        CREATE TABLE run_history (
            dataset_urn  TEXT    NOT NULL,
            sequence     INTEGER NOT NULL CHECK (sequence >= 1),
            run_id       TEXT    NOT NULL,
            recorded_at  TEXT    NOT NULL,
            row_count    INTEGER NOT NULL,
            duration_ms  INTEGER NULL,
            null_rates   TEXT    NULL,
            is_known_bad INTEGER NOT NULL DEFAULT 0 CHECK (is_known_bad IN (0, 1)),
            verdict      TEXT    NOT NULL,
            PRIMARY KEY (dataset_urn, sequence),
            UNIQUE (dataset_urn, run_id)
        );
        """;

    /// <summary>Every baseline migration, ascending; pass them to <c>Workspace.OpenAsync(create, additionalMigrations, ct)</c>.</summary>
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(200, "baselines_initial", Initial),
    ];
}
