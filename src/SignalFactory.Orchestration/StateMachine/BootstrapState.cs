using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>The lifecycle states of one bootstrap (LLD §2.5 <c>BootstrapStep</c>); wire names are SCREAMING_SNAKE.</summary>
public enum BootstrapState
{
    /// <summary><c>REGISTERED</c>: the manifest is being validated (first state of every bootstrap).</summary>
    Registered,

    /// <summary><c>PROFILING</c>: a profiling job (full, sampled or synthetic) is running.</summary>
    Profiling,

    /// <summary><c>PROFILING_FAILED</c>: the last profiling attempt failed; a retry is scheduled.</summary>
    ProfilingFailed,

    /// <summary><c>PROFILED</c>: <c>baseline.json</c> exists; the policy bundle is being generated.</summary>
    Profiled,

    /// <summary><c>POLICY_PENDING</c>: a policy bundle waits for approval (human, or Tier-3 auto after cooling).</summary>
    PolicyPending,

    /// <summary><c>POLICY_REJECTED</c>: rejected; being regenerated with feedback, or paused after too many rejections.</summary>
    PolicyRejected,

    /// <summary><c>POLICY_APPROVED</c>: approved; being signed.</summary>
    PolicyApproved,

    /// <summary><c>CERTIFYING</c>: the certified view is being initialised.</summary>
    Certifying,

    /// <summary><c>CERT_DEFERRED</c>: the gold table does not exist yet; certification completes on its first write.</summary>
    CertDeferred,

    /// <summary><c>SIGNAL_READY</c>: done. Only a rollback leaves it.</summary>
    SignalReady,

    /// <summary><c>CANCELLED</c>: terminal; artifacts are kept for a later bootstrap.</summary>
    Cancelled,

    /// <summary><c>FAILED</c>: terminal; retries exhausted or a non-retryable error.</summary>
    Failed,

    /// <summary><c>ROLLED_BACK</c>: terminal; kill switch applied, baseline kept.</summary>
    RolledBack,
}

/// <summary>Wire names and classification of <see cref="BootstrapState"/>.</summary>
public static class BootstrapStates
{
    private static readonly FrozenDictionary<BootstrapState, string> _names = new Dictionary<BootstrapState, string>
    {
        [BootstrapState.Registered] = "REGISTERED",
        [BootstrapState.Profiling] = "PROFILING",
        [BootstrapState.ProfilingFailed] = "PROFILING_FAILED",
        [BootstrapState.Profiled] = "PROFILED",
        [BootstrapState.PolicyPending] = "POLICY_PENDING",
        [BootstrapState.PolicyRejected] = "POLICY_REJECTED",
        [BootstrapState.PolicyApproved] = "POLICY_APPROVED",
        [BootstrapState.Certifying] = "CERTIFYING",
        [BootstrapState.CertDeferred] = "CERT_DEFERRED",
        [BootstrapState.SignalReady] = "SIGNAL_READY",
        [BootstrapState.Cancelled] = "CANCELLED",
        [BootstrapState.Failed] = "FAILED",
        [BootstrapState.RolledBack] = "ROLLED_BACK",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, BootstrapState> _byName =
        _names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every state, in lifecycle order.</summary>
    public static IReadOnlyList<BootstrapState> All { get; } = Enum.GetValues<BootstrapState>();

    /// <summary>The LLD name, e.g. <c>POLICY_PENDING</c>.</summary>
    public static string ToWireName(this BootstrapState state) =>
        _names.TryGetValue(state, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(state), state, null);

    /// <summary>Parses an LLD name (exact, case-sensitive).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out BootstrapState state)
    {
        state = default;
        return name is not null && _byName.TryGetValue(name, out state);
    }

    /// <summary>CANCELLED, FAILED and ROLLED_BACK accept no event at all.</summary>
    public static bool IsTerminal(this BootstrapState state) =>
        state is BootstrapState.Cancelled or BootstrapState.Failed or BootstrapState.RolledBack;

    /// <summary>
    /// States whose bootstrap has finished its pipeline (SIGNAL_READY, CERT_DEFERRED) or stopped (terminal states):
    /// no end-to-end timeout runs and the dataset does not count as an active bootstrap.
    /// </summary>
    public static bool IsSettled(this BootstrapState state) =>
        state.IsTerminal() || state is BootstrapState.SignalReady or BootstrapState.CertDeferred;
}
