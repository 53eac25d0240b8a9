using SignalFactory.Registry.Sqlite;

namespace SignalFactory.Policy.Certification.Store;

/// <summary>
/// The certifier's tables in the workspace database (migration numbers 300–399): the certification record with its
/// history, and the graph that replaces Neptune (nodes and edges with JSON properties). Pass <see cref="All"/> to
/// <c>Workspace.OpenAsync(create, additionalMigrations, ct)</c> or <see cref="SqliteMigrator.ApplyAsync"/>.
/// </summary>
public static class CertificationMigrations
{
    // One current row per dataset (the LLD §7.4 item, keyed by URN) and every version of it in the history, so the
    // record's past (deferred -> certified -> v1 ...) stays readable. record_version is the optimistic-concurrency
    // guard: a write must name the version it replaces.
    private const string CertifiedViewState = """
        CREATE TABLE certified_view_state (
            dataset_urn                 TEXT    NOT NULL PRIMARY KEY,
            certified_view_name         TEXT    NOT NULL,
            current_certified_version   TEXT    NULL,
            certified_pointer           TEXT    NULL CHECK (certified_pointer IS NULL OR json_valid(certified_pointer)),
            last_certified_at           TEXT    NULL,
            certification_status        TEXT    NOT NULL
                CHECK (certification_status IN ('CERTIFIED', 'DEFERRED', 'SCHEMA_CHANGED', 'STALE')),
            status_reason               TEXT    NULL,
            staleness_sla_hours         INTEGER NOT NULL,
            next_check_due              TEXT    NULL,
            bootstrap_id                TEXT    NOT NULL,
            tier                        TEXT    NOT NULL,
            storage_format              TEXT    NOT NULL,
            enforcement_model           TEXT    NULL,
            policy_bundle_version       TEXT    NULL,
            policy_bundle_location      TEXT    NULL,
            trigger_path                TEXT    NOT NULL,
            deferred_at                 TEXT    NULL,
            deferred_reason             TEXT    NULL,
            deferred_probe              TEXT    NULL,
            expected_schema_fingerprint TEXT    NULL,
            observed_schema_fingerprint TEXT    NULL,
            graph_seeded                INTEGER NOT NULL CHECK (graph_seeded IN (0, 1)),
            record_version              INTEGER NOT NULL CHECK (record_version >= 1),
            updated_at                  TEXT    NOT NULL
        );

        CREATE INDEX ix_certified_view_state_status ON certified_view_state (certification_status, dataset_urn);

        CREATE TABLE certified_view_history (
            dataset_urn          TEXT    NOT NULL,
            record_version       INTEGER NOT NULL,
            certification_status TEXT    NOT NULL,
            record_json          TEXT    NOT NULL CHECK (json_valid(record_json)),
            recorded_at          TEXT    NOT NULL,
            PRIMARY KEY (dataset_urn, record_version)
        );
        """;

    // Edges are keyed by (from, label, to), so seeding twice upserts; the index on to_id serves incoming queries.
    private const string Graph = """
        CREATE TABLE graph_nodes (
            id         TEXT NOT NULL PRIMARY KEY,
            label      TEXT NOT NULL,
            properties TEXT NOT NULL CHECK (json_valid(properties)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE INDEX ix_graph_nodes_label ON graph_nodes (label, id);

        CREATE TABLE graph_edges (
            from_id    TEXT NOT NULL REFERENCES graph_nodes (id),
            to_id      TEXT NOT NULL REFERENCES graph_nodes (id),
            label      TEXT NOT NULL,
            properties TEXT NOT NULL CHECK (json_valid(properties)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (from_id, label, to_id)
        );

        CREATE INDEX ix_graph_edges_to ON graph_edges (to_id, label, from_id);
        """;

    /// <summary>Every certification migration, ascending.</summary>
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(300, "certification_state", CertifiedViewState),
        new(301, "certification_graph", Graph),
    ];
}
