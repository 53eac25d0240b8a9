using System.Collections.Immutable;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>
/// The durable state of one bootstrap (LLD §2.5 <c>BootstrapState</c> table, HLD §3.1 record). Immutable: every
/// transition returns a new record with <see cref="Version"/> one higher, so a store can refuse a write made
/// from a stale copy. AWS-only attributes (<c>execution_arn</c>, <c>ttl</c>) are not carried.
/// </summary>
public sealed record BootstrapRecord
{
    /// <summary><c>boot-YYYY-MM-DD-NNN</c>.</summary>
    public required string BootstrapId { get; init; }

    /// <summary><c>ds://zone/name</c>.</summary>
    public required string DatasetUrn { get; init; }

    /// <summary><c>TIER_1</c>, <c>TIER_2</c> or <c>TIER_3</c>.</summary>
    public required string Tier { get; init; }

    /// <summary>The lifecycle state (<c>current_step</c>).</summary>
    public required BootstrapState CurrentStep { get; init; }

    /// <summary><c>inline_sdk</c> or <c>post_write</c>.</summary>
    public required string EnforcementModel { get; init; }

    /// <summary><c>delta</c> or <c>parquet</c>.</summary>
    public required string StorageFormat { get; init; }

    /// <summary><c>spark</c>, <c>python</c>, <c>dask</c> or <c>dbt</c> (<c>runtime_detected</c>).</summary>
    public required string RuntimeDetected { get; init; }

    /// <summary><c>autopilot</c> or <c>human:&lt;username&gt;</c>.</summary>
    public required string InitiatedBy { get; init; }

    /// <summary>Where the submitted <c>dataset.yaml</c> is (<c>dataset_yaml_s3_uri</c> in the seed).</summary>
    public required string DatasetYamlUri { get; init; }

    /// <summary>A synthetic baseline was requested instead of profiling.</summary>
    public bool SkipProfiling { get; init; }

    /// <summary>Profiling lookback in days when the request overrode the default.</summary>
    public int? OverrideProfilingDays { get; init; }

    /// <summary>When the bootstrap was initiated.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it reached SIGNAL_READY or a terminal state; null while in progress or deferred.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When the record last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Per-step details.</summary>
    public required BootstrapSteps Steps { get; init; }

    /// <summary>How the current or last profiling run reads data (full → sampled → synthetic on OOM).</summary>
    public ProfilingMode ProfilingMode { get; init; }

    /// <summary>The policy bundle attempt being generated or awaiting approval (1 for the first; 0 before).</summary>
    public int PolicyAttempt { get; init; }

    /// <summary>Rejections received in this bootstrap's current policy lineage.</summary>
    public int RejectionCount { get; init; }

    /// <summary>Escalations sent (approval timeouts and rejection limit).</summary>
    public int EscalationCount { get; init; }

    /// <summary>Re-profiles caused by a schema fingerprint change before certification.</summary>
    public int ReprofileCount { get; init; }

    /// <summary>Reviewer feedback for the next (or running) regeneration.</summary>
    public string? PendingFeedback { get; init; }

    /// <summary>More than the allowed rejections: automatic regeneration stops until a human asks for one.</summary>
    public bool RegenerationPaused { get; init; }

    /// <summary>Pending durable timers and when each falls due.</summary>
    public required ImmutableSortedDictionary<TimerKind, DateTimeOffset> Timers { get; init; }

    /// <summary>The step that failed, for FAILED bootstraps (<c>failure_step</c> of the failed metric).</summary>
    public BootstrapStepName? FailureStep { get; init; }

    /// <summary>Why the bootstrap failed, was cancelled or was rolled back.</summary>
    public string? Reason { get; init; }

    /// <summary>1 when created; +1 per transition (optimistic concurrency).</summary>
    public required long Version { get; init; }
}
