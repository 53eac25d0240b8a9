namespace SignalFactory.Policy.Bundles;

/// <summary>
/// <c>policy_bundle.yaml</c> v2.0 (HLD §6.5): the signed policy of one dataset. Sections other than
/// <see cref="Security"/> are optional: which ones a bundle carries depends on its <see cref="EnrichmentLevel"/>
/// (LLD §6.3). Enumerated values keep their exact YAML spelling (see <see cref="EnrichmentLevels"/> and friends).
/// Records compare by value, lists and maps included. The YAML keys are the snake_case form of the property names;
/// the canonical text is written by <see cref="PolicyBundleYaml"/>.
/// </summary>
public sealed record PolicyBundle
{
    /// <summary>The bundle format version this code reads and writes.</summary>
    public const string CurrentVersion = "2.0";

    /// <summary><c>version</c>: always <c>"2.0"</c>.</summary>
    public string Version { get; init; } = CurrentVersion;

    /// <summary><c>dataset_urn</c>: <c>ds://{zone}/{name}</c>.</summary>
    public required string DatasetUrn { get; init; }

    /// <summary><c>bootstrap_id</c>: the bootstrap run that produced the bundle.</summary>
    public required string BootstrapId { get; init; }

    /// <summary><c>generated_by</c>: <c>autopilot</c>, <c>human:&lt;username&gt;</c> or <c>system:&lt;component&gt;</c>.</summary>
    public required string GeneratedBy { get; init; }

    /// <summary><c>enrichment_level</c>: one of <see cref="EnrichmentLevels"/>.</summary>
    public required string EnrichmentLevel { get; init; }

    /// <summary><c>security</c>: signature, minimum enforcement and the kill switch (ADR-008, HLD §10.2).</summary>
    public required SecuritySection Security { get; init; }

    /// <summary><c>schema</c>: fingerprint and column constraints (gate G3).</summary>
    public SchemaSection? Schema { get; init; }

    /// <summary><c>contract_lite</c>: required fields (all tiers).</summary>
    public ContractLiteSection? ContractLite { get; init; }

    /// <summary><c>volume</c>: row-count thresholds (enrichment <c>volume_baseline</c> and up).</summary>
    public VolumeSection? Volume { get; init; }

    /// <summary><c>contract</c>: required fields and SQL invariants (enrichment <c>full_contract</c> and up).</summary>
    public ContractSection? Contract { get; init; }

    /// <summary><c>pii</c>: detection rules and columns to scan.</summary>
    public PiiSection? Pii { get; init; }

    /// <summary><c>freshness</c>: when the data must have landed.</summary>
    public FreshnessSection? Freshness { get; init; }

    /// <summary><c>performance</c>: validation time budget.</summary>
    public PerformanceSection? Performance { get; init; }

    /// <summary><c>bootstrap</c>: provenance of the bundle and its enrichment schedule.</summary>
    public BootstrapSection? Bootstrap { get; init; }
}

/// <summary>The <c>security</c> section.</summary>
public sealed record SecuritySection
{
    /// <summary><c>signature</c>: absent on an unsigned bundle; set only by <c>PolicyBundleSigner</c>.</summary>
    public BundleSignature? Signature { get; init; }

    /// <summary><c>minimum_enforcement</c>: checks that may never be switched off for this dataset.</summary>
    public MinimumEnforcement? MinimumEnforcement { get; init; }

    /// <summary><c>validation_enabled</c>: false while the kill switch is engaged (HLD §10.2).</summary>
    public bool ValidationEnabled { get; init; } = true;

    /// <summary><c>kill_switch</c>: the last engage or release of the kill switch; absent when never used.</summary>
    public KillSwitchRecord? KillSwitch { get; init; }
}

/// <summary>
/// The <c>security.signature</c> block. The signature covers the whole canonical bundle except <see cref="Value"/>
/// itself, so the algorithm, key id and signing time are signed too (see <c>PolicyBundleYaml</c>).
/// </summary>
/// <param name="Algorithm"><c>algorithm</c>: <c>ecdsa-p256-sha256</c>.</param>
/// <param name="KeyId"><c>key_id</c>: <c>sf-</c> + 16 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo DER).</param>
/// <param name="SignedAt"><c>signed_at</c>: UTC signing time.</param>
/// <param name="Value"><c>value</c>: base64 of the 64-byte IEEE P1363 signature (r ‖ s, low-s form).</param>
public sealed record BundleSignature(string Algorithm, string KeyId, DateTimeOffset SignedAt, string Value);

