using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Generation;

/// <summary>Expected values below are worked out by hand from LLD §6.3 and the statistics in <see cref="TestBaselines"/>.</summary>
public sealed class PolicyGeneratorTierTests
{
    private static readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 10, 15, 30, 250, TimeSpan.Zero));

    private static PolicyGenerationResult Generate(Profiling.Baselines.Baseline baseline, string tier, long? minRows = null) =>
        PolicyGenerator.Generate(new PolicyGenerationRequest
        {
            Baseline = baseline,
            Manifest = TestBaselines.Manifest(baseline.DatasetUrn, tier, minRows),
        }, _clock);

    private static string[] Sections(PolicyBundle b) =>
    [
        .. new (string Name, object? Value)[]
        {
            ("security", b.Security), ("schema", b.Schema), ("contract_lite", b.ContractLite), ("volume", b.Volume),
            ("contract", b.Contract), ("pii", b.Pii), ("freshness", b.Freshness), ("performance", b.Performance),
            ("bootstrap", b.Bootstrap),
        }.Where(s => s.Value is not null).Select(s => s.Name),
    ];

    [Fact]
    public void Generate_Tier1_FullContractWithEverySection()
    {
        var result = Generate(TestBaselines.Orders(), "TIER_1", minRows: 500);
        var b = result.Bundle;

        Assert.Equal("full_contract", b.EnrichmentLevel);
        Assert.Equal(["security", "schema", "contract_lite", "volume", "contract", "pii", "freshness", "performance", "bootstrap"], Sections(b));
        Assert.Equal("autopilot", b.GeneratedBy);
        Assert.Equal("boot-orders_enriched", b.BootstrapId);
        Assert.Null(b.Security.Signature);
        Assert.True(b.Security.ValidationEnabled);
        Assert.Equal(new MinimumEnforcement("required", "required"), b.Security.MinimumEnforcement);
        Assert.Empty(PolicyBundleValidator.Validate(b));
    }

    [Fact]
    public void Generate_Tier1_RequiredFieldsAreColumnsWithNullRateBelowOneInAThousand()
    {
        var b = Generate(TestBaselines.Orders(), "TIER_1").Bundle;

        string[] expected = ["order_id", "customer_id", "customer_email", "customer_ssn", "card_number", "client_ip", "order_total", "quantity", "is_gift", "status", "order_date"];
        Assert.Equal(expected, b.ContractLite!.RequiredFields);
        Assert.Equal(expected, b.Contract!.RequiredFields);
        Assert.Empty(b.ContractLite.Invariants);
    }

    [Fact]
    public void Generate_Tier1_InvariantsAreNotNullAndRangesFromProfiledMinMax()
    {
        var b = Generate(TestBaselines.Orders(), "TIER_1").Bundle;

        Assert.Equal(
        [
            new ContractInvariant("order_id_not_null", "order_id is never null (declared NOT NULL in the table schema)", "order_id IS NOT NULL", "error"),
            new ContractInvariant("order_id_range", "order_id at least the profiled minimum less a 10% margin; no upper bound because the column looks like an identifier or sequence", "order_id >= 0", "warning"),
            new ContractInvariant("customer_id_range", "customer_id at least the profiled minimum less a 10% margin; no upper bound because the column looks like an identifier or sequence", "customer_id >= 0", "warning"),
            new ContractInvariant("order_total_range", "order_total within the profiled range plus a 10% margin on each side", "order_total BETWEEN 0.00 AND 527.50", "warning"),
            new ContractInvariant("discount_pct_range", "discount_pct within the profiled range plus a 10% margin on each side", "discount_pct BETWEEN 0.0 AND 0.6", "warning"),
            new ContractInvariant("quantity_range", "quantity within the profiled range plus a 10% margin on each side", "quantity BETWEEN 0 AND 11", "warning"),
        ], b.Contract!.Invariants);
    }

    [Fact]
    public void Generate_Tier1_PiiRulesUseOrgDefaultActionsOnePerPattern()
    {
        var pii = Generate(TestBaselines.Orders(), "TIER_1").Bundle.Pii!;

        Assert.Equal(
        [
            new PiiRule("CREDIT_CARD", "redact"), new PiiRule("SSN", "redact"), new PiiRule("EMAIL", "tokenize"),
            new PiiRule("IP_ADDRESS", "mask"), new PiiRule("PHONE", "mask"),
        ], pii.Detection);
        Assert.Equal(["card_number", "client_ip", "customer_email", "customer_phone", "customer_ssn"], pii.ScanColumns);
    }

    [Fact]
    public void Generate_Tier1_FreshnessFromManifestVolumeFromBaselinePerformanceByTier()
    {
        var b = Generate(TestBaselines.Orders(), "TIER_1", minRows: 500).Bundle;

        Assert.Equal(new FreshnessSection { ExpectedUpdateBy = "04:00 ET daily", GracePeriod = "45m", PartitionKey = "dt", MaxStalenessHours = 6 }, b.Freshness);
        Assert.Equal(new VolumeSection
        {
            MinRowsPerPartition = 500, AnomalyThresholdPct = 40, BaselineAvg = 1000, BaselineStddev = 0,
            AnomalyLowerBound = 1000, AnomalyUpperBound = 1000,
        }, b.Volume);
        Assert.Equal(new PerformanceSection { GateTimeoutMs = 10000, TotalValidationBudgetPct = 5, PiiScanTimeoutMs = 10000, SamplingRate = 1.0 }, b.Performance);
    }

    [Fact]
    public void Generate_Tier1_BootstrapRecordsSourceAttemptScheduleAndBacktest()
    {
        var boot = Generate(TestBaselines.Orders(), "TIER_1").Bundle.Bootstrap!;

        Assert.Equal("boot-orders_enriched", boot.BaselineSource);
        Assert.Equal("HIGH", boot.BaselineConfidence);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 10, 15, 30, TimeSpan.Zero), boot.GeneratedAt);
        Assert.Equal(1, boot.GenerationAttempt);
        Assert.Null(boot.AutoRefineUntil);
        Assert.Equal(["week_1"], boot.ProgressiveSchedule.Keys);
        Assert.Equal(["G1_RESOLUTION", "G2_IDENTITY", "G3_SCHEMA", "G6_VOLUME", "G4_CONTRACT", "G5_FRESHNESS", "G5_PII", "DQ_CHECKS"], boot.ProgressiveSchedule["week_1"]);
        Assert.Equal(new BacktestSummary("passed", "datasets/curated/orders_enriched/policy_backtest.json"), boot.Backtest);
    }

    [Fact]
    public void Generate_Tier2_VolumeBaselineWithoutContractOrPii()
    {
        var b = Generate(TestBaselines.CustomerEvents(), "TIER_2").Bundle;

        Assert.Equal("volume_baseline", b.EnrichmentLevel);
        Assert.Equal(["security", "schema", "contract_lite", "volume", "freshness", "performance", "bootstrap"], Sections(b));
        Assert.Equal(["event_id", "customer_id", "event_type", "email", "ip", "amount", "is_mobile"], b.ContractLite!.RequiredFields);
        Assert.Empty(b.ContractLite.Invariants);
        Assert.Equal(1000, b.Volume!.MinRowsPerPartition); // no SLO: the baseline's anomaly lower bound
        Assert.Equal(new PerformanceSection { GateTimeoutMs = 15000, TotalValidationBudgetPct = 7, PiiScanTimeoutMs = 15000, SamplingRate = 1.0 }, b.Performance);
        Assert.Equal(["week_1", "week_2", "week_3", "week_4"], b.Bootstrap!.ProgressiveSchedule.Keys);
        Assert.Equal(["G1_RESOLUTION", "G2_IDENTITY", "G3_SCHEMA", "G6_VOLUME"], b.Bootstrap.ProgressiveSchedule["week_1"]);
        Assert.Equal(["G5_FRESHNESS"], b.Bootstrap.ProgressiveSchedule["week_2"]);
        Assert.Equal(["G4_CONTRACT"], b.Bootstrap.ProgressiveSchedule["week_3"]);
        Assert.Equal(["G5_PII", "DQ_CHECKS"], b.Bootstrap.ProgressiveSchedule["week_4"]);
    }

    [Fact]
    public void Generate_Tier3_ContractLiteOnly()
    {
        var b = Generate(TestBaselines.WebSessions(), "TIER_3").Bundle;

        Assert.Equal("contract_lite", b.EnrichmentLevel);
        Assert.Equal(["security", "schema", "contract_lite", "freshness", "performance", "bootstrap"], Sections(b));
        Assert.Equal(["session_id", "landing_page", "page_views", "country"], b.ContractLite!.RequiredFields);
        Assert.Equal(new PerformanceSection { GateTimeoutMs = 20000, TotalValidationBudgetPct = 10, PiiScanTimeoutMs = 20000, SamplingRate = 1.0 }, b.Performance);
        Assert.Equal(["G1_RESOLUTION", "G2_IDENTITY", "G3_SCHEMA"], b.Bootstrap!.ProgressiveSchedule["week_1"]);
        Assert.Equal(["G6_VOLUME"], b.Bootstrap.ProgressiveSchedule["week_2"]);
        Assert.Equal(["G5_FRESHNESS"], b.Bootstrap.ProgressiveSchedule["week_3"]);
        Assert.Empty(b.Bootstrap.ProgressiveSchedule["week_4"]);
    }

    [Fact]
    public void Generate_Schema_ConstraintsMirrorTheBaselineColumns()
    {
        var schema = Generate(TestBaselines.WebSessions(), "TIER_3").Bundle.Schema!;

        Assert.Equal("strict", schema.Mode);
        Assert.Equal("auto", schema.Registry);
        Assert.Equal("sha256:" + new string('a', 64), schema.BaselineFingerprint);
        Assert.Equal(
        [
            new FieldConstraint("session_id", "STRING", true), new FieldConstraint("customer_id", "INT", true),
            new FieldConstraint("landing_page", "STRING", true), new FieldConstraint("referrer", "STRING", true),
            new FieldConstraint("page_views", "INT", true), new FieldConstraint("country", "STRING", true),
        ], schema.Constraints);
    }

    [Fact]
    public void Generate_SyntheticBaselineWithoutStatistics_BacktestNotRunAndAutoRefineDateSet()
    {
        var synthetic = TestBaselines.Build("ds://raw/new_feed", 0, [], []) with
        {
            ProfilingMetadata = TestBaselines.Build("ds://raw/new_feed", 0, [], [], synthetic: true).ProfilingMetadata,
        };

        var b = Generate(synthetic, "TIER_2").Bundle;

        Assert.Equal(new BacktestSummary("not_run", "datasets/raw/new_feed/policy_backtest.json"), b.Bootstrap!.Backtest);
        Assert.Equal("LOW", b.Bootstrap.BaselineConfidence);
        Assert.Equal(new DateTimeOffset(2026, 11, 9, 10, 15, 30, TimeSpan.Zero), b.Bootstrap.AutoRefineUntil);
        Assert.Empty(b.ContractLite!.RequiredFields);
    }

    [Fact]
    public void Generate_UnknownTier_RefusedWithTheTierNamed()
    {
        var ex = Assert.Throws<PolicyGenerationException>(() => Generate(TestBaselines.WebSessions(), "TIER_9"));
        Assert.Contains("TIER_9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_BaselineOfAnotherDataset_Refused()
    {
        var request = new PolicyGenerationRequest
        {
            Baseline = TestBaselines.WebSessions(),
            Manifest = TestBaselines.Manifest("ds://analytics/other", "TIER_3"),
        };

        var ex = Assert.Throws<PolicyGenerationException>(() => PolicyGenerator.Generate(request, _clock));
        Assert.Contains("ds://analytics/other", ex.Message, StringComparison.Ordinal);
    }
}
