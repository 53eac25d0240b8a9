using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Store;

/// <summary>
/// Which bootstraps need a concurrency slot (LLD §2.6). A bootstrap needs one to run its pipeline: from admission
/// through registration, profiling (and its retries), policy generation, signing and certification. It does not need
/// one while it waits on a human or an external event (POLICY_PENDING, POLICY_REJECTED with regeneration paused,
/// CERT_DEFERRED) or once it is finished (SIGNAL_READY, terminal states): otherwise bootstraps waiting days for an
/// approval would freeze the fleet. Leaving such a wait needs a slot again (FIFO with the queued ones).
/// </summary>
internal static class ConcurrencySlots
{
    /// <summary>True when <paramref name="record"/>'s state is one that holds a slot.</summary>
    public static bool WantsSlot(BootstrapRecord record) => record.CurrentStep switch
    {
        BootstrapState.Registered or BootstrapState.Profiling or BootstrapState.ProfilingFailed or BootstrapState.Profiled
            or BootstrapState.PolicyApproved or BootstrapState.Certifying => true,
        BootstrapState.PolicyRejected => !record.RegenerationPaused,
        _ => false,
    };

    /// <summary>True when <paramref name="pending"/> starts a real (full or sampled) profiling job; synthetic ones read no data.</summary>
    public static bool IsProfilingJob(IReadOnlyList<BootstrapCommand> pending) =>
        pending.Any(command => command is StartProfiling { Mode: not ProfilingMode.Synthetic });
}
