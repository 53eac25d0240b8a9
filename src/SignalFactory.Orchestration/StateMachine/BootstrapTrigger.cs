namespace SignalFactory.Orchestration.StateMachine;

/// <summary>
/// What an event is, for the transition table: one value per event type, and one per timer kind (a
/// <see cref="TimerFired"/> event's trigger is its timer's).
/// </summary>
public enum BootstrapTrigger
{
    /// <summary><see cref="StateMachine.RegistrationSucceeded"/>.</summary>
    RegistrationSucceeded,

    /// <summary><see cref="StateMachine.RegistrationFailed"/>.</summary>
    RegistrationFailed,

    /// <summary><see cref="StateMachine.ProfilingSucceeded"/>.</summary>
    ProfilingSucceeded,

    /// <summary><see cref="StateMachine.ProfilingFailed"/>.</summary>
    ProfilingFailed,

    /// <summary><see cref="StateMachine.ProfilingOutOfMemory"/>.</summary>
    ProfilingOutOfMemory,

    /// <summary><see cref="StateMachine.PolicyGenerated"/>.</summary>
    PolicyGenerated,

    /// <summary><see cref="StateMachine.PolicyGenerationFailed"/>.</summary>
    PolicyGenerationFailed,

    /// <summary><see cref="StateMachine.PolicyApproved"/>.</summary>
    PolicyApproved,

    /// <summary><see cref="StateMachine.PolicyRejected"/>.</summary>
    PolicyRejected,

    /// <summary><see cref="StateMachine.RegenerationRequested"/>.</summary>
    RegenerationRequested,

    /// <summary><see cref="StateMachine.PolicySigned"/>.</summary>
    PolicySigned,

    /// <summary><see cref="StateMachine.PolicySigningFailed"/>.</summary>
    PolicySigningFailed,

    /// <summary><see cref="StateMachine.CertificationSucceeded"/>.</summary>
    CertificationSucceeded,

    /// <summary><see cref="StateMachine.CertificationFailed"/>.</summary>
    CertificationFailed,

    /// <summary><see cref="StateMachine.GoldTableNotFound"/>.</summary>
    GoldTableNotFound,

    /// <summary><see cref="StateMachine.FirstWriteObserved"/>.</summary>
    FirstWriteObserved,

    /// <summary><see cref="StateMachine.SchemaChanged"/>.</summary>
    SchemaChanged,

    /// <summary><see cref="StateMachine.CancelRequested"/>.</summary>
    CancelRequested,

    /// <summary><see cref="StateMachine.RollbackRequested"/>.</summary>
    RollbackRequested,

    /// <summary><see cref="TimerFired"/> of <see cref="TimerKind.RegistrationRetry"/>.</summary>
    RegistrationRetryDue,

    /// <summary><see cref="TimerFired"/> of <see cref="TimerKind.ProfilingRetry"/>.</summary>
    ProfilingRetryDue,

    /// <summary><see cref="TimerFired"/> of <see cref="TimerKind.ProfilingTimeout"/>.</summary>
    ProfilingTimedOut,

    /// <summary><see cref="TimerFired"/> of <see cref="TimerKind.PolicyGenerationRetry"/>.</summary>
    PolicyGenerationRetryDue,

    /// <summary><see cref="TimerFired"/> of <see cref="TimerKind.ApprovalTimeout"/>.</summary>
    ApprovalTimedOut,

    /// <summary><see cref="TimerFired"/> of <see cref="TimerKind.AutoApproval"/>.</summary>
    AutoApprovalDue,

    /// <summary><see cref="TimerFired"/> of <see cref="TimerKind.CertificationRetry"/>.</summary>
    CertificationRetryDue,

    /// <summary><see cref="TimerFired"/> of <see cref="TimerKind.CertificationTimeout"/>.</summary>
    CertificationTimedOut,

    /// <summary><see cref="TimerFired"/> of <see cref="TimerKind.EndToEndTimeout"/>.</summary>
    EndToEndTimedOut,

    /// <summary><see cref="TimerFired"/> of <see cref="TimerKind.FirstWriteProbe"/>.</summary>
    FirstWriteProbeDue,
}
