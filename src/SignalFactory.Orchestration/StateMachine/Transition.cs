using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Settings;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>
/// One transition under construction: handlers change <see cref="Record"/> and add commands and audit entries
/// through the helpers, which keep the record's timer map and the emitted timer commands in step.
/// </summary>
internal sealed class Transition
{
    private readonly List<BootstrapCommand> _commands = [];
    private readonly List<AuditEntry> _audit = [];

    public Transition(BootstrapRecord record, BootstrapEvent @event, DateTimeOffset now, OrchestratorSettings settings)
    {
        Record = record;
        From = record.CurrentStep;
        Event = @event;
        Now = now;
        Settings = settings;
        Tier = settings.ForTier(record.Tier);
    }

    public BootstrapRecord Record { get; set; }

    public BootstrapState From { get; }

    public BootstrapEvent Event { get; }

    public DateTimeOffset Now { get; }

    public OrchestratorSettings Settings { get; }

    public TierSettings Tier { get; }

    public TEvent EventAs<TEvent>()
        where TEvent : BootstrapEvent => (TEvent)Event;

    public void MoveTo(BootstrapState state) => Record = Record with { CurrentStep = state };

    public void Emit(BootstrapCommand command) => _commands.Add(command);

    /// <summary>Sets (or moves) the timer of <paramref name="kind"/> to now + <paramref name="after"/>.</summary>
    public DateTimeOffset Schedule(TimerKind kind, TimeSpan after)
    {
        var dueAt = Now + after;
        Record = Record with { Timers = Record.Timers.SetItem(kind, dueAt) };
        Emit(new ScheduleTimer(kind, dueAt));
        return dueAt;
    }

    /// <summary>Removes the timer of <paramref name="kind"/> when one is pending.</summary>
    public void CancelTimer(TimerKind kind)
    {
        if (Record.Timers.ContainsKey(kind))
        {
            Record = Record with { Timers = Record.Timers.Remove(kind) };
            Emit(new CancelTimer(kind));
        }
    }

    /// <summary>Removes every pending timer, in <see cref="TimerKind"/> order.</summary>
    public void CancelAllTimers()
    {
        foreach (var kind in Record.Timers.Keys.ToList())
        {
            CancelTimer(kind);
        }
    }

    public StepDetail Step(BootstrapStepName step) => Record.Steps[step];

    public void UpdateStep(BootstrapStepName step, Func<StepDetail, StepDetail> change) =>
        Record = Record with { Steps = Record.Steps.With(step, change(Record.Steps[step])) };

    /// <summary>Marks the step running; its first start time is kept across retries.</summary>
    public void StartStep(BootstrapStepName step) =>
        UpdateStep(step, d => d with { Status = StepStatus.InProgress, StartedAt = d.StartedAt ?? Now, CompletedAt = null });

    public void CompleteStep(BootstrapStepName step, string? artifactUri) =>
        UpdateStep(step, d => d with { Status = StepStatus.Completed, CompletedAt = Now, ArtifactUri = artifactUri ?? d.ArtifactUri });

    public void Audit(string action, Actor actor, params (string Key, string? Value)[] details) =>
        _audit.Add(AuditEntry.Create(Record.BootstrapId, action, actor, Now, details));

    public IllegalTransitionException Illegal(string? detail) =>
        new(Record.BootstrapId, From, Event.Trigger, detail);

    public InvalidBootstrapEventException Invalid(string problem) =>
        new(Record.BootstrapId, From, Event.Trigger, problem);

    /// <summary>Refuses a worker result while the step waits for its retry timer (no attempt is running).</summary>
    public void RequireNoPending(TimerKind retryTimer)
    {
        if (Record.Timers.TryGetValue(retryTimer, out var dueAt))
        {
            throw Illegal($"no attempt is running (the {retryTimer} timer is pending until {dueAt:O})");
        }
    }

    /// <summary>
    /// Failure of an attempt of <paramref name="step"/>: schedules the next retry with backoff and moves to
    /// <paramref name="waitState"/>, or fails the bootstrap when the error is not retryable or retries are used up.
    /// </summary>
    public void RetryOrFail(
        BootstrapStepName step, RetryPolicy policy, TimerKind retryTimer, BootstrapState waitState, string error, bool retryable, Actor actor)
    {
        var retries = Step(step).RetryCount;
        if (!retryable || !policy.CanRetry(retries))
        {
            var why = retryable ? $"{error} (after {retries} retries)" : error;
            FailBootstrap(step, why, actor);
            return;
        }

        var retry = retries + 1;
        var delay = policy.DelayBeforeRetry(retry);
        UpdateStep(step, d => d with { Status = StepStatus.Failed, ErrorMessage = error, RetryCount = retry });
        MoveTo(waitState);
        var dueAt = Schedule(retryTimer, delay);
        Audit(AuditActions.RetryScheduled, actor,
            ("step", step.ToWireName()), ("error", error), ("retry", Invariant(retry)),
            ("max_retries", Invariant(policy.MaxRetries)), ("delay_seconds", Invariant(delay.TotalSeconds)), ("due_at", dueAt.ToString("O")));
    }

    /// <summary>Ends the bootstrap in FAILED, blaming <paramref name="step"/>.</summary>
    public void FailBootstrap(BootstrapStepName step, string error, Actor actor)
    {
        UpdateStep(step, d => d with { Status = StepStatus.Failed, ErrorMessage = error });
        MoveTo(BootstrapState.Failed);
        Record = Record with { FailureStep = step, Reason = error, CompletedAt = Now };
        CancelAllTimers();
        Emit(new Notify(BootstrapNotification.Failed));
        Audit(AuditActions.Failed, actor, ("step", step.ToWireName()), ("error", error));
    }

    public TransitionResult Finish() => new(
        From,
        Record with { UpdatedAt = Now, Version = Record.Version + 1 },
        _commands.ToArray(),
        _audit.ToArray());

    public static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Invariant(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
