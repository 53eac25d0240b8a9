using System.Collections.Frozen;
using System.Collections.Immutable;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Ids;
using SignalFactory.Orchestration.Settings;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>
/// The bootstrap lifecycle as one pure transition function: (record, event, now) → new record + commands + audit
/// entries. It reads no clock and does no I/O; retries, backoff delays, timeouts and approvals are decided here
/// from <see cref="OrchestratorSettings"/>, and every wait is a <see cref="ScheduleTimer"/> command for the runtime.
/// An event that is not in the table for the record's state, or whose guard fails, is refused with a
/// <see cref="BootstrapTransitionException"/>; it is never ignored.
/// </summary>
public sealed class BootstrapStateMachine
{
    private static readonly FrozenDictionary<(BootstrapState State, BootstrapTrigger Trigger), Action<Transition>> _table = Build();

    /// <summary>A machine deciding with <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentException">The settings are inconsistent (the message lists every problem).</exception>
    public BootstrapStateMachine(OrchestratorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Orchestrator settings are invalid: " + string.Join("; ", problems) + ".", nameof(settings));
        }

        Settings = settings;
    }

    /// <summary>The settings decisions are made with.</summary>
    public OrchestratorSettings Settings { get; }

    /// <summary>Every legal (state, trigger) pair.</summary>
    public static IReadOnlyCollection<(BootstrapState State, BootstrapTrigger Trigger)> LegalPairs => _table.Keys;

    /// <summary>Whether <paramref name="trigger"/> is in the table for <paramref name="state"/> (guards may still refuse it).</summary>
    public static bool IsLegal(BootstrapState state, BootstrapTrigger trigger) => _table.ContainsKey((state, trigger));

    /// <summary>The triggers the table accepts in <paramref name="state"/>, in enum order.</summary>
    public static IReadOnlyList<BootstrapTrigger> LegalTriggers(BootstrapState state) =>
        Enum.GetValues<BootstrapTrigger>().Where(trigger => IsLegal(state, trigger)).ToArray();

    /// <summary>The record's timers due at <paramref name="now"/>, earliest first (ties in <see cref="TimerKind"/> order).</summary>
    public static IReadOnlyList<TimerKind> DueTimers(BootstrapRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Timers.Where(pair => pair.Value <= now).OrderBy(pair => pair.Value).ThenBy(pair => pair.Key).Select(pair => pair.Key).ToArray();
    }

    /// <summary>
    /// Starts a bootstrap in REGISTERED: registration validation is requested and the tier's end-to-end timer set.
    /// </summary>
    /// <exception cref="InvalidBootstrapRequestException">The request is invalid; nothing is started.</exception>
    /// <exception cref="ArgumentException"><paramref name="bootstrapId"/> is not <c>boot-YYYY-MM-DD-NNN</c>.</exception>
    public TransitionResult Start(BootstrapInitRequest request, string bootstrapId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidBootstrapRequestException(errors);
        }

        if (!BootstrapIdGenerator.IsValid(bootstrapId))
        {
            throw new ArgumentException($"'{bootstrapId}' is not a bootstrap id (boot-YYYY-MM-DD-NNN).", nameof(bootstrapId));
        }

        var tier = Settings.ForTier(request.Tier);
        var endToEndDue = now + tier.EndToEnd;
        var record = new BootstrapRecord
        {
            BootstrapId = bootstrapId,
            DatasetUrn = request.DatasetUrn,
            Tier = request.Tier,
            CurrentStep = BootstrapState.Registered,
            EnforcementModel = request.EnforcementModel,
            StorageFormat = request.StorageFormat,
            RuntimeDetected = request.Runtime,
            InitiatedBy = request.InitiatedBy,
            DatasetYamlUri = request.DatasetYamlUri,
            SkipProfiling = request.SkipProfiling,
            OverrideProfilingDays = request.OverrideProfilingDays,
            StartedAt = now,
            UpdatedAt = now,
            Steps = BootstrapSteps.NotStarted with
            {
                Registration = StepDetail.NotStarted with { Status = StepStatus.InProgress, StartedAt = now },
            },
            ProfilingMode = request.SkipProfiling ? ProfilingMode.Synthetic : ProfilingMode.Full,
            Timers = ImmutableSortedDictionary<TimerKind, DateTimeOffset>.Empty.Add(TimerKind.EndToEndTimeout, endToEndDue),
            Version = 1,
        };

        BootstrapCommand[] commands = [new ValidateRegistration(request.DatasetYamlUri), new ScheduleTimer(TimerKind.EndToEndTimeout, endToEndDue)];
        AuditEntry[] audit =
        [
            AuditEntry.Create(bootstrapId, AuditActions.Initiated, Actor.Parse(request.InitiatedBy), now,
                ("dataset_urn", request.DatasetUrn), ("tier", request.Tier),
                ("skip_profiling", request.SkipProfiling ? "true" : "false"), ("end_to_end_due_at", endToEndDue.ToString("O"))),
        ];
        return new TransitionResult(null, record, commands, audit);
    }

    /// <summary>Applies <paramref name="event"/> to <paramref name="record"/> at <paramref name="now"/>.</summary>
    /// <exception cref="IllegalTransitionException">
    /// The event is not allowed in the record's state, a worker result arrives while no attempt runs, or a timer is
    /// not pending or not yet due.
    /// </exception>
    /// <exception cref="InvalidBootstrapEventException">The event's content is refused (e.g. a rejection without reason).</exception>
    public TransitionResult Apply(BootstrapRecord record, BootstrapEvent @event, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(@event);
        var transition = new Transition(record, @event, now, Settings);
        if (!_table.TryGetValue((record.CurrentStep, @event.Trigger), out var handler))
        {
            throw transition.Illegal(null);
        }

        if (@event is TimerFired fired)
        {
            if (!record.Timers.TryGetValue(fired.Kind, out var dueAt))
            {
                throw transition.Illegal($"no {fired.Kind} timer is pending");
            }

            if (now < dueAt)
            {
                throw transition.Illegal($"the {fired.Kind} timer is due at {dueAt:O}, not before (now {now:O})");
            }

            transition.Record = record with { Timers = record.Timers.Remove(fired.Kind) };
        }

        handler(transition);
        return transition.Finish();
    }

    private static FrozenDictionary<(BootstrapState, BootstrapTrigger), Action<Transition>> Build()
    {
        var table = new TransitionTable();
        RegistrationTransitions.Register(table);
        ProfilingTransitions.Register(table);
        PolicyTransitions.Register(table);
        CertificationTransitions.Register(table);
        LifecycleTransitions.Register(table);
        return table.Handlers.ToFrozenDictionary();
    }
}