/// <summary>The <c>security.minimum_enforcement</c> block.</summary>
/// <param name="PiiDetection"><c>pii_detection</c>: <c>required</c> or <c>optional</c>.</param>
/// <param name="SchemaValidation"><c>schema_validation</c>: <c>required</c> or <c>optional</c>.</param>
public sealed record MinimumEnforcement(string PiiDetection, string SchemaValidation);

/// <summary>The <c>security.kill_switch</c> block: who last engaged or released the kill switch, when and why.</summary>
/// <param name="Engaged"><c>engaged</c>: true when validation was switched off; always equal to <c>!validation_enabled</c>.</param>
/// <param name="Reason"><c>reason</c>: free text given by the actor.</param>
/// <param name="Actor"><c>actor</c>: <c>human:&lt;username&gt;</c>, <c>autopilot</c> or <c>system:&lt;component&gt;</c>.</param>
/// <param name="At"><c>at</c>: UTC time of the change.</param>
public sealed record KillSwitchRecord(bool Engaged, string Reason, string Actor, DateTimeOffset At);

/// <summary>The <c>schema</c> section.</summary>
public sealed record SchemaSection
{
    /// <summary><c>mode</c>: one of <see cref="SchemaModes"/>.</summary>
    public required string Mode { get; init; }

    /// <summary><c>registry</c>: schema registry to use; <c>auto</c> in generated bundles.</summary>
    public required string Registry { get; init; }

    /// <summary><c>baseline_fingerprint</c>: <c>sha256:…</c> canonical schema fingerprint from <c>baseline.json</c>.</summary>
    public required string BaselineFingerprint { get; init; }

    /// <summary><c>constraints</c>: one entry per column, in table order.</summary>
    public ValueList<FieldConstraint> Constraints { get; init; } = ValueList<FieldConstraint>.Empty;
}

/// <summary>One <c>schema.constraints</c> entry.</summary>
/// <param name="Field"><c>field</c>: column name.</param>
/// <param name="Type"><c>type</c>: logical type, e.g. <c>STRING</c>, <c>DECIMAL(10,2)</c>.</param>
/// <param name="Nullable"><c>nullable</c>.</param>
public sealed record FieldConstraint(string Field, string Type, bool Nullable);

/// <summary>The <c>contract_lite</c> section (HLD §6.5): required fields and, rarely, plain invariant strings.</summary>
public sealed record ContractLiteSection
{
    /// <summary><c>required_fields</c>: columns that must be present and non-null.</summary>
    public ValueList<string> RequiredFields { get; init; } = ValueList<string>.Empty;

    /// <summary><c>invariants</c>: SQL boolean expressions as plain strings (empty in generated Contract-Lite).</summary>
    public ValueList<string> Invariants { get; init; } = ValueList<string>.Empty;
}

/// <summary>The <c>volume</c> section (LLD §6.3 <c>_build_volume_section</c>).</summary>
public sealed record VolumeSection
{
    /// <summary><c>min_rows_per_partition</c>.</summary>
    public required long MinRowsPerPartition { get; init; }

    /// <summary><c>anomaly_threshold_pct</c>: deviation from the baseline average, in percent, that raises an anomaly.</summary>
    public required double AnomalyThresholdPct { get; init; }

    /// <summary><c>baseline_avg</c>: average rows per partition in the baseline.</summary>
    public required double BaselineAvg { get; init; }

    /// <summary><c>baseline_stddev</c>: standard deviation of rows per partition.</summary>
    public required double BaselineStddev { get; init; }

    /// <summary><c>anomaly_lower_bound</c>: optional lower row-count bound from the baseline.</summary>
    public double? AnomalyLowerBound { get; init; }

    /// <summary><c>anomaly_upper_bound</c>: optional upper row-count bound from the baseline.</summary>
    public double? AnomalyUpperBound { get; init; }
}

/// <summary>The <c>contract</c> section: the full contract of Tier-1/Tier-2 bundles.</summary>
public sealed record ContractSection
{
    /// <summary><c>required_fields</c>.</summary>
    public ValueList<string> RequiredFields { get; init; } = ValueList<string>.Empty;

    /// <summary><c>invariants</c>: SQL boolean expressions, each with an id, evaluated per row.</summary>
    public ValueList<ContractInvariant> Invariants { get; init; } = ValueList<ContractInvariant>.Empty;
}

