using SignalFactory.Orchestration.Audit;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>
/// Something that happened to a bootstrap: a worker's result, a human decision or a timer. Worker results carry no
/// actor (the machine records the component, e.g. <c>system:profiler</c>); human decisions carry theirs.
/// </summary>
public abstract record BootstrapEvent
{
    /// <summary>The row of the transition table this event looks up.</summary>
    public abstract BootstrapTrigger Trigger { get; }
}

/// <summary>The manifest validated; the bootstrap may profile.</summary>
/// <param name="ArtifactUri">The registered <c>dataset.yaml</c>, when the registry stored a copy.</param>
public sealed record RegistrationSucceeded(string? ArtifactUri = null) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.RegistrationSucceeded;
}

/// <summary>Registration validation failed. <paramref name="Retryable"/> false for invalid manifests.</summary>
public sealed record RegistrationFailed(string Error, bool Retryable = true) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.RegistrationFailed;
}

/// <summary>The baseline was written.</summary>
/// <param name="ArtifactUri">The <c>baseline.json</c>.</param>
/// <param name="Metadata">Facts to keep on the profiling step (job id, days_sampled, rows_sampled…); no data values.</param>
public sealed record ProfilingSucceeded(string ArtifactUri, IReadOnlyDictionary<string, string>? Metadata = null) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.ProfilingSucceeded;
}

/// <summary>A profiling attempt failed. <paramref name="Retryable"/> false for errors a retry cannot fix.</summary>
public sealed record ProfilingFailed(string Error, bool Retryable = true) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.ProfilingFailed;
}

/// <summary>A profiling attempt ran out of memory (<c>ProfilingOOM</c> in the seed).</summary>
public sealed record ProfilingOutOfMemory(string Error) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.ProfilingOutOfMemory;
}

/// <summary>A policy bundle attempt was generated.</summary>
/// <param name="ArtifactUri">The <c>policy_bundle.yaml</c>.</param>
/// <param name="Metadata">Facts for the policy step (pr_url, generated_by…).</param>
public sealed record PolicyGenerated(string ArtifactUri, IReadOnlyDictionary<string, string>? Metadata = null) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.PolicyGenerated;
}

/// <summary>Policy generation failed.</summary>
public sealed record PolicyGenerationFailed(string Error, bool Retryable = true) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.PolicyGenerationFailed;
}

/// <summary>A human approved the pending policy (LLD §2.3.3 APPROVE).</summary>
public sealed record PolicyApproved(Actor ApprovedBy) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.PolicyApproved;
}

/// <summary>A human rejected the pending policy (LLD §2.3.3 REJECT); the reason is required.</summary>
public sealed record PolicyRejected(Actor RejectedBy, string Reason, string? Feedback = null) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.PolicyRejected;
}

/// <summary>After the rejection limit paused regeneration, a human asks for one more attempt.</summary>
public sealed record RegenerationRequested(Actor RequestedBy, string? Feedback = null) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.RegenerationRequested;
}

/// <summary>The approved bundle was signed.</summary>
/// <param name="ArtifactUri">The signed <c>policy_bundle.yaml</c>.</param>
/// <param name="KeyId">The signing key's id.</param>
public sealed record PolicySigned(string ArtifactUri, string? KeyId = null) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.PolicySigned;
}

/// <summary>Signing failed (no retry in LLD §2.4: the bootstrap fails).</summary>
public sealed record PolicySigningFailed(string Error) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.PolicySigningFailed;
}

/// <summary>The certified view exists.</summary>
/// <param name="ArtifactUri">The certification state record or view pointer.</param>
public sealed record CertificationSucceeded(string ArtifactUri) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.CertificationSucceeded;
}

/// <summary>Certified view initialisation failed.</summary>
public sealed record CertificationFailed(string Error, bool Retryable = true) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.CertificationFailed;
}

/// <summary>The gold table does not exist yet (<c>GoldTableNotFound</c> in the seed).</summary>
public sealed record GoldTableNotFound : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.GoldTableNotFound;
}

/// <summary>The first successful write of a deferred dataset's gold table was seen.</summary>
public sealed record FirstWriteObserved : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.FirstWriteObserved;
}

/// <summary>The certifier found the schema fingerprint changed since profiling (LLD §2.8): re-profile.</summary>
public sealed record SchemaChanged(string ProfiledFingerprint, string CurrentFingerprint) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.SchemaChanged;
}

/// <summary>A durable timer fell due.</summary>
public sealed record TimerFired(TimerKind Kind) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => Kind switch
    {
        TimerKind.RegistrationRetry => BootstrapTrigger.RegistrationRetryDue,
        TimerKind.ProfilingRetry => BootstrapTrigger.ProfilingRetryDue,
        TimerKind.ProfilingTimeout => BootstrapTrigger.ProfilingTimedOut,
        TimerKind.PolicyGenerationRetry => BootstrapTrigger.PolicyGenerationRetryDue,
        TimerKind.ApprovalTimeout => BootstrapTrigger.ApprovalTimedOut,
        TimerKind.AutoApproval => BootstrapTrigger.AutoApprovalDue,
        TimerKind.CertificationRetry => BootstrapTrigger.CertificationRetryDue,
        TimerKind.CertificationTimeout => BootstrapTrigger.CertificationTimedOut,
        TimerKind.EndToEndTimeout => BootstrapTrigger.EndToEndTimedOut,
        TimerKind.FirstWriteProbe => BootstrapTrigger.FirstWriteProbeDue,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };
}

/// <summary>Cancel the bootstrap (LLD §2.3.4); artifacts are kept.</summary>
public sealed record CancelRequested(Actor RequestedBy, string Reason) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.CancelRequested;
}

/// <summary>Roll back a bootstrapped dataset (HLD §10.2): kill switch on, baseline kept.</summary>
public sealed record RollbackRequested(Actor RequestedBy, string Reason) : BootstrapEvent
{
    /// <inheritdoc />
    public override BootstrapTrigger Trigger => BootstrapTrigger.RollbackRequested;
}
