using SignalFactory.Orchestration.Audit;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>
/// What one accepted event did: the new record, the commands to carry out after storing it (in order), and the audit
/// entries to append in the same transaction as the record.
/// </summary>
/// <param name="From">The state before the event (null when the bootstrap was just started).</param>
/// <param name="Record">The new record.</param>
/// <param name="Commands">Work for the runtime, in order.</param>
/// <param name="Audit">Audit entries, in order.</param>
public sealed record TransitionResult(
    BootstrapState? From,
    BootstrapRecord Record,
    IReadOnlyList<BootstrapCommand> Commands,
    IReadOnlyList<AuditEntry> Audit)
{
    /// <summary>The state after the event.</summary>
    public BootstrapState To => Record.CurrentStep;
}
