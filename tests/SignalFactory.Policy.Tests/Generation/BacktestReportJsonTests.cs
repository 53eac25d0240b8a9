using System.Text;
using System.Text.Json;
using SignalFactory.Policy.Generation;

namespace SignalFactory.Policy.Tests.Generation;

public sealed class BacktestReportJsonTests
{
    private static BacktestReport Report(FeedbackReport? feedback) => new()
    {
        DatasetUrn = "ds://curated/orders",
        BaselineSource = "bs-1",
        GenerationAttempt = 2,
        Status = "passed",
        Template = "defaults",
        Evidence = new BacktestEvidence(3, 1200, 1.0, false, "HIGH"),
        Feedback = feedback,
    };

    [Fact]
    public void Deserialize_FeedbackWithoutReasonAndFreeText_ReadsBackWithNulls()
    {
        var effective = new PolicyFeedback { DropRules = ["order_id_range"] };
        var bytes = BacktestReportJson.Serialize(Report(new FeedbackReport(null, null, ["dropped order_id_range"], [], effective)));

        // The documented format leaves absent values out: the block has no reason and no free_text key.
        using (var doc = JsonDocument.Parse(bytes))
        {
            var block = doc.RootElement.GetProperty("feedback");
            Assert.False(block.TryGetProperty("reason", out _));
            Assert.False(block.TryGetProperty("free_text", out _));
        }

        var back = BacktestReportJson.Deserialize(bytes);

        Assert.NotNull(back.Feedback);
        Assert.Null(back.Feedback.Reason);
        Assert.Null(back.Feedback.FreeText);
        Assert.Equal(["dropped order_id_range"], back.Feedback.Applied);
        Assert.Empty(back.Feedback.NotApplied);
        Assert.Equal(["order_id_range"], back.Feedback.Effective.DropRules);
        Assert.Null(back.Feedback.Effective.Reason);
        Assert.Equal(bytes, BacktestReportJson.Serialize(back));
    }

    [Fact]
    public void Deserialize_FeedbackWithExplicitNulls_ReadsTheSame()
    {
        const string json = """
            {"dataset_urn": "ds://curated/orders", "baseline_source": "bs-1", "generation_attempt": 2, "status": "passed",
             "template": "defaults",
             "evidence": {"partitions": 1, "rows_profiled": 10, "sample_rate": 1.0, "is_synthetic": false, "confidence": "LOW"},
             "feedback": {"reason": null, "free_text": null, "applied": [], "not_applied": [], "effective": {"drop_rules": ["x"]}}}
            """;

        var back = BacktestReportJson.Deserialize(Encoding.UTF8.GetBytes(json));

        Assert.Null(back.Feedback!.Reason);
        Assert.Equal(["x"], back.Feedback.Effective.DropRules);
    }

    [Theory]
    [InlineData("applied")]
    [InlineData("not_applied")]
    [InlineData("effective")]
    public void Deserialize_FeedbackMissingARequiredKey_FormatExceptionNamingTheSource(string missing)
    {
        var keys = new Dictionary<string, string>
        {
            ["applied"] = "\"applied\": []",
            ["not_applied"] = "\"not_applied\": []",
            ["effective"] = "\"effective\": {}",
        };
        var block = string.Join(", ", keys.Where(kv => kv.Key != missing).Select(kv => kv.Value));
        var json = """
            {"dataset_urn": "ds://curated/orders", "baseline_source": "bs-1", "generation_attempt": 2, "status": "passed",
             "template": "defaults",
             "evidence": {"partitions": 1, "rows_profiled": 10, "sample_rate": 1.0, "is_synthetic": false, "confidence": "LOW"},
             "feedback": {
            """ + block + "}}";

        var ex = Assert.Throws<FormatException>(() => BacktestReportJson.Deserialize(Encoding.UTF8.GetBytes(json), "r.json"));

        Assert.StartsWith("r.json: not a backtest report", ex.Message, StringComparison.Ordinal);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }
}
