using System.Collections.Immutable;

namespace SignalFactory.Orchestration.Audit;

/// <summary>An appended audit record (LLD §11.3) with its place in the hash chain.</summary>
/// <param name="Sequence">Chain position, 1..n without gaps.</param>
/// <param name="AuditId">ULID.</param>
/// <param name="BootstrapId">The bootstrap.</param>
/// <param name="Action">E.g. <c>APPROVED</c>.</param>
/// <param name="Actor">Who.</param>
/// <param name="Timestamp">When (100 ns precision, UTC).</param>
/// <param name="Details">Action-specific facts.</param>
/// <param name="PrevHash">The previous record's <see cref="Hash"/> (<see cref="AuditHashing.GenesisHash"/> for the first).</param>
/// <param name="Hash">See <see cref="AuditHashing"/>.</param>
public sealed record AuditRecord(
    long Sequence,
    string AuditId,
    string BootstrapId,
    string Action,
    Actor Actor,
    DateTimeOffset Timestamp,
    ImmutableSortedDictionary<string, string> Details,
    string PrevHash,
    string Hash);

/// <summary>An append-only, hash-chained audit trail.</summary>
public interface IAuditLog
{
    /// <summary>
    /// Appends <paramref name="entries"/> in order, atomically (all or none), and returns them as chained records.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is malformed (blank id, action not upper snake case…); nothing is appended.</exception>
    Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>The records of one bootstrap, in chain order.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAsync(string bootstrapId, CancellationToken cancellationToken);

    /// <summary>Walks the whole chain and reports the first broken link (what <c>sf audit verify</c> runs).</summary>
    Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellationToken);
}
