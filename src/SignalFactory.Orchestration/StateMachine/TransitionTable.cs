namespace SignalFactory.Orchestration.StateMachine;

/// <summary>The legal (state, trigger) pairs and the handler of each, filled once by the feature classes.</summary>
internal sealed class TransitionTable
{
    private readonly Dictionary<(BootstrapState State, BootstrapTrigger Trigger), Action<Transition>> _handlers = [];

    /// <summary>States in which a bootstrap is still running its pipeline (cancel and end-to-end timeout apply).</summary>
    public static IReadOnlyList<BootstrapState> Active { get; } =
    [
        BootstrapState.Registered, BootstrapState.Profiling, BootstrapState.ProfilingFailed, BootstrapState.Profiled,
        BootstrapState.PolicyPending, BootstrapState.PolicyRejected, BootstrapState.PolicyApproved, BootstrapState.Certifying,
    ];

    public IReadOnlyDictionary<(BootstrapState State, BootstrapTrigger Trigger), Action<Transition>> Handlers => _handlers;

    public void Add(BootstrapState state, BootstrapTrigger trigger, Action<Transition> handler) =>
        _handlers.Add((state, trigger), handler); // Add throws on a duplicate pair: one handler per cell.

    public void Add(IEnumerable<BootstrapState> states, BootstrapTrigger trigger, Action<Transition> handler)
    {
        foreach (var state in states)
        {
            Add(state, trigger, handler);
        }
    }
}
