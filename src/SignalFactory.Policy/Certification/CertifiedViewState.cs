namespace SignalFactory.Policy.Certification;

/// <summary>
/// The <c>certified_view_state</c> record (LLD §7.4, with the LLD §7.3 deferral fields). One current record per
/// dataset; every change is kept in the history with its <see cref="RecordVersion"/>.
/// </summary>
public sealed record CertifiedViewState
{
    /// <summary><c>dataset_urn</c>.</summary>
    public required string DatasetUrn { get; init; }

    /// <summary><c>certified_view_name</c>: <c>gold_certified.{dataset_name}</c>.</summary>
    public required string CertifiedViewName { get; init; }

    /// <summary><c>current_certified_version</c>: <c>v0</c> at the first certification, <c>v1</c>, … each time the pointer moves; null until certified.</summary>
    public string? CurrentCertifiedVersion { get; init; }

    /// <summary><c>certified_pointer</c>: null until certified.</summary>
    public CertifiedPointer? CertifiedPointer { get; init; }

    /// <summary><c>last_certified_at</c>: when the current pointer was certified.</summary>
    public DateTimeOffset? LastCertifiedAt { get; init; }

    /// <summary><c>certification_status</c>: see <see cref="CertificationStatus.Stored"/>.</summary>
    public required string CertificationStatus { get; init; }

    /// <summary><c>status_reason</c>: a value-free sentence explaining a non-certified status.</summary>
    public string? StatusReason { get; init; }

    /// <summary><c>staleness_sla_hours</c>: 6 / 24 / 48 for TIER_1 / TIER_2 / TIER_3 (24 otherwise).</summary>
    public required int StalenessSlaHours { get; init; }

    /// <summary><c>next_check_due</c>: <c>last_certified_at + staleness_sla_hours</c> for a certified view; null otherwise.</summary>
    public DateTimeOffset? NextCheckDue { get; init; }

    /// <summary><c>bootstrap_id</c>.</summary>
    public required string BootstrapId { get; init; }

    /// <summary><c>tier</c> of the manifest that was certified.</summary>
    public required string Tier { get; init; }

    /// <summary><c>storage_format</c>: <c>delta</c> or <c>parquet</c>.</summary>
    public required string StorageFormat { get; init; }

    /// <summary><c>enforcement_model</c>: <c>inline_sdk</c> / <c>post_write</c>, when the manifest has one.</summary>
    public string? EnforcementModel { get; init; }

    /// <summary><c>policy_bundle_version</c>: the active policy version, when the caller knows it.</summary>
    public string? PolicyBundleVersion { get; init; }

    /// <summary><c>policy_bundle_location</c>: where the signed bundle is (an artifact key or URI), when known.</summary>
    public string? PolicyBundleLocation { get; init; }

    /// <summary><c>trigger_path</c>: the table root that is examined (and watched while deferred).</summary>
    public required string TriggerPath { get; init; }

    /// <summary><c>deferred_at</c>: when the certification was first deferred; null unless deferred.</summary>
    public DateTimeOffset? DeferredAt { get; init; }

    /// <summary><c>deferred_reason</c>: see <see cref="DeferredReasons"/>; null unless deferred.</summary>
    public string? DeferredReason { get; init; }

    /// <summary>
    /// <c>deferred_probe</c>: what the cheap first-write check saw when deferring (<c>delta:none</c>, <c>delta:v3</c>,
    /// <c>parquet:files=2</c>); the checker does the full examination only when its probe gives something else.
    /// </summary>
    public string? DeferredProbe { get; init; }

    /// <summary><c>expected_schema_fingerprint</c>: the baseline's fingerprint the table was checked against.</summary>
    public string? ExpectedSchemaFingerprint { get; init; }

    /// <summary><c>observed_schema_fingerprint</c>: the table's fingerprint when it was last examined with data.</summary>
    public string? ObservedSchemaFingerprint { get; init; }

    /// <summary><c>graph_seeded</c>: the dataset's graph node and edges were written for this record version.</summary>
    public bool GraphSeeded { get; init; }

    /// <summary><c>record_version</c>: 1 for the first record of the dataset, +1 per change (optimistic concurrency).</summary>
    public required int RecordVersion { get; init; }

    /// <summary><c>updated_at</c>.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
