using SignalFactory.Orchestration.Audit;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>Step 1 (LLD §2.4 ValidateRegistration: 2 retries with backoff, then BootstrapFailed).</summary>
internal static class RegistrationTransitions
{
    public static void Register(TransitionTable table)
    {
        table.Add(BootstrapState.Registered, BootstrapTrigger.RegistrationSucceeded, Succeeded);
        table.Add(BootstrapState.Registered, BootstrapTrigger.RegistrationFailed, AttemptFailed);
        table.Add(BootstrapState.Registered, BootstrapTrigger.RegistrationRetryDue, RetryDue);
    }

    private static void Succeeded(Transition t)
    {
        t.RequireNoPending(TimerKind.RegistrationRetry);
        var e = t.EventAs<RegistrationSucceeded>();
        t.CompleteStep(BootstrapStepName.Registration, e.ArtifactUri);
        t.Audit(AuditActions.Registered, SystemActors.Registry, ("artifact", e.ArtifactUri));
        if (t.Record.SkipProfiling)
        {
            ProfilingTransitions.BeginProfiling(t, ProfilingMode.Synthetic, ProfilingTransitions.SkipProfilingReason);
        }
        else
        {
            ProfilingTransitions.BeginProfiling(t, ProfilingMode.Full, reason: null);
        }
    }

    private static void AttemptFailed(Transition t)
    {
        t.RequireNoPending(TimerKind.RegistrationRetry);
        var e = t.EventAs<RegistrationFailed>();
        t.RetryOrFail(
            BootstrapStepName.Registration, t.Settings.Registration, TimerKind.RegistrationRetry, BootstrapState.Registered,
            e.Error, e.Retryable, SystemActors.Registry);
    }

    private static void RetryDue(Transition t)
    {
        t.StartStep(BootstrapStepName.Registration);
        t.Emit(new ValidateRegistration(t.Record.DatasetYamlUri));
        t.Audit(AuditActions.Retried, SystemActors.Orchestrator,
            ("step", BootstrapStepName.Registration.ToWireName()),
            ("retry", Transition.Invariant(t.Step(BootstrapStepName.Registration).RetryCount)));
    }
}
