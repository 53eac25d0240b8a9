using SignalFactory.Orchestration.Audit;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>Cancel (LLD §2.3.4), end-to-end timeout (LLD §2.7) and rollback (HLD §10.2).</summary>
internal static class LifecycleTransitions
{
    public static void Register(TransitionTable table)
    {
        table.Add([.. TransitionTable.Active, BootstrapState.CertDeferred], BootstrapTrigger.CancelRequested, Cancel);
        table.Add(TransitionTable.Active, BootstrapTrigger.EndToEndTimedOut, EndToEndTimedOut);
        table.Add([BootstrapState.SignalReady, BootstrapState.CertDeferred], BootstrapTrigger.RollbackRequested, Rollback);
    }

    /// <summary>The step a bootstrap in <paramref name="state"/> is working on.</summary>
    public static BootstrapStepName CurrentStepOf(BootstrapState state) => state switch
    {
        BootstrapState.Registered => BootstrapStepName.Registration,
        BootstrapState.Profiling or BootstrapState.ProfilingFailed => BootstrapStepName.Profiling,
        BootstrapState.Profiled or BootstrapState.PolicyPending or BootstrapState.PolicyRejected or BootstrapState.PolicyApproved => BootstrapStepName.PolicyConfig,
        _ => BootstrapStepName.CertificationInit,
    };

    private static void Cancel(Transition t)
    {
        var e = t.EventAs<CancelRequested>();
        ArgumentNullException.ThrowIfNull(e.RequestedBy);
        if (string.IsNullOrWhiteSpace(e.Reason))
        {
            throw t.Invalid("a cancellation needs a reason");
        }

        if (t.From == BootstrapState.Profiling)
        {
            t.Emit(new StopProfiling());
        }

        t.CancelAllTimers();
        t.MoveTo(BootstrapState.Cancelled);
        t.Record = t.Record with { Reason = e.Reason, CompletedAt = t.Now };
        t.Emit(new Notify(BootstrapNotification.Cancelled));
        t.Audit(AuditActions.Cancelled, e.RequestedBy, ("reason", e.Reason), ("from_state", t.From.ToWireName()));
    }

    private static void EndToEndTimedOut(Transition t)
    {
        if (t.From == BootstrapState.Profiling)
        {
            t.Emit(new StopProfiling());
        }

        t.FailBootstrap(
            CurrentStepOf(t.From),
            $"end-to-end timeout of {t.Tier.EndToEnd.TotalHours:0} h reached in {t.From.ToWireName()}",
            SystemActors.Orchestrator);
    }

    private static void Rollback(Transition t)
    {
        var e = t.EventAs<RollbackRequested>();
        ArgumentNullException.ThrowIfNull(e.RequestedBy);
        if (string.IsNullOrWhiteSpace(e.Reason))
        {
            throw t.Invalid("a rollback needs a reason");
        }

        t.CancelAllTimers();
        t.MoveTo(BootstrapState.RolledBack);
        t.Record = t.Record with { Reason = e.Reason, CompletedAt = t.Record.CompletedAt ?? t.Now };

        // The baseline stays where it is (HLD §10.2 step 4): no command touches it.
        t.Emit(new ApplyKillSwitch());
        t.Emit(new RevertChangeRequest());
        t.Emit(new Notify(BootstrapNotification.RolledBack));
        t.Audit(AuditActions.RolledBack, e.RequestedBy,
            ("reason", e.Reason), ("from_state", t.From.ToWireName()),
            ("baseline_kept", t.Record.Steps.Profiling.ArtifactUri ?? "none"));
    }
}
