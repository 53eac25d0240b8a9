using SignalFactory.Core.Manifests;

namespace SignalFactory.Orchestration.Settings;

/// <summary>
/// Limits on parallel bootstraps (LLD §2.6): 20 at once, 10 profiling jobs, per tier 5 / 10 / 5. Requests over a
/// limit wait in FIFO order (the seed's <c>queue_overflow_action: FIFO_WAIT</c>).
/// </summary>
public sealed record ConcurrencyLimits
{
    /// <summary><c>max_parallel_bootstraps</c>.</summary>
    public int MaxParallelBootstraps { get; init; } = 20;

    /// <summary><c>max_profiling_jobs_concurrent</c>.</summary>
    public int MaxProfilingJobs { get; init; } = 10;

    /// <summary><c>per_tier_limits.TIER_1</c>.</summary>
    public int Tier1 { get; init; } = 5;

    /// <summary><c>per_tier_limits.TIER_2</c>.</summary>
    public int Tier2 { get; init; } = 10;

    /// <summary><c>per_tier_limits.TIER_3</c>.</summary>
    public int Tier3 { get; init; } = 5;

    /// <summary>The limit of <paramref name="tier"/>.</summary>
    /// <exception cref="ArgumentException">Not TIER_1, TIER_2 or TIER_3.</exception>
    public int ForTier(string tier) => tier switch
    {
        Tiers.Tier1 => Tier1,
        Tiers.Tier2 => Tier2,
        Tiers.Tier3 => Tier3,
        _ => throw new ArgumentException($"Unknown tier '{tier}'; expected {string.Join(", ", Tiers.All)}.", nameof(tier)),
    };

    internal IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[]
                 {
                     ("max_parallel_bootstraps", MaxParallelBootstraps), ("max_profiling_jobs_concurrent", MaxProfilingJobs),
                     ("per_tier_limits.TIER_1", Tier1), ("per_tier_limits.TIER_2", Tier2), ("per_tier_limits.TIER_3", Tier3),
                 })
        {
            if (value < 1)
            {
                yield return $"concurrency.{name}: {value} must be 1 or more";
            }
        }
    }
}
