using SignalFactory.Core.Manifests;

namespace SignalFactory.Profiling.Synthetic;

/// <summary>Organisational volume defaults of one tier (LLD §4.6 <c>TIER_DEFAULTS</c>).</summary>
/// <param name="AvgRowCount">Typical rows per partition.</param>
/// <param name="StddevRowCount">Typical spread.</param>
/// <param name="AnomalyMultiplier">k of the bounds: 3σ, wide for synthetic baselines.</param>
public sealed record TierVolumeDefaults(long AvgRowCount, long StddevRowCount, double AnomalyMultiplier)
{
    /// <summary>The LLD §4.6 table: TIER_1 500,000 ± 150,000; TIER_2 100,000 ± 50,000; TIER_3 10,000 ± 5,000; all 3σ.</summary>
    public static TierVolumeDefaults For(string tier) => tier switch
    {
        Tiers.Tier1 => new(500_000, 150_000, 3.0),
        Tiers.Tier2 => new(100_000, 50_000, 3.0),
        Tiers.Tier3 => new(10_000, 5_000, 3.0),
        _ => throw new ArgumentOutOfRangeException(
            nameof(tier), $"Unknown tier '{tier}'; expected {string.Join(", ", Tiers.All)}."),
    };
}
