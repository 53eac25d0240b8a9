using SignalFactory.Orchestration.Settings;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>Whether a new bootstrap may start, and if not, why.</summary>
/// <param name="Allowed">Start it.</param>
/// <param name="ExistingBootstrapId">The bootstrap that blocks it (answer 409 with this id).</param>
/// <param name="Reason">Why it is refused or must wait.</param>
public sealed record AdmissionDecision(bool Allowed, string? ExistingBootstrapId, string? Reason)
{
    internal static AdmissionDecision Admit { get; } = new(true, null, null);
}

/// <summary>The admission rules a runtime applies before <see cref="BootstrapStateMachine.Start"/> (pure decisions).</summary>
public static class BootstrapAdmission
{
    /// <summary>
    /// LLD §2.3.1 idempotency: a dataset whose latest bootstrap is still running is refused with that bootstrap's
    /// id; a completed one (SIGNAL_READY or CERT_DEFERRED) is re-initiated only with <paramref name="force"/>; after
    /// CANCELLED, FAILED or ROLLED_BACK a new bootstrap may start.
    /// </summary>
    public static AdmissionDecision CheckDuplicate(BootstrapRecord? latestForDataset, bool force)
    {
        if (latestForDataset is null || latestForDataset.CurrentStep.IsTerminal())
        {
            return AdmissionDecision.Admit;
        }

        var state = latestForDataset.CurrentStep;
        if (!state.IsSettled())
        {
            return new AdmissionDecision(false, latestForDataset.BootstrapId,
                $"bootstrap {latestForDataset.BootstrapId} of {latestForDataset.DatasetUrn} is in progress ({state.ToWireName()})");
        }

        return force
            ? AdmissionDecision.Admit
            : new AdmissionDecision(false, latestForDataset.BootstrapId,
                $"{latestForDataset.DatasetUrn} was bootstrapped by {latestForDataset.BootstrapId} ({state.ToWireName()}); re-initiate with force");
    }

    /// <summary>
    /// LLD §2.6: whether one more bootstrap of <paramref name="tier"/> fits, given the running ones; when it does not,
    /// the request waits (FIFO) and is retried as bootstraps finish.
    /// </summary>
    public static AdmissionDecision CheckCapacity(ConcurrencyLimits limits, string tier, int activeTotal, int activeInTier)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (activeTotal >= limits.MaxParallelBootstraps)
        {
            return new AdmissionDecision(false, null, $"{activeTotal} bootstraps running (limit {limits.MaxParallelBootstraps}); queued");
        }

        var tierLimit = limits.ForTier(tier);
        return activeInTier >= tierLimit
            ? new AdmissionDecision(false, null, $"{activeInTier} {tier} bootstraps running (limit {tierLimit}); queued")
            : AdmissionDecision.Admit;
    }

    /// <summary>LLD §2.6: whether a <see cref="StartProfiling"/> command may run now or waits for a slot.</summary>
    public static bool CanStartProfilingJob(ConcurrencyLimits limits, int activeProfilingJobs)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return activeProfilingJobs < limits.MaxProfilingJobs;
    }
}
