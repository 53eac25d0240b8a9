using SignalFactory.Profiling.Histograms;

namespace SignalFactory.Profiling.Tests.Histograms;

public sealed class HistogramBinsTests
{
    [Fact]
    public void EqualWidthEdges_ZeroToTen_FiveBins() =>
        Assert.Equal([0, 2, 4, 6, 8, 10], HistogramBins.EqualWidthEdges(0, 10, 5));

    [Fact]
    public void FromValues_ZeroToTen_MaximumFallsInLastBin()
    {
        // 0,1 | 2,3 | 4,5 | 6,7 | 8,9,10
        var histogram = HistogramBins.FromValues(Enumerable.Range(0, 11).Select(i => (double)i), 5)!;

        Assert.Equal([0, 2, 4, 6, 8, 10], histogram.Edges);
        Assert.Equal([2, 2, 2, 2, 3], histogram.Counts);
    }

    [Fact]
    public void FromValues_ConstantColumn_OneBin()
    {
        var histogram = HistogramBins.FromValues([7, 7, 7])!;

        Assert.Equal([7, 7], histogram.Edges);
        Assert.Equal([3], histogram.Counts);
    }

    [Fact]
    public void FromValues_OnlyNaN_IsNull() => Assert.Null(HistogramBins.FromValues([double.NaN]));

    [Theory]
    [InlineData(-0.1, -1)]
    [InlineData(10.1, -1)]
    [InlineData(1.999, 0)]
    [InlineData(2, 1)]
    [InlineData(10, 4)]
    public void BinIndex_Boundaries(double value, int expected) =>
        Assert.Equal(expected, HistogramBins.BinIndex(0, 10, 5, value));
}
