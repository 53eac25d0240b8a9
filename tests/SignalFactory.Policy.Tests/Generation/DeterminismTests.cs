using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Signing;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Generation;

public sealed class DeterminismTests
{
    private static readonly PolicyTemplate _template = new()
    {
        RangeMarginPct = 20,
        PiiActions = new Dictionary<string, string> { ["EMAIL"] = "redact" },
        Invariants = [new TemplateInvariant("order_total_positive", "Orders have a positive total", "order_total > 0", "error")],
    };

    private static PolicyGenerationResult Generate(DateTimeOffset at) =>
        PolicyGenerator.Generate(new PolicyGenerationRequest
        {
            Baseline = TestBaselines.Orders(),
            Manifest = TestBaselines.Manifest("ds://curated/orders_enriched", "TIER_1", minRows: 500),
            Template = _template,
            TemplateSource = "templates/policy/TIER_1.yaml",
        }, new ManualTimeProvider(at));

    private static string[] WithoutTimestamps(string yaml) =>
        [.. yaml.Split('\n').Where(l => !l.TrimStart().StartsWith("generated_at:", StringComparison.Ordinal))];

    [Fact]
    public void Generate_SameInputsSameClock_ByteIdenticalBundleAndReport()
    {
        var at = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        var a = Generate(at);
        var b = Generate(at);

        Assert.Equal(PolicyBundleYaml.ToCanonicalBytes(a.Bundle), PolicyBundleYaml.ToCanonicalBytes(b.Bundle));
        Assert.Equal(BacktestReportJson.Serialize(a.Backtest), BacktestReportJson.Serialize(b.Backtest));
    }

    [Fact]
    public void Generate_SameInputsLaterClock_OnlyGeneratedAtDiffers()
    {
        var a = PolicyBundleYaml.ToCanonicalYaml(Generate(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero)).Bundle);
        var b = PolicyBundleYaml.ToCanonicalYaml(Generate(new DateTimeOffset(2026, 11, 5, 17, 30, 0, TimeSpan.Zero)).Bundle);

        Assert.NotEqual(a, b);
        Assert.Equal(WithoutTimestamps(a), WithoutTimestamps(b));
    }

    [Fact]
    public void Generate_SignedTwice_FilesDifferOnlyInTimestampsAndSignature()
    {
        using var key = PolicySigningKey.Create();
        var signer = new PolicyBundleSigner(key);
        var first = signer.Sign(Generate(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero)).Bundle, new ManualTimeProvider(new DateTimeOffset(2026, 11, 2, 10, 0, 1, TimeSpan.Zero)));
        var second = signer.Sign(Generate(new DateTimeOffset(2026, 11, 2, 11, 0, 0, TimeSpan.Zero)).Bundle, new ManualTimeProvider(new DateTimeOffset(2026, 11, 2, 11, 0, 1, TimeSpan.Zero)));

        static string[] Content(string text) =>
            [.. WithoutTimestamps(text).Where(l => !l.TrimStart().StartsWith("signed_at:", StringComparison.Ordinal) && !l.TrimStart().StartsWith("value:", StringComparison.Ordinal))];
        Assert.Equal(Content(first.Text), Content(second.Text));
    }

    [Fact]
    public void Generate_ReportJson_RoundTrips()
    {
        var report = Generate(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero)).Backtest with
        {
            Feedback = new FeedbackReport("r", "t", ["a"], ["b"], new PolicyFeedback
            {
                Reason = "r", FreeText = "t", DropRules = ["x"],
                WidenRanges = new Dictionary<string, double> { ["z"] = 5, ["a"] = 1 },
            }),
        };

        var bytes = BacktestReportJson.Serialize(report);
        var back = BacktestReportJson.Deserialize(bytes);

        Assert.Equal(bytes, BacktestReportJson.Serialize(back));
        Assert.Equal(report.Rules, back.Rules);
        Assert.Equal(["a", "z"], back.Feedback!.Effective.WidenRanges.Keys);
    }
}
