namespace SignalFactory.Orchestration.StateMachine;

/// <summary>
/// The durable timers a bootstrap may have pending. A record holds at most one timer of each kind; scheduling a kind
/// again moves it. The runtime stores them and delivers <see cref="TimerFired"/> when one falls due.
/// </summary>
public enum TimerKind
{
    /// <summary>Backoff before re-running registration validation (LLD §2.4 ValidateRegistration retry).</summary>
    RegistrationRetry,

    /// <summary>Backoff before re-running profiling after a failure or timeout.</summary>
    ProfilingRetry,

    /// <summary>The tier's profiling timeout (LLD §2.7: 30 / 30 / 15 min).</summary>
    ProfilingTimeout,

    /// <summary>Backoff before re-running policy generation (LLD §2.8 "retry with backoff").</summary>
    PolicyGenerationRetry,

    /// <summary>Tier-1/2 approval timeout (LLD §2.7: 5 d / 7 d); escalates and extends the wait.</summary>
    ApprovalTimeout,

    /// <summary>Tier-3 cooling period (48 h by default); approves the policy when it falls due.</summary>
    AutoApproval,

    /// <summary>Backoff before re-running certified view initialisation.</summary>
    CertificationRetry,

    /// <summary>The certification init timeout (LLD §2.7: 10 min).</summary>
    CertificationTimeout,

    /// <summary>The tier's end-to-end timeout (LLD §2.7: 7 d / 10 d / 3 d), set when the bootstrap starts.</summary>
    EndToEndTimeout,

    /// <summary>
    /// CERT_DEFERRED: the next look at the gold table for its first write (LLD §7.3; replaces the EventBridge rule).
    /// Rescheduled every <c>FirstWritePoll</c> until the write is seen, or the bootstrap is cancelled or rolled back.
    /// </summary>
    FirstWriteProbe,
}

/// <summary>How a profiling run reads the data.</summary>
public enum ProfilingMode
{
    /// <summary>All rows of the lookback window.</summary>
    Full,

    /// <summary>A row sample (10 % by default) after an out-of-memory failure.</summary>
    Sampled,

    /// <summary>No data read: a synthetic baseline from tier defaults (requested, or after a second OOM).</summary>
    Synthetic,
}
