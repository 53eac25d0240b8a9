using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Store;

/// <summary>One row of the durable store: the record, the commands no worker has finished yet, and the lease.</summary>
/// <param name="Record">The machine's record (its <c>Version</c> is the row's optimistic-concurrency version).</param>
/// <param name="Pending">Commands of the last transition still to run; empty when none.</param>
/// <param name="LeaseOwner">The worker holding the lease, if any.</param>
/// <param name="LeaseExpiresAt">When that lease expires.</param>
/// <param name="NextDueAt">When a worker next has something to do; null when nothing is scheduled.</param>
public sealed record StoredBootstrap(
    BootstrapRecord Record,
    IReadOnlyList<BootstrapCommand> Pending,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset? NextDueAt);
