namespace SignalFactory.Policy.Certification;

/// <summary>
/// Outcomes of a certification and statuses of the <c>certified_view_state</c> record (LLD §7.4). The record holds
/// <see cref="Certified"/>, <see cref="Deferred"/> or <see cref="SchemaChanged"/> (and <see cref="Stale"/>, which the
/// run-the-engine side sets); <see cref="Failed"/> is only ever an outcome: a failed attempt changes no record.
/// </summary>
public static class CertificationStatus
{
    /// <summary>The gold table has data; the pointer names the version or partition consumers read.</summary>
    public const string Certified = "CERTIFIED";

    /// <summary>The gold table is missing or empty; the first write completes the certification (LLD §7.3).</summary>
    public const string Deferred = "DEFERRED";

    /// <summary>The table's schema fingerprint differs from the baseline's: the dataset must be profiled again.</summary>
    public const string SchemaChanged = "SCHEMA_CHANGED";

    /// <summary>The table could not be examined (unsupported location, unreadable log or footers, ...).</summary>
    public const string Failed = "FAILED";

    /// <summary>The pointer did not move within the staleness SLA; set outside the initializer.</summary>
    public const string Stale = "STALE";

    /// <summary>The statuses a stored record may have.</summary>
    public static IReadOnlyList<string> Stored { get; } = [Certified, Deferred, SchemaChanged, Stale];
}

/// <summary>Why a certification was deferred (LLD §7.3 <c>deferred_reason</c>).</summary>
public static class DeferredReasons
{
    /// <summary>The gold location does not exist yet.</summary>
    public const string GoldTableNotFound = "GOLD_TABLE_NOT_FOUND";

    /// <summary>The location exists but holds no row yet (an empty folder, a log without commits or data files, files without rows).</summary>
    public const string GoldTableEmpty = "GOLD_TABLE_EMPTY";
}

/// <summary>What the schema check did.</summary>
public enum SchemaCheckOutcome
{
    /// <summary>No expected fingerprint was given; the current one is recorded only.</summary>
    NotRequested,

    /// <summary>The baseline is synthetic and has not seen the schema yet (<c>sha256:SYNTHETIC_PENDING</c>).</summary>
    SyntheticPending,

    /// <summary>The current fingerprint equals the baseline's.</summary>
    Matched,

    /// <summary>The current fingerprint differs from the baseline's.</summary>
    Changed,

    /// <summary>No data to compute a fingerprint from (deferred), or the attempt failed before the check.</summary>
    NotRun,
}
