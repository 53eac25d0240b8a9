using SignalFactory.Core.Manifests;

namespace SignalFactory.Orchestration.Settings;

/// <summary>The timeouts of one tier (LLD §2.7).</summary>
/// <param name="EndToEnd">From initiation to SIGNAL_READY (or deferral); the bootstrap fails when it runs out.</param>
/// <param name="Profiling">One profiling attempt; a timeout counts as a failed attempt.</param>
/// <param name="Approval">
/// Human tiers: how long to wait before escalating (the wait is then extended by the same amount).
/// <see cref="AutoApprove"/> tiers: the cooling period after which the policy is approved automatically.
/// </param>
/// <param name="CertificationInit">One certified view initialisation attempt.</param>
/// <param name="AutoApprove">Policies are approved by the autopilot when <see cref="Approval"/> has passed without a human decision.</param>
public sealed record TierSettings(TimeSpan EndToEnd, TimeSpan Profiling, TimeSpan Approval, TimeSpan CertificationInit, bool AutoApprove);

/// <summary>
/// Every number the state machine decides with, defaulting to the seeds (LLD §2.4, §2.7, §2.8, HLD §10.1).
/// Per-workspace configuration replaces parts with <c>with</c>, e.g. a Tier-3 cooling period of 24 h:
/// <c>settings with { Tier3 = settings.Tier3 with { Approval = TimeSpan.FromHours(24) } }</c>.
/// </summary>
public sealed record OrchestratorSettings
{
    /// <summary>The defaults.</summary>
    public static OrchestratorSettings Default { get; } = new();

    /// <summary>7 d end-to-end, 30 min profiling, 5 d approval, 10 min certification init.</summary>
    public TierSettings Tier1 { get; init; } =
        new(TimeSpan.FromHours(168), TimeSpan.FromMinutes(30), TimeSpan.FromHours(120), TimeSpan.FromMinutes(10), AutoApprove: false);

    /// <summary>10 d end-to-end, 30 min profiling, 7 d approval, 10 min certification init.</summary>
    public TierSettings Tier2 { get; init; } =
        new(TimeSpan.FromHours(240), TimeSpan.FromMinutes(30), TimeSpan.FromHours(168), TimeSpan.FromMinutes(10), AutoApprove: false);

    /// <summary>3 d end-to-end, 15 min profiling, auto-approval after a 48 h cooling period, 10 min certification init.</summary>
    public TierSettings Tier3 { get; init; } =
        new(TimeSpan.FromHours(72), TimeSpan.FromMinutes(15), TimeSpan.FromHours(48), TimeSpan.FromMinutes(10), AutoApprove: true);

    /// <summary>ValidateRegistration: 2 retries, backoff rate 2, default 1 s interval.</summary>
    public RetryPolicy Registration { get; init; } = new(2, TimeSpan.FromSeconds(1), 2.0);

    /// <summary>Profiling failures and timeouts: 3 retries, 60 s interval, backoff rate 2 (60 s, 120 s, 240 s).</summary>
    public RetryPolicy Profiling { get; init; } = new(3, TimeSpan.FromSeconds(60), 2.0);

    /// <summary>
    /// Policy generation: "Lambda retry with backoff" (LLD §2.8), i.e. Lambda's asynchronous retry behaviour:
    /// 2 retries, 1 min then 2 min.
    /// </summary>
    public RetryPolicy PolicyGeneration { get; init; } = new(2, TimeSpan.FromMinutes(1), 2.0);

    /// <summary>InitCertifiedView: 3 retries, backoff rate 2, default 1 s interval.</summary>
    public RetryPolicy Certification { get; init; } = new(3, TimeSpan.FromSeconds(1), 2.0);

    /// <summary>Row fraction of the sampled retry after an out-of-memory failure (10 %).</summary>
    public double OutOfMemorySamplingRate { get; init; } = 0.10;

    /// <summary>Profiling lookback when the request does not override it (7 days).</summary>
    public int DefaultProfilingLookbackDays { get; init; } = 7;

    /// <summary>Rejections answered with a regeneration; the next one escalates and pauses regeneration (3).</summary>
    public int MaxRejections { get; init; } = 3;

    /// <summary>
    /// Re-profiles allowed when the schema changes before certification; one more change fails the bootstrap
    /// (the seeds set no limit; without one a table whose schema keeps changing would loop).
    /// </summary>
    public int MaxReprofiles { get; init; } = 2;

    /// <summary>
    /// CERT_DEFERRED: how often the gold table is probed for its first write (5 min; the seed's EventBridge rule
    /// reacts at once, a poll this short keeps the delay small while each probe is one folder listing).
    /// </summary>
    public TimeSpan FirstWritePoll { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Parallelism limits (LLD §2.6).</summary>
    public ConcurrencyLimits Concurrency { get; init; } = new();

    /// <summary>The settings of <paramref name="tier"/>.</summary>
    /// <exception cref="ArgumentException">Not TIER_1, TIER_2 or TIER_3.</exception>
    public TierSettings ForTier(string tier) => tier switch
    {
        Tiers.Tier1 => Tier1,
        Tiers.Tier2 => Tier2,
        Tiers.Tier3 => Tier3,
        _ => throw new ArgumentException($"Unknown tier '{tier}'; expected {string.Join(", ", Tiers.All)}.", nameof(tier)),
    };

    /// <summary>Every inconsistent value, each naming its setting; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, tier) in new[] { ("tier_1", Tier1), ("tier_2", Tier2), ("tier_3", Tier3) })
        {
            foreach (var (field, value) in new[]
                     {
                         ("end_to_end", tier.EndToEnd), ("profiling", tier.Profiling),
                         ("approval", tier.Approval), ("certification_init", tier.CertificationInit),
                     })
            {
                // A zero cooling period is allowed for auto-approving tiers: the auto-approval timer is due at once.
                if (value < TimeSpan.Zero || (value == TimeSpan.Zero && !(field == "approval" && tier.AutoApprove)))
                {
                    problems.Add($"{name}.{field}: must be positive");
                }
            }
        }

        problems.AddRange(Registration.Problems("registration"));
        problems.AddRange(Profiling.Problems("profiling"));
        problems.AddRange(PolicyGeneration.Problems("policy_generation"));
        problems.AddRange(Certification.Problems("certification"));
        problems.AddRange(Concurrency.Problems());
        if (!(OutOfMemorySamplingRate is > 0.0 and < 1.0))
        {
            problems.Add($"out_of_memory_sampling_rate: {OutOfMemorySamplingRate} must be between 0 and 1 (exclusive)");
        }

        if (DefaultProfilingLookbackDays < 1)
        {
            problems.Add($"default_profiling_lookback_days: {DefaultProfilingLookbackDays} must be 1 or more");
        }

        if (FirstWritePoll <= TimeSpan.Zero)
        {
            problems.Add("first_write_poll: must be positive");
        }

        if (MaxRejections < 0)
        {
            problems.Add($"max_rejections: {MaxRejections} must be 0 or more");
        }

        if (MaxReprofiles < 0)
        {
            problems.Add($"max_reprofiles: {MaxReprofiles} must be 0 or more");
        }

        return problems;
    }
}
