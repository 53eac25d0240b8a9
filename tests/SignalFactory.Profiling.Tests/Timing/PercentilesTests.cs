using SignalFactory.Profiling.Timing;

namespace SignalFactory.Profiling.Tests.Timing;

public sealed class PercentilesTests
{
    [Theory]
    // 15 20 35 40 50: rank ⌈p/100·5⌉.
    [InlineData(0, 15)]
    [InlineData(5, 15)]   // ⌈0.25⌉ = 1
    [InlineData(30, 20)]  // ⌈1.5⌉ = 2
    [InlineData(40, 20)]  // ⌈2.0⌉ = 2
    [InlineData(50, 35)]  // ⌈2.5⌉ = 3
    [InlineData(95, 50)]  // ⌈4.75⌉ = 5
    [InlineData(100, 50)]
    public void NearestRank_FiveValues_PicksValueAtCeilingRank(double p, long expected) =>
        Assert.Equal(expected, Percentiles.NearestRank([40, 15, 50, 35, 20], p));

    [Fact]
    public void NearestRank_OneToTwenty_GivesObservedValues()
    {
        var values = Enumerable.Range(1, 20).Select(i => (long)i).Reverse().ToList();

        Assert.Equal(10, Percentiles.NearestRank(values, 50)); // ⌈10⌉
        Assert.Equal(19, Percentiles.NearestRank(values, 95)); // ⌈19⌉, even though 0.95·20 is not exact in binary
        Assert.Equal(20, Percentiles.NearestRank(values, 99)); // ⌈19.8⌉
    }

    [Fact]
    public void NearestRank_SingleValue_IsThatValue() => Assert.Equal(7, Percentiles.NearestRank([7], 99));

    [Fact]
    public void NearestRank_Empty_Throws() => Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([], 50));

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void NearestRank_OutOfRange_Throws(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank([1, 2], p));
}
