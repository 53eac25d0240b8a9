namespace SignalFactory.Core.Manifests;

/// <summary>
/// The YAML keys of each manifest section, in the canonical order of HLD §4.4. The binder uses them to spot
/// unknown keys; <see cref="ManifestYaml"/> writes keys in this order.
/// </summary>
internal static class ManifestKeys
{
    public static readonly string[] Root =
    [
        "urn", "owner_team", "tier", "runtime", "storage", "orchestration", "slo",
        "enforcement_model", "openlineage", "metadata", "override_profiling_days", "skip_profiling",
    ];

    public static readonly string[] Storage = ["format", "bronze", "silver", "gold", "staging", "quarantine", "partition_key"];

    public static readonly string[] Orchestration = ["platform", "dag_id", "task_id", "schedule"];

    public static readonly string[] Slo = ["freshness", "volume"];

    public static readonly string[] Freshness = ["expected_update_by", "grace_period", "max_staleness_hours"];

    public static readonly string[] Volume = ["min_rows_per_partition", "anomaly_threshold_pct"];

    public static readonly string[] OpenLineage = ["enabled", "namespace", "job_name"];

    public static readonly string[] Metadata = ["created_at", "created_by", "bootstrap_id"];
}
