using SignalFactory.Orchestration.Audit;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>
/// Work the runtime must carry out after a transition is stored. Commands are idempotent requests: running one twice
/// (after a crash between store and execution) must be harmless.
/// </summary>
public abstract record BootstrapCommand;

/// <summary>Validate the registration of the submitted <c>dataset.yaml</c>; answer with a registration event.</summary>
public sealed record ValidateRegistration(string DatasetYamlUri) : BootstrapCommand;

/// <summary>Run profiling; answer with a profiling event.</summary>
/// <param name="Mode">Full, sampled or synthetic.</param>
/// <param name="SamplingRate">Row fraction for <see cref="ProfilingMode.Sampled"/>; null otherwise.</param>
/// <param name="LookbackDays">Days of partitions to read (not used for synthetic).</param>
/// <param name="Reason">Why this mode: null for full, <c>PROFILING_OOM_RETRY</c>, <c>PROFILING_OOM_FALLBACK</c>,
/// <c>SKIP_PROFILING_REQUESTED</c> or <c>SCHEMA_CHANGED</c>.</param>
public sealed record StartProfiling(ProfilingMode Mode, double? SamplingRate, int? LookbackDays, string? Reason) : BootstrapCommand;

/// <summary>Terminate the in-flight profiling job (timeout, cancel, end-to-end timeout).</summary>
public sealed record StopProfiling : BootstrapCommand;

/// <summary>Generate policy bundle <paramref name="Attempt"/>, with reviewer feedback when regenerating.</summary>
public sealed record GeneratePolicy(int Attempt, string? Feedback) : BootstrapCommand;

/// <summary>Ask the tier's reviewers to approve or reject policy attempt <paramref name="Attempt"/> by <paramref name="DueAt"/>.</summary>
public sealed record RequestApproval(int Attempt, DateTimeOffset DueAt) : BootstrapCommand;

/// <summary>Sign the approved bundle; answer with a signing event.</summary>
public sealed record SignPolicy(Actor ApprovedBy) : BootstrapCommand;

/// <summary>Initialise the certified view; answer with a certification event.</summary>
public sealed record InitCertifiedView : BootstrapCommand;

/// <summary>
/// Register a trigger for the gold table's first write; it answers with <see cref="FirstWriteObserved"/>. The machine
/// also schedules <see cref="TimerKind.FirstWriteProbe"/>, so a runtime without push triggers needs nothing here.
/// </summary>
public sealed record DeferCertification : BootstrapCommand;

/// <summary>
/// Look once whether the deferred gold table got its first write: answer <see cref="FirstWriteObserved"/> when it
/// did, nothing otherwise (the next probe is already scheduled). Must not fail the bootstrap on errors.
/// </summary>
public sealed record ProbeFirstWrite : BootstrapCommand;

/// <summary>Set the durable timer of <paramref name="Kind"/> to fall due at <paramref name="DueAt"/> (replacing one of that kind).</summary>
public sealed record ScheduleTimer(TimerKind Kind, DateTimeOffset DueAt) : BootstrapCommand;

/// <summary>Remove the pending timer of <paramref name="Kind"/>.</summary>
public sealed record CancelTimer(TimerKind Kind) : BootstrapCommand;

/// <summary>Why an escalation is sent.</summary>
public enum EscalationReason
{
    /// <summary>A Tier-1/2 approval timed out; the wait is extended.</summary>
    ApprovalTimeout,

    /// <summary>More rejections than allowed; regeneration is paused until a human acts.</summary>
    MaxRejections,
}

/// <summary>Escalate to the team lead (LLD §2.4 <c>EscalateApproval</c>).</summary>
public sealed record Escalate(EscalationReason Reason) : BootstrapCommand;

/// <summary>Notifications and outbox events a transition produces.</summary>
public enum BootstrapNotification
{
    /// <summary>A Tier-3 policy will be approved automatically when the cooling period ends.</summary>
    AutoApprovalScheduled,

    /// <summary>The dataset is signal-ready (the SIGNAL_READY event).</summary>
    SignalReady,

    /// <summary>Certification waits for the gold table's first write.</summary>
    CertificationDeferred,

    /// <summary>The bootstrap was cancelled.</summary>
    Cancelled,

    /// <summary>The bootstrap failed.</summary>
    Failed,

    /// <summary>The bootstrap was rolled back.</summary>
    RolledBack,
}

/// <summary>Publish <paramref name="Notification"/> (outbox → notifier / bus).</summary>
public sealed record Notify(BootstrapNotification Notification) : BootstrapCommand;

/// <summary>Set <c>validation_enabled: false</c> in the dataset's policy bundle (HLD §10.2 step 1).</summary>
public sealed record ApplyKillSwitch : BootstrapCommand;

/// <summary>Revert the change request that integrated the dataset, when one exists (HLD §10.2 step 2).</summary>
public sealed record RevertChangeRequest : BootstrapCommand;

/// <summary>Count <paramref name="Name"/> (a metric the seed asks for by name, e.g. <c>bootstrap.policy.generation_failed</c>).</summary>
public sealed record RecordMetric(string Name) : BootstrapCommand;
