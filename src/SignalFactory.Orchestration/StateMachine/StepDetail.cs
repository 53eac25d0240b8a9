using System.Collections.Immutable;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>Status of one of the four steps (LLD §2.5 <c>StepDetail.status</c>).</summary>
public enum StepStatus
{
    /// <summary><c>NOT_STARTED</c>.</summary>
    NotStarted,

    /// <summary><c>IN_PROGRESS</c> (for <c>policy_config</c> this includes waiting for approval).</summary>
    InProgress,

    /// <summary><c>COMPLETED</c>.</summary>
    Completed,

    /// <summary><c>FAILED</c>: the last attempt failed (a retry may be scheduled).</summary>
    Failed,

    /// <summary><c>DEFERRED</c>: certification waits for the gold table's first write.</summary>
    Deferred,
}

/// <summary>The four steps of a bootstrap; wire names are the keys of the state record's <c>steps</c> map.</summary>
public enum BootstrapStepName
{
    /// <summary><c>registration</c>.</summary>
    Registration,

    /// <summary><c>profiling</c>.</summary>
    Profiling,

    /// <summary><c>policy_config</c>.</summary>
    PolicyConfig,

    /// <summary><c>certification_init</c>.</summary>
    CertificationInit,
}

/// <summary>Wire names of <see cref="StepStatus"/> and <see cref="BootstrapStepName"/>.</summary>
public static class StepNames
{
    /// <summary><c>NOT_STARTED</c>, <c>IN_PROGRESS</c>, <c>COMPLETED</c>, <c>FAILED</c> or <c>DEFERRED</c>.</summary>
    public static string ToWireName(this StepStatus status) => status switch
    {
        StepStatus.NotStarted => "NOT_STARTED",
        StepStatus.InProgress => "IN_PROGRESS",
        StepStatus.Completed => "COMPLETED",
        StepStatus.Failed => "FAILED",
        StepStatus.Deferred => "DEFERRED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary><c>registration</c>, <c>profiling</c>, <c>policy_config</c> or <c>certification_init</c>.</summary>
    public static string ToWireName(this BootstrapStepName step) => step switch
    {
        BootstrapStepName.Registration => "registration",
        BootstrapStepName.Profiling => "profiling",
        BootstrapStepName.PolicyConfig => "policy_config",
        BootstrapStepName.CertificationInit => "certification_init",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };
}

/// <summary>Per-step record of the state record's <c>steps</c> map (LLD §2.5 <c>StepDetail</c>).</summary>
/// <param name="Status">Where the step stands.</param>
/// <param name="StartedAt">When the step first started (kept across retries).</param>
/// <param name="CompletedAt">When it completed (or was deferred).</param>
/// <param name="ArtifactUri">The step's output artifact (<c>artifact_s3_uri</c> in the seed; any store URI here).</param>
/// <param name="ErrorMessage">The last error, kept after a successful retry for the record's history.</param>
/// <param name="RetryCount">Retries attempted after failures or timeouts (bounded by the step's retry policy).</param>
/// <param name="Metadata">Step-specific facts (profiling mode, job id, policy attempt, PR URL, …), sorted by key.</param>
public sealed record StepDetail(
    StepStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? ArtifactUri,
    string? ErrorMessage,
    int RetryCount,
    ImmutableSortedDictionary<string, string> Metadata)
{
    /// <summary>A step that has not started.</summary>
    public static StepDetail NotStarted { get; } =
        new(StepStatus.NotStarted, null, null, null, null, 0, ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>This step with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public StepDetail WithMetadata(string key, string value) => this with { Metadata = Metadata.SetItem(key, value) };

    /// <summary>This step with every pair of <paramref name="values"/> set (null leaves it unchanged).</summary>
    public StepDetail WithMetadata(IReadOnlyDictionary<string, string>? values) =>
        values is null || values.Count == 0 ? this : this with { Metadata = Metadata.SetItems(values) };
}

/// <summary>The state record's <c>steps</c> map: one <see cref="StepDetail"/> per step.</summary>
public sealed record BootstrapSteps(
    StepDetail Registration,
    StepDetail Profiling,
    StepDetail PolicyConfig,
    StepDetail CertificationInit)
{
    /// <summary>All four steps not started.</summary>
    public static BootstrapSteps NotStarted { get; } =
        new(StepDetail.NotStarted, StepDetail.NotStarted, StepDetail.NotStarted, StepDetail.NotStarted);

    /// <summary>The detail of <paramref name="step"/>.</summary>
    public StepDetail this[BootstrapStepName step] => step switch
    {
        BootstrapStepName.Registration => Registration,
        BootstrapStepName.Profiling => Profiling,
        BootstrapStepName.PolicyConfig => PolicyConfig,
        BootstrapStepName.CertificationInit => CertificationInit,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    /// <summary>A copy with <paramref name="step"/> replaced.</summary>
    public BootstrapSteps With(BootstrapStepName step, StepDetail detail) => step switch
    {
        BootstrapStepName.Registration => this with { Registration = detail },
        BootstrapStepName.Profiling => this with { Profiling = detail },
        BootstrapStepName.PolicyConfig => this with { PolicyConfig = detail },
        BootstrapStepName.CertificationInit => this with { CertificationInit = detail },
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };
}
