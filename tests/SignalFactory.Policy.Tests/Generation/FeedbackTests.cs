using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Generation;

public sealed class FeedbackTests
{
    private static readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero));

    private static PolicyGenerationResult Regenerate(PolicyFeedback feedback, int attempt = 2) =>
        PolicyGenerator.Generate(new PolicyGenerationRequest
        {
            Baseline = TestBaselines.Orders(),
            Manifest = TestBaselines.Manifest("ds://curated/orders_enriched", "TIER_1"),
            Attempt = attempt,
            Feedback = feedback,
        }, _clock);

    [Fact]
    public void Generate_DropRules_RuleGoneAndReportedAsDroppedOnFeedback()
    {
        var result = Regenerate(new PolicyFeedback { Reason = "quantity varies with promotions", DropRules = ["quantity_range"] });

        Assert.DoesNotContain(result.Bundle.Contract!.Invariants, i => i.Id == "quantity_range");
        var verdict = Assert.Single(result.Backtest.Rules, r => r.Rule == "quantity_range");
        Assert.Equal(("dropped", "dropped on reviewer feedback", "quantity BETWEEN 0 AND 11"), (verdict.Verdict, verdict.Reason, verdict.Original));
        Assert.Equal(["drop_rules: quantity_range dropped"], result.Backtest.Feedback!.Applied);
    }

    [Fact]
    public void Generate_OptionalColumns_NotRequiredNoNotNullAndNullableInSchema()
    {
        var result = Regenerate(new PolicyFeedback { OptionalColumns = ["order_id"] });
        var b = result.Bundle;

        Assert.DoesNotContain("order_id", b.ContractLite!.RequiredFields);
        Assert.DoesNotContain("order_id", b.Contract!.RequiredFields);
        Assert.DoesNotContain(b.Contract.Invariants, i => i.Id == "order_id_not_null");
        Assert.Contains(b.Contract.Invariants, i => i.Id == "order_id_range"); // only NOT NULL goes
        Assert.Equal(new FieldConstraint("order_id", "LONG", true), b.Schema!.Constraints[0]);
        Assert.Equal("dropped", Assert.Single(result.Backtest.Rules, r => r.Rule == "order_id_not_null").Verdict);
        Assert.Equal("loosened", Assert.Single(result.Backtest.Rules, r => r.Rule == "nullable:order_id").Verdict);
    }

    [Fact]
    public void Generate_WidenRanges_EachBoundMovesOutByThePercentOfTheWidth()
    {
        // order_total: profiled 5.00..480.00, 10% margin → [0 (never negative), 527.50]; width 527.50;
        // widened 50% → each bound moves 263.75 → [0 (never negative), 791.25].
        var result = Regenerate(new PolicyFeedback { WidenRanges = new Dictionary<string, double> { ["order_total"] = 50 } });

        var range = Assert.Single(result.Bundle.Contract!.Invariants, i => i.Id == "order_total_range");
        Assert.Equal("order_total BETWEEN 0.00 AND 791.25", range.Expression);
        Assert.Contains("widened by 50% on reviewer feedback", range.Description, StringComparison.Ordinal);
        var verdict = Assert.Single(result.Backtest.Rules, r => r.Rule == "order_total_range");
        Assert.Equal(("passed", "order_total BETWEEN 0.00 AND 527.50"), (verdict.Verdict, verdict.Original));
    }

    [Fact]
    public void Generate_WidenRangesOnAColumnWithoutLowerClamp_BothBoundsMove()
    {
        // quantity: profiled 1..10, 10% margin → [0.1, 10.9] before rounding; width 10.8; widened 100% →
        // [-10.7 → 0 (never negative), 21.7 → 22].
        var result = Regenerate(new PolicyFeedback { WidenRanges = new Dictionary<string, double> { ["quantity"] = 100 } });

        Assert.Equal("quantity BETWEEN 0 AND 22", Assert.Single(result.Bundle.Contract!.Invariants, i => i.Id == "quantity_range").Expression);
    }

    [Fact]
    public void Generate_Attempt_RecordedInBundleAndReport()
    {
        var result = Regenerate(new PolicyFeedback { Reason = "too strict" }, attempt: 3);

        Assert.Equal(3, result.Bundle.Bootstrap!.GenerationAttempt);
        Assert.Equal(3, result.Backtest.GenerationAttempt);
        Assert.Equal("too strict", result.Backtest.Feedback!.Reason);
    }

    [Fact]
    public void Generate_FeedbackNamingNothing_ReportedAsNotApplied()
    {
        var result = Regenerate(new PolicyFeedback
        {
            DropRules = ["no_such_rule"],
            OptionalColumns = ["no_such_column"],
            WidenRanges = new Dictionary<string, double> { ["status"] = 20 },
            FreeText = "please look again",
        });

        Assert.Equal(
        [
            "optional_columns: no_such_column is not a column of the profiled schema",
            "drop_rules: no rule with id no_such_rule",
            "widen_ranges: status has no generated range rule",
        ], result.Backtest.Feedback!.NotApplied);
        Assert.Equal("please look again", result.Backtest.Feedback.FreeText);
        Assert.Equal(3, result.Notes.Count(n => n.StartsWith("feedback not applied: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Generate_AttemptBelowOne_Refused() =>
        Assert.Throws<PolicyGenerationException>(() => Regenerate(new PolicyFeedback(), attempt: 0));

    [Fact]
    public void Combine_TwoRejections_ListsUnitedWideningsAddedLaterReasonWins()
    {
        var first = new PolicyFeedback
        {
            Reason = "first", DropRules = ["a"], OptionalColumns = ["x"],
            WidenRanges = new Dictionary<string, double> { ["t"] = 10 },
        };
        var second = new PolicyFeedback
        {
            Reason = "second", DropRules = ["a", "b"],
            WidenRanges = new Dictionary<string, double> { ["t"] = 15, ["u"] = 5 },
        };

        var combined = PolicyFeedback.Combine(first, second)!;

        Assert.Equal("second", combined.Reason);
        Assert.Equal(["a", "b"], combined.DropRules);
        Assert.Equal(["x"], combined.OptionalColumns);
        Assert.Equal(25, combined.WidenRanges["t"]);
        Assert.Equal(5, combined.WidenRanges["u"]);
        Assert.Same(second, PolicyFeedback.Combine(null, second));
    }
}
