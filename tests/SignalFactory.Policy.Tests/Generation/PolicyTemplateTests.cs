using System.Text;
using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Generation;

public sealed class PolicyTemplateTests
{
    private static readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));

    private static PolicyTemplate Parse(string yaml) => PolicyTemplateYaml.Parse(Encoding.UTF8.GetBytes(yaml), "templates/policy/TIER_3.yaml");

    [Fact]
    public void Parse_EveryKey_ReadIntoTheTemplate()
    {
        var template = Parse("""
            enrichment_level: full_contract
            schema_mode: additive
            minimum_enforcement:
              pii_detection: required
              schema_validation: optional
            required_null_rate: 0.01
            range_margin_pct: 25
            accepted_values_max_distinct: 0
            anomaly_threshold_pct: 60
            performance:
              gate_timeout_ms: 30000
              total_validation_budget_pct: 12
              pii_scan_timeout_ms: 25000
              sampling_rate: 0.5
            pii_actions:
              EMAIL: redact
            default_pii_action: redact
            invariants:
              - id: views_positive
                description: "At least one view"
                expression: "page_views >= 1"
                severity: warning
              - id: country_set
                expression: "country IS NOT NULL"
            progressive_schedule:
              week_1: [G1_RESOLUTION, G3_SCHEMA]
              week_2: []
            """);

        Assert.Equal("full_contract", template.EnrichmentLevel);
        Assert.Equal("additive", template.SchemaMode);
        Assert.Equal(new MinimumEnforcement("required", "optional"), template.MinimumEnforcement);
        Assert.Equal(0.01, template.RequiredNullRate);
        Assert.Equal(25, template.RangeMarginPct);
        Assert.Equal(0, template.AcceptedValuesMaxDistinct);
        Assert.Equal(60, template.AnomalyThresholdPct);
        Assert.Equal(new PerformanceSection { GateTimeoutMs = 30000, TotalValidationBudgetPct = 12, PiiScanTimeoutMs = 25000, SamplingRate = 0.5 }, template.Performance);
        Assert.Equal("redact", template.PiiActions["EMAIL"]);
        Assert.Equal("redact", template.DefaultPiiAction);
        Assert.Equal(
        [
            new TemplateInvariant("views_positive", "At least one view", "page_views >= 1", "warning"),
            new TemplateInvariant("country_set", "Org rule country_set", "country IS NOT NULL", "error"),
        ], template.Invariants);
        Assert.Equal(["G1_RESOLUTION", "G3_SCHEMA"], template.ProgressiveSchedule!["week_1"]);
        Assert.Empty(template.ProgressiveSchedule["week_2"]);
    }

    [Fact]
    public void Parse_Problems_AllReportedWithFieldAndLine()
    {
        var ex = Assert.Throws<PolicyInputException>(() => Parse("""
            enrichment_levl: full_contract
            range_margin_pct: wide
            invariants:
              - id: "bad id"
                expression: "x > 0"
            """));

        Assert.StartsWith("templates/policy/TIER_3.yaml: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("enrichment_levl (line 1): unknown key; did you mean 'enrichment_level'?", ex.Problems);
        Assert.Contains("range_margin_pct (line 2): expected a number", ex.Problems);
    }

    [Fact]
    public void Parse_ValuesOutOfRange_Refused()
    {
        var ex = Assert.Throws<PolicyInputException>(() => Parse("""
            enrichment_level: everything
            pii_actions: { EMAIL: shred }
            invariants:
              - { id: "bad id", expression: "x > 0", severity: fatal }
            """));

        Assert.Contains(ex.Problems, p => p.StartsWith("enrichment_level: must be one of", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("pii_actions.EMAIL: must be one of", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("invariants[0].id:", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("invariants[0].severity:", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NotYaml_RefusedWithLine() =>
        Assert.Contains("line", Assert.Throws<PolicyInputException>(() => Parse("invariants: [\n  - x")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("TIER_1")]
    [InlineData("TIER_2")]
    [InlineData("TIER_3")]
    public void ToYaml_DefaultTemplate_ParsesBackToTheDefaults(string tier)
    {
        var defaults = PolicyDefaults.Template(tier);

        var back = PolicyTemplateYaml.Parse(Encoding.UTF8.GetBytes(PolicyTemplateYaml.ToYaml(defaults, tier)), "t.yaml");

        Assert.Equal(defaults.EnrichmentLevel, back.EnrichmentLevel);
        Assert.Equal(defaults.Performance, back.Performance);
        Assert.Equal(defaults.PiiActions.OrderBy(kv => kv.Key), back.PiiActions.OrderBy(kv => kv.Key));
        Assert.Equal(defaults.ProgressiveSchedule!.Keys.Order(), back.ProgressiveSchedule!.Keys.Order());
        Assert.Equal(defaults.RangeMarginPct, back.RangeMarginPct);
        Assert.Equal(defaults.MinimumEnforcement, back.MinimumEnforcement);
    }

    [Fact]
    public void Generate_WithTemplate_OverridesLevelPiiActionsPerformanceAndSchemaMode()
    {
        var template = Parse("""
            enrichment_level: full_contract
            schema_mode: monitor
            pii_actions: { EMAIL: redact }
            performance: { gate_timeout_ms: 30000, total_validation_budget_pct: 12, pii_scan_timeout_ms: 25000, sampling_rate: 0.5 }
            """);

        var result = PolicyGenerator.Generate(new PolicyGenerationRequest
        {
            Baseline = TestBaselines.CustomerEvents(),
            Manifest = TestBaselines.Manifest("ds://raw/customer_events", "TIER_3"),
            Template = template,
            TemplateSource = "templates/policy/TIER_3.yaml",
        }, _clock);

        var b = result.Bundle;
        Assert.Equal("full_contract", b.EnrichmentLevel);
        Assert.Equal("monitor", b.Schema!.Mode);
        Assert.Equal([new PiiRule("EMAIL", "redact"), new PiiRule("IP_ADDRESS", "mask")], b.Pii!.Detection);
        Assert.Equal(30000, b.Performance!.GateTimeoutMs);
        Assert.Equal("templates/policy/TIER_3.yaml", result.Backtest.Template);
        Assert.NotNull(b.Contract);
    }

    [Fact]
    public void Generate_WithoutTemplate_NoteSaysDefaultsWereUsed()
    {
        var result = PolicyGenerator.Generate(new PolicyGenerationRequest
        {
            Baseline = TestBaselines.WebSessions(),
            Manifest = TestBaselines.Manifest("ds://analytics/web_sessions", "TIER_3"),
        }, _clock);

        Assert.Contains("no org template for TIER_3; the generator's defaults were used", result.Notes);
        Assert.Equal("defaults", result.Backtest.Template);
    }
}
