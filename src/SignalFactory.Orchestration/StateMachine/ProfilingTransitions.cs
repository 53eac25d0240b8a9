using SignalFactory.Orchestration.Audit;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>
/// Step 2 (LLD §2.4 TriggerProfiling, §2.8): failures and timeouts retry 3 times with exponential backoff via
/// PROFILING_FAILED; out of memory switches full → sampled (10 %) → synthetic without using a retry.
/// </summary>
internal static class ProfilingTransitions
{
    public const string OutOfMemoryRetryReason = "PROFILING_OOM_RETRY";
    public const string OutOfMemoryFallbackReason = "PROFILING_OOM_FALLBACK";
    public const string SkipProfilingReason = "SKIP_PROFILING_REQUESTED";
    public const string SchemaChangedReason = "SCHEMA_CHANGED";

    private const string ModeKey = "profiling_mode";
    private const string ReasonKey = "fallback_reason";

    public static void Register(TransitionTable table)
    {
        table.Add(BootstrapState.Profiling, BootstrapTrigger.ProfilingSucceeded, Succeeded);
        table.Add(BootstrapState.Profiling, BootstrapTrigger.ProfilingFailed, AttemptFailed);
        table.Add(BootstrapState.Profiling, BootstrapTrigger.ProfilingOutOfMemory, OutOfMemory);
        table.Add(BootstrapState.Profiling, BootstrapTrigger.ProfilingTimedOut, TimedOut);
        table.Add(BootstrapState.ProfilingFailed, BootstrapTrigger.ProfilingRetryDue, RetryDue);
    }

    public static string ToWireName(this ProfilingMode mode) => mode switch
    {
        ProfilingMode.Full => "full",
        ProfilingMode.Sampled => "sampled",
        ProfilingMode.Synthetic => "synthetic",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>Moves to PROFILING and starts a run in <paramref name="mode"/> under the tier's profiling timeout.</summary>
    public static void BeginProfiling(Transition t, ProfilingMode mode, string? reason)
    {
        var rate = mode == ProfilingMode.Sampled ? t.Settings.OutOfMemorySamplingRate : (double?)null;
        int? lookback = mode == ProfilingMode.Synthetic ? null : t.Record.OverrideProfilingDays ?? t.Settings.DefaultProfilingLookbackDays;
        t.Record = t.Record with { ProfilingMode = mode };
        t.StartStep(BootstrapStepName.Profiling);
        t.UpdateStep(BootstrapStepName.Profiling, d =>
        {
            var metadata = d.Metadata.SetItem(ModeKey, mode.ToWireName());
            metadata = reason is null ? metadata.Remove(ReasonKey) : metadata.SetItem(ReasonKey, reason);
            metadata = rate is null ? metadata.Remove("sampling_rate") : metadata.SetItem("sampling_rate", Transition.Invariant(rate.Value));
            return d with { Metadata = metadata };
        });
        t.MoveTo(BootstrapState.Profiling);
        t.Emit(new StartProfiling(mode, rate, lookback, reason));
        t.Schedule(TimerKind.ProfilingTimeout, t.Tier.Profiling);
    }

    private static void Succeeded(Transition t)
    {
        var e = t.EventAs<ProfilingSucceeded>();
        t.CancelTimer(TimerKind.ProfilingTimeout);
        t.CompleteStep(BootstrapStepName.Profiling, e.ArtifactUri);
        t.UpdateStep(BootstrapStepName.Profiling, d => d.WithMetadata(e.Metadata));
        t.Audit(AuditActions.Profiled, SystemActors.Profiler,
            ("artifact", e.ArtifactUri), ("profiling_mode", t.Record.ProfilingMode.ToWireName()));
        t.MoveTo(BootstrapState.Profiled);
        PolicyTransitions.BeginGeneration(t, attempt: 1, feedback: null);
    }

    private static void AttemptFailed(Transition t)
    {
        var e = t.EventAs<ProfilingFailed>();
        t.CancelTimer(TimerKind.ProfilingTimeout);
        RetryOrFail(t, e.Error, e.Retryable);
    }

    private static void OutOfMemory(Transition t)
    {
        var e = t.EventAs<ProfilingOutOfMemory>();
        var from = t.Record.ProfilingMode;
        if (from == ProfilingMode.Synthetic)
        {
            // A synthetic baseline reads no data; running out of memory there is an ordinary failure.
            t.CancelTimer(TimerKind.ProfilingTimeout);
            RetryOrFail(t, e.Error, retryable: true);
            return;
        }

        var (to, reason) = from == ProfilingMode.Full
            ? (ProfilingMode.Sampled, OutOfMemoryRetryReason)
            : (ProfilingMode.Synthetic, OutOfMemoryFallbackReason);
        t.UpdateStep(BootstrapStepName.Profiling, d => d with { ErrorMessage = e.Error });
        t.Audit(AuditActions.ProfilingFallback, SystemActors.Profiler,
            ("error", e.Error), ("from_mode", from.ToWireName()), ("to_mode", to.ToWireName()), ("reason", reason));
        BeginProfiling(t, to, reason);
    }

    private static void TimedOut(Transition t)
    {
        t.Emit(new StopProfiling());
        RetryOrFail(t, $"profiling timed out after {t.Tier.Profiling.TotalMinutes:0} min", retryable: true);
    }

    private static void RetryDue(Transition t)
    {
        t.Step(BootstrapStepName.Profiling).Metadata.TryGetValue(ReasonKey, out var reason);
        t.Audit(AuditActions.Retried, SystemActors.Orchestrator,
            ("step", BootstrapStepName.Profiling.ToWireName()),
            ("retry", Transition.Invariant(t.Step(BootstrapStepName.Profiling).RetryCount)),
            ("profiling_mode", t.Record.ProfilingMode.ToWireName()));
        BeginProfiling(t, t.Record.ProfilingMode, reason);
    }

    private static void RetryOrFail(Transition t, string error, bool retryable) =>
        t.RetryOrFail(
            BootstrapStepName.Profiling, t.Settings.Profiling, TimerKind.ProfilingRetry, BootstrapState.ProfilingFailed,
            error, retryable, SystemActors.Profiler);
}
