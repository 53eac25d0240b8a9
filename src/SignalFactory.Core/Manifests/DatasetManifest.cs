namespace SignalFactory.Core.Manifests;

/// <summary>
/// The <c>dataset.yaml</c> registration manifest (HLD §4.4). Every property is nullable so that a manifest
/// read from YAML can represent what the author wrote, including mistakes; <see cref="DatasetYamlValidator"/>
/// decides what is acceptable. Enumerated values are kept as their exact YAML spellings (see
/// <see cref="Tiers"/>, <see cref="Runtimes"/>, <see cref="StorageFormats"/>, <see cref="EnforcementModels"/>,
/// <see cref="OrchestrationPlatforms"/>). Records compare by value, sections included.
/// </summary>
public sealed record DatasetManifest
{
    /// <summary><c>urn</c>: canonical name <c>ds://{zone}/{dataset_name}</c>; see <see cref="DatasetUrn"/>.</summary>
    public string? Urn { get; init; }

    /// <summary><c>owner_team</c>: owning team (CODEOWNERS-derived or manual).</summary>
    public string? OwnerTeam { get; init; }

    /// <summary><c>tier</c>: <c>TIER_1</c>, <c>TIER_2</c> or <c>TIER_3</c>.</summary>
    public string? Tier { get; init; }

    /// <summary><c>runtime</c>: <c>spark</c>, <c>python</c>, <c>dask</c> or <c>dbt</c>.</summary>
    public string? Runtime { get; init; }

    /// <summary><c>storage</c>: format and table locations.</summary>
    public StorageSpec? Storage { get; init; }

    /// <summary><c>orchestration</c>: the job that writes the table.</summary>
    public OrchestrationSpec? Orchestration { get; init; }

    /// <summary><c>slo</c>: freshness and volume objectives.</summary>
    public SloSpec? Slo { get; init; }

    /// <summary><c>enforcement_model</c>: <c>inline_sdk</c> or <c>post_write</c>.</summary>
    public string? EnforcementModel { get; init; }

    /// <summary><c>openlineage</c>: lineage emission settings.</summary>
    public OpenLineageSpec? OpenLineage { get; init; }

    /// <summary><c>metadata</c>: who created the manifest and when.</summary>
    public MetadataSpec? Metadata { get; init; }

    /// <summary><c>override_profiling_days</c>: overrides the profiler's default 7-day lookback (LLD §2.3).</summary>
    public int? OverrideProfilingDays { get; init; }

    /// <summary><c>skip_profiling</c>: bootstrap with a synthetic baseline from tier defaults instead of profiling (LLD §2.3).</summary>
    public bool? SkipProfiling { get; init; }
}

/// <summary>The <c>storage</c> section. Paths are <c>s3://bucket/prefix</c>, <c>file:///abs/path</c> or absolute local paths.</summary>
public sealed record StorageSpec
{
    /// <summary><c>format</c>: <c>delta</c> or <c>parquet</c> in this phase.</summary>
    public string? Format { get; init; }

    /// <summary><c>bronze</c>: raw layer location.</summary>
    public string? Bronze { get; init; }

    /// <summary><c>silver</c>: cleaned layer location.</summary>
    public string? Silver { get; init; }

    /// <summary><c>gold</c>: curated table location; required for Delta.</summary>
    public string? Gold { get; init; }

    /// <summary><c>staging</c>: staging location used by the post-write model.</summary>
    public string? Staging { get; init; }

    /// <summary><c>quarantine</c>: where rejected rows go.</summary>
    public string? Quarantine { get; init; }

    /// <summary><c>partition_key</c>: partition column, e.g. <c>dt</c>.</summary>
    public string? PartitionKey { get; init; }
}

/// <summary>The <c>orchestration</c> section.</summary>
public sealed record OrchestrationSpec
{
    /// <summary><c>platform</c>: <c>airflow</c>, <c>step_functions</c> or <c>dagster</c>.</summary>
    public string? Platform { get; init; }

    /// <summary><c>dag_id</c>.</summary>
    public string? DagId { get; init; }

    /// <summary><c>task_id</c>.</summary>
    public string? TaskId { get; init; }

    /// <summary><c>schedule</c>: Airflow-style 5-field cron or preset; see <see cref="Scheduling.CronSchedule"/>.</summary>
    public string? Schedule { get; init; }
}

/// <summary>The <c>slo</c> section.</summary>
public sealed record SloSpec
{
    /// <summary><c>freshness</c> objective.</summary>
    public FreshnessSpec? Freshness { get; init; }

    /// <summary><c>volume</c> objective.</summary>
    public VolumeSpec? Volume { get; init; }
}

/// <summary>The <c>slo.freshness</c> section.</summary>
public sealed record FreshnessSpec
{
    /// <summary><c>expected_update_by</c>: free text such as <c>02:00 ET daily</c>.</summary>
    public string? ExpectedUpdateBy { get; init; }

    /// <summary><c>grace_period</c>: a duration such as <c>30m</c>; see <see cref="Scheduling.DurationParser"/>.</summary>
    public string? GracePeriod { get; init; }

    /// <summary><c>max_staleness_hours</c>.</summary>
    public int? MaxStalenessHours { get; init; }
}

/// <summary>The <c>slo.volume</c> section.</summary>
public sealed record VolumeSpec
{
    /// <summary><c>min_rows_per_partition</c>.</summary>
    public long? MinRowsPerPartition { get; init; }

    /// <summary><c>anomaly_threshold_pct</c>: in (0, 100].</summary>
    public double? AnomalyThresholdPct { get; init; }
}

/// <summary>The <c>openlineage</c> section.</summary>
public sealed record OpenLineageSpec
{
    /// <summary><c>enabled</c>.</summary>
    public bool? Enabled { get; init; }

    /// <summary><c>namespace</c>, e.g. <c>airflow://prod</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary><c>job_name</c>.</summary>
    public string? JobName { get; init; }
}

/// <summary>The <c>metadata</c> section.</summary>
public sealed record MetadataSpec
{
    /// <summary><c>created_at</c>: ISO-8601 timestamp text.</summary>
    public string? CreatedAt { get; init; }

    /// <summary><c>created_by</c>: <c>autopilot</c>, <c>human:&lt;username&gt;</c> or <c>system:&lt;component&gt;</c>.</summary>
    public string? CreatedBy { get; init; }

    /// <summary><c>bootstrap_id</c>.</summary>
    public string? BootstrapId { get; init; }
}
