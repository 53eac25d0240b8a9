using SignalFactory.Core.Manifests;
using SignalFactory.Policy.Bundles;

namespace SignalFactory.Policy.Generation;

/// <summary>The generator's defaults (LLD §6.3), which an org <see cref="PolicyTemplate"/> may override per tier.</summary>
public static class PolicyDefaults
{
    /// <summary>Columns with a null rate below this are required (HLD §6.3: 0.1%).</summary>
    public const double RequiredNullRate = 0.001;

    /// <summary>Margin added on each side of a profiled numeric range, in percent of its width.</summary>
    public const double RangeMarginPct = 10;

    /// <summary>String columns with at most this many distinct values get an accepted-values rule (when values are supplied).</summary>
    public const int AcceptedValuesMaxDistinct = 20;

    /// <summary>Volume deviation that raises an anomaly when <c>dataset.yaml</c> sets none (LLD §6.3).</summary>
    public const double AnomalyThresholdPct = 40;

    /// <summary>PII action for a pattern with no org default.</summary>
    public const string DefaultPiiAction = Bundles.PiiActions.Mask;

    /// <summary><c>freshness.expected_update_by</c> when <c>dataset.yaml</c> sets none (LLD §6.3).</summary>
    public const string ExpectedUpdateBy = "06:00 ET daily";

    /// <summary><c>freshness.grace_period</c> when <c>dataset.yaml</c> sets none (LLD §6.3).</summary>
    public const string GracePeriod = "30m";

    /// <summary>Org default PII actions by pattern (LLD §6.3 <c>ORG_DEFAULT_ACTIONS</c>).</summary>
    public static IReadOnlyDictionary<string, string> PiiActions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["EMAIL"] = Bundles.PiiActions.Tokenize,
        ["PHONE"] = Bundles.PiiActions.Mask,
        ["SSN"] = Bundles.PiiActions.Redact,
        ["CREDIT_CARD"] = Bundles.PiiActions.Redact,
        ["IP_ADDRESS"] = Bundles.PiiActions.Mask,
        ["ADDRESS"] = Bundles.PiiActions.Mask,
    };

    /// <summary>The starting enrichment level of a tier (LLD §6.3 <c>_determine_enrichment_level</c>).</summary>
    /// <exception cref="ArgumentException">Not TIER_1, TIER_2 or TIER_3.</exception>
    public static string EnrichmentLevel(string tier) => tier switch
    {
        Tiers.Tier1 => EnrichmentLevels.FullContract,  // the data steward authors from this starting point
        Tiers.Tier2 => EnrichmentLevels.VolumeBaseline, // auto-generated, human-approved
        Tiers.Tier3 => EnrichmentLevels.ContractLite,   // auto-generated, auto-approved
        _ => throw new ArgumentException($"unknown tier '{tier}'; expected {string.Join(", ", Tiers.All)}", nameof(tier)),
    };

    /// <summary>The validation budget of a tier (LLD §6.3 <c>TIER_BUDGETS</c>).</summary>
    /// <exception cref="ArgumentException">Not TIER_1, TIER_2 or TIER_3.</exception>
    public static PerformanceSection Performance(string tier) => tier switch
    {
        Tiers.Tier1 => Budget(10_000, 5),
        Tiers.Tier2 => Budget(15_000, 7),
        Tiers.Tier3 => Budget(20_000, 10),
        _ => throw new ArgumentException($"unknown tier '{tier}'; expected {string.Join(", ", Tiers.All)}", nameof(tier)),
    };

    /// <summary>
    /// Gates switched on week by week for an enrichment level (LLD §6.3 <c>PROGRESSIVE_SCHEDULES</c>); <c>advanced</c>,
    /// which the LLD leaves without one, starts with everything like <c>full_contract</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ProgressiveSchedule(string enrichmentLevel) => enrichmentLevel switch
    {
        EnrichmentLevels.ContractLite => new Dictionary<string, IReadOnlyList<string>>
        {
            ["week_1"] = ["G1_RESOLUTION", "G2_IDENTITY", "G3_SCHEMA"],
            ["week_2"] = ["G6_VOLUME"],
            ["week_3"] = ["G5_FRESHNESS"],
            ["week_4"] = [],
        },
        EnrichmentLevels.VolumeBaseline => new Dictionary<string, IReadOnlyList<string>>
        {
            ["week_1"] = ["G1_RESOLUTION", "G2_IDENTITY", "G3_SCHEMA", "G6_VOLUME"],
            ["week_2"] = ["G5_FRESHNESS"],
            ["week_3"] = ["G4_CONTRACT"],
            ["week_4"] = ["G5_PII", "DQ_CHECKS"],
        },
        _ => new Dictionary<string, IReadOnlyList<string>>
        {
            ["week_1"] = ["G1_RESOLUTION", "G2_IDENTITY", "G3_SCHEMA", "G6_VOLUME", "G4_CONTRACT", "G5_FRESHNESS", "G5_PII", "DQ_CHECKS"],
        },
    };

    /// <summary>Everything the generator would use for <paramref name="tier"/> without a template, as a template (for <c>sf policy template</c>).</summary>
    public static PolicyTemplate Template(string tier)
    {
        var level = EnrichmentLevel(tier);
        return new PolicyTemplate
        {
            EnrichmentLevel = level,
            SchemaMode = SchemaModes.Strict,
            MinimumEnforcement = new MinimumEnforcement(EnforcementLevels.Required, EnforcementLevels.Required),
            RequiredNullRate = RequiredNullRate,
            RangeMarginPct = RangeMarginPct,
            AcceptedValuesMaxDistinct = AcceptedValuesMaxDistinct,
            AnomalyThresholdPct = AnomalyThresholdPct,
            Performance = Performance(tier),
            PiiActions = PiiActions,
            DefaultPiiAction = DefaultPiiAction,
            Invariants = [],
            ProgressiveSchedule = ProgressiveSchedule(level),
        };
    }

    private static PerformanceSection Budget(int timeoutMs, double budgetPct) => new()
    {
        GateTimeoutMs = timeoutMs,
        TotalValidationBudgetPct = budgetPct,
        PiiScanTimeoutMs = timeoutMs,
        SamplingRate = 1.0,
    };
}
