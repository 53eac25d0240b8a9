using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Refinement;
using SignalFactory.Profiling.Tests.Baselines;

namespace SignalFactory.Profiling.Tests.Refinement;

public sealed class BaselineRowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Split_NullRatesMissingForAColumn_FallsBackToItsColumnProfile()
    {
        var baseline = SampleBaselines.Small() with { NullRates = new Dictionary<string, double> { ["id"] = 0.25 } };

        var rows = BaselineRows.Split(baseline, Now);

        Assert.Equal(["null_rate:email", "null_rate:id", "pii", "schema", "timing", "volume"], rows.Select(r => r.MetricKey));
        Assert.Contains("\"null_rate\":0.25", rows.Single(r => r.MetricKey == "null_rate:id").ValueJson, StringComparison.Ordinal);
        Assert.Contains("\"null_rate\":1E-05", rows.Single(r => r.MetricKey == "null_rate:email").ValueJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_ComputedBaselineWithoutTiming_OnlyTimingRowIsSynthetic()
    {
        var baseline = SampleBaselines.Small() with { Timing = new TimingBaseline() };

        var rows = BaselineRows.Split(baseline, Now).ToDictionary(r => r.MetricKey);

        Assert.True(rows["timing"].IsSynthetic);
        Assert.Equal("synthetic", rows["timing"].SourceEngine);
        Assert.All(rows.Values.Where(r => r.MetricKey != "timing"), r => Assert.False(r.IsSynthetic));
        Assert.All(rows.Values, r => Assert.Equal(0, r.AutoRefineRunsRemaining));
    }

    [Theory]
    [InlineData("null_rate:email", "email")]
    [InlineData("null_rate:a:b", "a:b")]
    [InlineData("null_rate:", null)]
    [InlineData("volume", null)]
    public void NullRateColumn_Key_ReturnsTheColumnOrNull(string key, string? column)
    {
        Assert.Equal(column, MetricKeys.NullRateColumn(key));
    }
}
