namespace SignalFactory.Orchestration.StateMachine;

/// <summary>An event the state machine refused; the record is unchanged.</summary>
public abstract class BootstrapTransitionException : InvalidOperationException
{
    private protected BootstrapTransitionException(string bootstrapId, BootstrapState state, BootstrapTrigger trigger, string message)
        : base(message)
    {
        BootstrapId = bootstrapId;
        State = state;
        Trigger = trigger;
    }

    /// <summary>The bootstrap.</summary>
    public string BootstrapId { get; }

    /// <summary>Its state when the event arrived.</summary>
    public BootstrapState State { get; }

    /// <summary>The refused event's trigger.</summary>
    public BootstrapTrigger Trigger { get; }
}

/// <summary>
/// The event is not allowed now: the (state, trigger) pair is not in the transition table, or a guard of the pair
/// does not hold (no task is running to report, the timer is not pending or not yet due, regeneration is paused…).
/// </summary>
public sealed class IllegalTransitionException : BootstrapTransitionException
{
    internal IllegalTransitionException(string bootstrapId, BootstrapState state, BootstrapTrigger trigger, string? detail)
        : base(bootstrapId, state, trigger,
            $"Bootstrap {bootstrapId}: event {trigger} is not allowed in state {state.ToWireName()}"
            + (detail is null ? "." : $": {detail}."))
    {
        Detail = detail;
    }

    /// <summary>Which guard failed; null when the pair is not in the table.</summary>
    public string? Detail { get; }
}

/// <summary>The event is allowed in this state but its content is not (a rejection without reason, a non-human approver…).</summary>
public sealed class InvalidBootstrapEventException : BootstrapTransitionException
{
    internal InvalidBootstrapEventException(string bootstrapId, BootstrapState state, BootstrapTrigger trigger, string problem)
        : base(bootstrapId, state, trigger, $"Bootstrap {bootstrapId}: event {trigger} refused: {problem}.")
    {
    }
}

/// <summary>A <see cref="BootstrapInitRequest"/> failed validation; no bootstrap was started.</summary>
public sealed class InvalidBootstrapRequestException : ArgumentException
{
    internal InvalidBootstrapRequestException(IReadOnlyList<string> errors)
        : base("Bootstrap request is invalid: " + string.Join("; ", errors) + ".")
    {
        Errors = errors;
    }

    /// <summary>Every problem, each naming its field.</summary>
    public IReadOnlyList<string> Errors { get; }
}