/// <summary>One <c>contract.invariants</c> entry.</summary>
/// <param name="Id"><c>id</c>: stable identifier, unique in the bundle, e.g. <c>order_total_positive</c>.</param>
/// <param name="Description"><c>description</c>: what the rule means, for people.</param>
/// <param name="Expression"><c>expression</c>: SQL boolean expression over the row's columns; true means the row passes.</param>
/// <param name="Severity"><c>severity</c>: one of <see cref="InvariantSeverities"/>.</param>
public sealed record ContractInvariant(string Id, string Description, string Expression, string Severity);

/// <summary>The <c>pii</c> section.</summary>
public sealed record PiiSection
{
    /// <summary><c>detection</c>: what to do with each detected pattern.</summary>
    public ValueList<PiiRule> Detection { get; init; } = ValueList<PiiRule>.Empty;

    /// <summary><c>scan_columns</c>: columns the PII scanner reads.</summary>
    public ValueList<string> ScanColumns { get; init; } = ValueList<string>.Empty;
}

/// <summary>One <c>pii.detection</c> entry.</summary>
/// <param name="Pattern"><c>pattern</c>: a pattern name such as <c>EMAIL</c> (never a sample value).</param>
/// <param name="Action"><c>action</c>: one of <see cref="PiiActions"/>.</param>
public sealed record PiiRule(string Pattern, string Action);

/// <summary>The <c>freshness</c> section.</summary>
public sealed record FreshnessSection
{
    /// <summary><c>expected_update_by</c>: free text such as <c>02:00 ET daily</c>.</summary>
    public required string ExpectedUpdateBy { get; init; }

    /// <summary><c>grace_period</c>: a duration such as <c>30m</c>.</summary>
    public required string GracePeriod { get; init; }

    /// <summary><c>partition_key</c>: partition column; absent for unpartitioned tables.</summary>
    public string? PartitionKey { get; init; }

    /// <summary><c>max_staleness_hours</c>: optional hard limit from <c>dataset.yaml</c>.</summary>
    public int? MaxStalenessHours { get; init; }
}

/// <summary>The <c>performance</c> section (LLD §6.3 tier budgets).</summary>
public sealed record PerformanceSection
{
    /// <summary><c>gate_timeout_ms</c>.</summary>
    public required int GateTimeoutMs { get; init; }

    /// <summary><c>total_validation_budget_pct</c>: share of the job's run time validation may take.</summary>
    public required double TotalValidationBudgetPct { get; init; }

    /// <summary><c>pii_scan_timeout_ms</c>.</summary>
    public required int PiiScanTimeoutMs { get; init; }

    /// <summary><c>sampling_rate</c>: in (0, 1].</summary>
    public required double SamplingRate { get; init; }
}

/// <summary>The <c>bootstrap</c> section: where the bundle came from and how it will be enriched.</summary>
public sealed record BootstrapSection
{
    /// <summary><c>baseline_source</c>: bootstrap id of the baseline the rules came from.</summary>
    public required string BaselineSource { get; init; }

    /// <summary><c>baseline_confidence</c>: one of <see cref="BaselineConfidences"/>.</summary>
    public required string BaselineConfidence { get; init; }

    /// <summary><c>generated_at</c>: when the generator produced the bundle (UTC).</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary><c>generation_attempt</c>: 1 for the first generation, +1 per regeneration after a rejection.</summary>
    public int? GenerationAttempt { get; init; }

    /// <summary><c>auto_refine_until</c>: for synthetic baselines, when auto-refinement is expected to end (UTC).</summary>
    public DateTimeOffset? AutoRefineUntil { get; init; }

    /// <summary><c>progressive_schedule</c>: <c>week_N</c> → gates switched on that week (HLD §6.4).</summary>
    public ValueMap<ValueList<string>> ProgressiveSchedule { get; init; } = ValueMap<ValueList<string>>.Empty;

    /// <summary><c>backtest</c>: outcome of replaying the rules on history; absent until a backtest exists.</summary>
    public BacktestSummary? Backtest { get; init; }
}

/// <summary>The <c>bootstrap.backtest</c> block (a placeholder until backtesting lands).</summary>
/// <param name="Status"><c>status</c>: one of <see cref="BacktestStatuses"/>.</param>
/// <param name="Report"><c>report</c>: artifact path of the backtest report, when one was written.</param>
public sealed record BacktestSummary(string Status, string? Report = null);
