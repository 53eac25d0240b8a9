namespace SignalFactory.Registry.Sqlite;

/// <summary>The registry's schema migrations (numbers 1–99).</summary>
public static class RegistryMigrations
{
    // dataset_versions holds every manifest version (PRIMARY KEY (urn, version) is the uniqueness guard against
    // duplicate versions); datasets holds one row per URN with the current status and the latest version's filter
    // columns copied, so listing filters and pages on one indexed table.
    private const string Initial = """
        CREATE TABLE dataset_versions (
            urn               TEXT    NOT NULL,
            version           INTEGER NOT NULL CHECK (version >= 1),
            tier              TEXT    NOT NULL,
            format            TEXT    NOT NULL,
            runtime           TEXT    NOT NULL,
            enforcement_model TEXT    NULL,
            owner_team        TEXT    NOT NULL,
            registered_by     TEXT    NOT NULL,
            registered_at     TEXT    NOT NULL,
            content_hash      TEXT    NOT NULL,
            yaml_content      TEXT    NOT NULL,
            PRIMARY KEY (urn, version)
        );

        CREATE TABLE datasets (
            urn            TEXT    NOT NULL PRIMARY KEY,
            latest_version INTEGER NOT NULL,
            tier           TEXT    NOT NULL,
            format         TEXT    NOT NULL,
            owner_team     TEXT    NOT NULL,
            status         TEXT    NOT NULL
                CHECK (status IN ('REGISTERED', 'BOOTSTRAPPING', 'SIGNAL_READY', 'DECOMMISSIONED')),
            bootstrap_id   TEXT    NULL,
            updated_at     TEXT    NOT NULL,
            FOREIGN KEY (urn, latest_version) REFERENCES dataset_versions (urn, version)
        );

        CREATE INDEX ix_datasets_tier_status ON datasets (tier, status, urn);
        CREATE INDEX ix_datasets_status ON datasets (status, urn);
        CREATE INDEX ix_datasets_format ON datasets (format, urn);
        CREATE INDEX ix_datasets_owner_team ON datasets (owner_team, urn);
        """;

    /// <summary>Every registry migration, ascending.</summary>
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(1, "registry_initial", Initial),
    ];
}
