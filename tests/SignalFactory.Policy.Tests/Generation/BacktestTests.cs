using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Tests.TestSupport;
using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Policy.Tests.Generation;

public sealed class BacktestTests
{
    private static readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));

    // Seven partitions, one of them small (a MERGE rewrote it): 6,600 rows. The volume statistics are stated, not
    // computed: avg 943, stddev 150, bounds 943 ± 2 × 150 = [643, 1243].
    private static Baseline Uneven() => TestBaselines.Orders() with
    {
        PartitionRowCounts =
        [
            .. new long[] { 1000, 980, 1020, 600, 990, 1010, 1000 }
                .Select((n, i) => new PartitionRowCount { Partition = $"2026-10-{i + 20}", RowCount = n }),
        ],
        Volume = new VolumeBaseline
        {
            AvgRowCount = 943, StddevRowCount = 150, MinRowCount = 600, MaxRowCount = 1020,
            AnomalyLowerBound = 643, AnomalyUpperBound = 1243, SigmaMultiplier = 2,
        },
    };

    private static PolicyGenerationResult Generate(Baseline baseline, string tier = "TIER_1", long? minRows = null, double? pct = null, PolicyTemplate? template = null) =>
        PolicyGenerator.Generate(new PolicyGenerationRequest
        {
            Baseline = baseline,
            Manifest = TestBaselines.Manifest(baseline.DatasetUrn, tier, minRows, pct),
            Template = template,
        }, _clock);

    [Fact]
    public void Generate_PartitionBelowSloAndBounds_VolumeLoosenedToTheSmallestPartition()
    {
        var result = Generate(Uneven(), minRows: 800);

        var volume = result.Bundle.Volume!;
        Assert.Equal(600, volume.MinRowsPerPartition);
        Assert.Equal(600, volume.AnomalyLowerBound);
        Assert.Equal(1243, volume.AnomalyUpperBound);
        Assert.Equal(40, volume.AnomalyThresholdPct); // 343 / 943 = 36.4% stays under 40%

        var minRows = Assert.Single(result.Backtest.Rules, r => r.Rule == "volume.min_rows_per_partition");
        Assert.Equal(("loosened", "dataset.yaml", "600", "800"), (minRows.Verdict, minRows.Origin, minRows.Expression, minRows.Original));
        Assert.Contains("1 of 7 profiled partitions have fewer than 800 rows (smallest 600)", minRows.Reason, StringComparison.Ordinal);
        var bounds = Assert.Single(result.Backtest.Rules, r => r.Rule == "volume.anomaly_bounds");
        Assert.Equal(("loosened", "[600, 1243]", "[643, 1243]"), (bounds.Verdict, bounds.Expression, bounds.Original));
        Assert.Equal("passed", Assert.Single(result.Backtest.Rules, r => r.Rule == "volume.anomaly_threshold_pct").Verdict);
    }

    [Fact]
    public void Generate_DeviationAboveThreshold_ThresholdRaisedToTheNextWholePercent()
    {
        var result = Generate(Uneven(), pct: 30);

        Assert.Equal(37, result.Bundle.Volume!.AnomalyThresholdPct); // ceil(36.37)
        var rule = Assert.Single(result.Backtest.Rules, r => r.Rule == "volume.anomaly_threshold_pct");
        Assert.Equal(("loosened", "37", "30"), (rule.Verdict, rule.Expression, rule.Original));
    }

    [Fact]
    public void Generate_EveryKeptVolumeThresholdHoldsOnEveryProfiledPartition()
    {
        var baseline = Uneven();
        var volume = Generate(baseline, minRows: 800, pct: 30).Bundle.Volume!;

        foreach (var partition in baseline.PartitionRowCounts)
        {
            Assert.True(partition.RowCount >= volume.MinRowsPerPartition);
            Assert.InRange(partition.RowCount, volume.AnomalyLowerBound!.Value, volume.AnomalyUpperBound!.Value);
            Assert.True(Math.Abs(partition.RowCount - volume.BaselineAvg) / volume.BaselineAvg * 100 <= volume.AnomalyThresholdPct);
        }
    }

    [Fact]
    public void Generate_RequiredByRateButSomeNulls_DroppedFromRequiredFields()
    {
        // 3 nulls in 7,000 rows: 0.043% is under the 0.1% rule, but a required field must never be null.
        var baseline = TestBaselines.Orders();
        baseline = baseline with
        {
            ColumnProfiles = new Dictionary<string, ColumnProfile>(baseline.ColumnProfiles)
            {
                ["quantity"] = baseline.ColumnProfiles["quantity"] with { NullCount = 3, NullRate = 3 / 7000.0 },
            },
        };

        var result = Generate(baseline);

        Assert.DoesNotContain("quantity", result.Bundle.ContractLite!.RequiredFields);
        Assert.DoesNotContain("quantity", result.Bundle.Contract!.RequiredFields);
        var verdict = Assert.Single(result.Backtest.Rules, r => r.Rule == "required:quantity");
        Assert.Equal("dropped", verdict.Verdict);
        Assert.Contains("3 of 7000 profiled rows are null", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_TemplateRuleOnAColumnTheDatasetLacks_NotApplicableAndLeftOut()
    {
        var template = new PolicyTemplate { Invariants = [new TemplateInvariant("amount_positive", "Amounts are positive", "amount > 0", "error")] };

        var result = Generate(TestBaselines.Orders(), template: template);

        Assert.DoesNotContain(result.Bundle.Contract!.Invariants, i => i.Id == "amount_positive");
        Assert.Equal("not_applicable", Assert.Single(result.Backtest.Rules, r => r.Rule == "amount_positive").Verdict);
    }

    [Fact]
    public void Generate_TemplateRuleStatisticsCannotJudge_KeptAsWarningInAContract()
    {
        var template = new PolicyTemplate
        {
            Invariants =
            [
                new TemplateInvariant("status_known", "Known statuses", "status IN ('NEW', 'SHIPPED')", "error"),
                new TemplateInvariant("short_notes", "Notes stay short", "length(notes) < 500", "error"),
            ],
        };

        var result = Generate(TestBaselines.Orders(), template: template);

        var invariants = result.Bundle.Contract!.Invariants;
        Assert.Equal("warning", Assert.Single(invariants, i => i.Id == "status_known").Severity);
        Assert.Equal("warning", Assert.Single(invariants, i => i.Id == "short_notes").Severity);
        Assert.Equal("unverified", Assert.Single(result.Backtest.Rules, r => r.Rule == "status_known").Verdict);
        Assert.Contains("no string values", Assert.Single(result.Backtest.Rules, r => r.Rule == "status_known").Reason, StringComparison.Ordinal);
        Assert.Equal("unverified", Assert.Single(result.Backtest.Rules, r => r.Rule == "short_notes").Verdict);
    }

    [Fact]
    public void Generate_ContractLiteTemplateRules_KeptWhenTheyHoldDroppedWhenUnverifiable()
    {
        var template = new PolicyTemplate
        {
            Invariants =
            [
                new TemplateInvariant("views_positive", "At least one page view", "page_views >= 1", "error"),
                new TemplateInvariant("views_small", "Fewer than 30 views", "page_views < 30", "error"),
                new TemplateInvariant("country_code", "Two-letter country", "length(country) = 2", "error"),
            ],
        };

        var result = Generate(TestBaselines.WebSessions(), tier: "TIER_3", template: template);

        Assert.Equal(["page_views >= 1"], result.Bundle.ContractLite!.Invariants);
        Assert.Null(result.Bundle.Contract);
        Assert.Equal("dropped", Assert.Single(result.Backtest.Rules, r => r.Rule == "views_small").Verdict); // max is 40
        Assert.Equal("dropped", Assert.Single(result.Backtest.Rules, r => r.Rule == "country_code").Verdict);
        var kept = Assert.Single(result.Backtest.Rules, r => r.Rule == "views_positive");
        Assert.Equal(("contract_lite", "passed"), (kept.Section, kept.Verdict));
    }

    [Fact]
    public void Generate_ReportCountsEveryVerdictAndHoldsNoStringValue()
    {
        var template = new PolicyTemplate { Invariants = [new TemplateInvariant("total_over_100", "Big orders", "order_total > 100", "error")] };

        var result = Generate(Uneven(), minRows: 800, template: template);

        var report = result.Backtest;
        Assert.Equal("passed", report.Status);
        Assert.Equal(1, report.GenerationAttempt);
        Assert.Equal(new BacktestEvidence(7, 7000, 1.0, false, "HIGH"), report.Evidence);
        Assert.Equal(1, report.Count("dropped"));  // total_over_100: min 5.00
        Assert.Equal(2, report.Count("loosened")); // min rows, anomaly bounds
        Assert.Equal(report.Rules.Count, report.Count("passed") + report.Count("loosened") + report.Count("dropped") + report.Count("unverified") + report.Count("not_applicable"));
        var json = System.Text.Encoding.UTF8.GetString(BacktestReportJson.Serialize(report));
        Assert.DoesNotContain("@", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_TemplateRulesOnADateColumn_JudgedByProfiledMinMax()
    {
        // order_date was profiled from 2026-10-20 to 2026-10-26.
        var template = new PolicyTemplate
        {
            Invariants =
            [
                new TemplateInvariant("recent_orders", "Orders after 2026 began", "order_date >= DATE '2026-01-01'", "error"),
                new TemplateInvariant("before_25th", "Orders before the 25th", "order_date < DATE '2026-10-25'", "error"),
            ],
        };

        var result = Generate(TestBaselines.Orders(), template: template);

        Assert.Equal("passed", Assert.Single(result.Backtest.Rules, r => r.Rule == "recent_orders").Verdict);
        var dropped = Assert.Single(result.Backtest.Rules, r => r.Rule == "before_25th");
        Assert.Equal("dropped", dropped.Verdict);
        Assert.Contains("max 2026-10-26", dropped.Reason, StringComparison.Ordinal);
    }
}
