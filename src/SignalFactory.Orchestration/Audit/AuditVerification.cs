namespace SignalFactory.Orchestration.Audit;

/// <summary>What kind of tampering a broken link shows.</summary>
public enum AuditBreakKind
{
    /// <summary>A record's content (or one of its hashes) no longer matches its hash.</summary>
    Edited,

    /// <summary>A record is missing: a gap in the positions, a link to a record that is gone, or records cut from the end.</summary>
    Deleted,

    /// <summary>A record that no later record links to sits in the chain, or records follow the chain head.</summary>
    Inserted,

    /// <summary>A record links to one that now comes after it.</summary>
    Reordered,
}

/// <summary>The first broken link found.</summary>
/// <param name="Kind">What it looks like.</param>
/// <param name="Sequence">The chain position of the offending (or missing) record.</param>
/// <param name="AuditId">The offending record's id when it is present.</param>
/// <param name="Message">One sentence for the operator.</param>
public sealed record AuditBreak(AuditBreakKind Kind, long Sequence, string? AuditId, string Message);

/// <summary>The outcome of walking the audit chain.</summary>
/// <param name="RecordsVerified">Records verified before the first break (all of them when valid).</param>
/// <param name="LastVerifiedHash">The hash of the last verified record (<see cref="AuditHashing.GenesisHash"/> when none);
/// keep it outside the database to detect a later rewrite of the whole chain.</param>
/// <param name="FirstBreak">Null when the chain is intact.</param>
public sealed record AuditVerificationResult(long RecordsVerified, string LastVerifiedHash, AuditBreak? FirstBreak)
{
    /// <summary>Whether the chain is intact.</summary>
    public bool IsValid => FirstBreak is null;
}

/// <summary>One stored audit row exactly as the store holds it (text columns unparsed, so damaged rows can be judged).</summary>
public sealed record AuditRow(
    long Sequence,
    string AuditId,
    string BootstrapId,
    string Action,
    string Actor,
    string Timestamp,
    string Details,
    string PrevHash,
    string Hash);

/// <summary>The stored chain head: the last position and its hash, written with every append.</summary>
public sealed record AuditHead(long Sequence, string Hash);

/// <summary>A consistent snapshot of a stored chain, for <see cref="AuditVerifier"/>.</summary>
public interface IAuditChainSource
{
    /// <summary>The head, or null when nothing was ever appended.</summary>
    Task<AuditHead?> ReadHeadAsync(CancellationToken cancellationToken);

    /// <summary>Every row, ascending by sequence.</summary>
    IAsyncEnumerable<AuditRow> ReadInOrderAsync(CancellationToken cancellationToken);

    /// <summary>The sequence of the row whose stored hash is <paramref name="hash"/>, if any.</summary>
    Task<long?> FindSequenceByHashAsync(string hash, CancellationToken cancellationToken);
}
