using System.Collections.Immutable;

namespace SignalFactory.Orchestration.Audit;

/// <summary>
/// An action to append to the audit trail (LLD §11.3). The log gives it an <c>audit_id</c>, its chain position and
/// hashes, making it an <see cref="AuditRecord"/>.
/// </summary>
/// <param name="BootstrapId">The bootstrap the action belongs to.</param>
/// <param name="Action">One of <see cref="AuditActions"/> (upper snake case).</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Details">Action-specific facts, sorted by key; never data values.</param>
public sealed record AuditEntry(
    string BootstrapId,
    string Action,
    Actor Actor,
    DateTimeOffset Timestamp,
    ImmutableSortedDictionary<string, string> Details)
{
    /// <summary>An entry with details built from pairs; pairs with a null value are left out, later pairs win.</summary>
    public static AuditEntry Create(
        string bootstrapId, string action, Actor actor, DateTimeOffset timestamp, params (string Key, string? Value)[] details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in details)
        {
            if (value is not null)
            {
                builder[key] = value;
            }
        }

        return new AuditEntry(bootstrapId, action, actor, timestamp, builder.ToImmutable());
    }
}

/// <summary>
/// Audit actions. The first eight are LLD §11.3's; the others name the remaining transitions so that every action
/// of the state machine leaves a record.
/// </summary>
public static class AuditActions
{
    public const string Initiated = "INITIATED";
    public const string Profiled = "PROFILED";
    public const string PolicyGenerated = "POLICY_GENERATED";
    public const string Approved = "APPROVED";
    public const string Signed = "SIGNED";
    public const string Certified = "CERTIFIED";
    public const string Cancelled = "CANCELLED";
    public const string RolledBack = "ROLLED_BACK";

    public const string Registered = "REGISTERED";
    public const string RetryScheduled = "RETRY_SCHEDULED";
    public const string Retried = "RETRIED";
    public const string ProfilingFallback = "PROFILING_FALLBACK";
    public const string Rejected = "REJECTED";
    public const string Escalated = "ESCALATED";
    public const string RegenerationRequested = "REGENERATION_REQUESTED";
    public const string CertificationDeferred = "CERTIFICATION_DEFERRED";
    public const string CertificationResumed = "CERTIFICATION_RESUMED";
    public const string Reprofiling = "REPROFILING";
    public const string Failed = "FAILED";
}
