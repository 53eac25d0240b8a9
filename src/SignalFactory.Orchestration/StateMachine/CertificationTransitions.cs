using SignalFactory.Orchestration.Audit;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>
/// Step 4 (LLD §2.4 InitCertifiedView: 3 retries with backoff; GoldTableNotFound → DeferCertification; §2.8 schema
/// change → re-profile). A deferral is resumed by a durable probe timer: every <c>FirstWritePoll</c> the runtime
/// looks at the gold table (<see cref="ProbeFirstWrite"/>) and answers <see cref="FirstWriteObserved"/> once it was written.
/// </summary>
internal static class CertificationTransitions
{
    public static void Register(TransitionTable table)
    {
        table.Add(BootstrapState.Certifying, BootstrapTrigger.CertificationSucceeded, Succeeded);
        table.Add(BootstrapState.Certifying, BootstrapTrigger.CertificationFailed, AttemptFailed);
        table.Add(BootstrapState.Certifying, BootstrapTrigger.CertificationTimedOut, TimedOut);
        table.Add(BootstrapState.Certifying, BootstrapTrigger.CertificationRetryDue, RetryDue);
        table.Add(BootstrapState.Certifying, BootstrapTrigger.GoldTableNotFound, GoldTableMissing);
        table.Add(BootstrapState.Certifying, BootstrapTrigger.SchemaChanged, SchemaChanged);
        table.Add(BootstrapState.CertDeferred, BootstrapTrigger.FirstWriteObserved, FirstWrite);
        table.Add(BootstrapState.CertDeferred, BootstrapTrigger.FirstWriteProbeDue, ProbeDue);
    }

    public static void BeginCertification(Transition t)
    {
        t.StartStep(BootstrapStepName.CertificationInit);
        t.MoveTo(BootstrapState.Certifying);
        t.Emit(new InitCertifiedView());
        t.Schedule(TimerKind.CertificationTimeout, t.Tier.CertificationInit);
    }

    private static void Succeeded(Transition t)
    {
        t.RequireNoPending(TimerKind.CertificationRetry);
        var e = t.EventAs<CertificationSucceeded>();
        t.CancelTimer(TimerKind.CertificationTimeout);
        t.CancelTimer(TimerKind.EndToEndTimeout);
        t.CompleteStep(BootstrapStepName.CertificationInit, e.ArtifactUri);
        t.MoveTo(BootstrapState.SignalReady);
        t.Record = t.Record with { CompletedAt = t.Now };
        t.Emit(new Notify(BootstrapNotification.SignalReady));
        t.Audit(AuditActions.Certified, SystemActors.Certifier, ("artifact", e.ArtifactUri));
    }

    private static void AttemptFailed(Transition t)
    {
        t.RequireNoPending(TimerKind.CertificationRetry);
        var e = t.EventAs<CertificationFailed>();
        t.CancelTimer(TimerKind.CertificationTimeout);
        RetryOrFail(t, e.Error, e.Retryable);
    }

    private static void TimedOut(Transition t) =>
        RetryOrFail(t, $"certification init timed out after {t.Tier.CertificationInit.TotalMinutes:0} min", retryable: true);

    private static void RetryDue(Transition t)
    {
        t.Audit(AuditActions.Retried, SystemActors.Orchestrator,
            ("step", BootstrapStepName.CertificationInit.ToWireName()),
            ("retry", Transition.Invariant(t.Step(BootstrapStepName.CertificationInit).RetryCount)));
        BeginCertification(t);
    }

    private static void GoldTableMissing(Transition t)
    {
        t.RequireNoPending(TimerKind.CertificationRetry);
        t.CancelTimer(TimerKind.CertificationTimeout);
        t.CancelTimer(TimerKind.EndToEndTimeout);
        t.UpdateStep(BootstrapStepName.CertificationInit, d => d with { Status = StepStatus.Deferred, CompletedAt = t.Now });
        t.MoveTo(BootstrapState.CertDeferred);
        t.Emit(new DeferCertification());
        var probeAt = t.Schedule(TimerKind.FirstWriteProbe, t.Settings.FirstWritePoll);
        t.Emit(new Notify(BootstrapNotification.CertificationDeferred));
        t.Audit(AuditActions.CertificationDeferred, SystemActors.Certifier,
            ("reason", "GOLD_TABLE_NOT_FOUND"), ("first_probe_at", probeAt.ToString("O")));
    }

    private static void FirstWrite(Transition t)
    {
        t.CancelTimer(TimerKind.FirstWriteProbe);
        t.Audit(AuditActions.CertificationResumed, SystemActors.Certifier, ("reason", "FIRST_WRITE_OBSERVED"));
        BeginCertification(t);
    }

    // The next probe is scheduled before this one runs, so a probe that finds nothing (or crashes) needs no answer.
    // No audit entry: a table that stays empty for weeks would fill the trail with identical "still waiting" records.
    private static void ProbeDue(Transition t)
    {
        t.Schedule(TimerKind.FirstWriteProbe, t.Settings.FirstWritePoll);
        t.Emit(new ProbeFirstWrite());
    }

    private static void SchemaChanged(Transition t)
    {
        t.RequireNoPending(TimerKind.CertificationRetry);
        var e = t.EventAs<SchemaChanged>();
        t.CancelTimer(TimerKind.CertificationTimeout);
        var reprofiles = t.Record.ReprofileCount + 1;
        if (reprofiles > t.Settings.MaxReprofiles)
        {
            t.FailBootstrap(
                BootstrapStepName.CertificationInit,
                $"schema fingerprint changed again after {t.Record.ReprofileCount} re-profiles (limit {t.Settings.MaxReprofiles})",
                SystemActors.Certifier);
            return;
        }

        t.Audit(AuditActions.Reprofiling, SystemActors.Certifier,
            ("profiled_fingerprint", e.ProfiledFingerprint), ("current_fingerprint", e.CurrentFingerprint),
            ("reprofile", Transition.Invariant(reprofiles)));

        // Steps 2-4 start afresh from the new schema: a new baseline needs a new policy and a new approval.
        t.Record = t.Record with
        {
            ReprofileCount = reprofiles,
            PolicyAttempt = 0,
            RejectionCount = 0,
            RegenerationPaused = false,
            PendingFeedback = null,
            Steps = t.Record.Steps with
            {
                Profiling = StepDetail.NotStarted.WithMetadata("reprofile_count", Transition.Invariant(reprofiles)),
                PolicyConfig = StepDetail.NotStarted,
                CertificationInit = StepDetail.NotStarted,
            },
        };
        var mode = t.Record.SkipProfiling ? ProfilingMode.Synthetic : ProfilingMode.Full;
        ProfilingTransitions.BeginProfiling(t, mode, ProfilingTransitions.SchemaChangedReason);
    }

    private static void RetryOrFail(Transition t, string error, bool retryable) =>
        t.RetryOrFail(
            BootstrapStepName.CertificationInit, t.Settings.Certification, TimerKind.CertificationRetry, BootstrapState.Certifying,
            error, retryable, SystemActors.Certifier);
}
