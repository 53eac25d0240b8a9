using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Runtime;

/// <summary>
/// Carries out the commands of a stored transition. Every command must be idempotent: a worker killed after running
/// one and before storing its result runs it again (key outputs by <see cref="BootstrapRecord.BootstrapId"/>, e.g. the
/// baseline of <c>boot-…</c> overwrites itself).
/// </summary>
public interface IBootstrapStepExecutor
{
    /// <summary>
    /// Runs <paramref name="command"/> for <paramref name="record"/>. Step commands (validate, profile, generate,
    /// sign, certify) answer with the event that reports their outcome; the others (notify, metric, kill switch…)
    /// answer null. An exception from a step command becomes that step's failure event; cancellation is passed on.
    /// </summary>
    Task<BootstrapEvent?> ExecuteAsync(BootstrapRecord record, BootstrapCommand command, CancellationToken cancellationToken);
}
