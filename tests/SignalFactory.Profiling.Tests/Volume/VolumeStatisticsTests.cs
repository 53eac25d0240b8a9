using SignalFactory.Profiling.Volume;

namespace SignalFactory.Profiling.Tests.Volume;

public sealed class VolumeStatisticsTests
{
    [Fact]
    public void From_FivePartitions_MatchesHandComputedValues()
    {
        // Mean 100; squared deviations 0+400+400+100+100 = 1000; sample variance 1000/4 = 250; σ = √250.
        // Sorted 80 90 100 110 120 → median 100; |x−100| = 0 20 20 10 10 → sorted 0 10 10 20 20 → MAD 10.
        var stats = VolumeStatistics.From([100, 120, 80, 110, 90], 2.0);

        Assert.Equal(5, stats.Count);
        Assert.Equal(500, stats.Total);
        Assert.Equal(100.0, stats.Mean);
        Assert.Equal(Math.Sqrt(250), stats.StdDev, 12);
        Assert.Equal(80, stats.Min);
        Assert.Equal(120, stats.Max);
        Assert.Equal(100.0 - (2 * Math.Sqrt(250)), stats.LowerBound, 12);  // 68.377…
        Assert.Equal(100.0 + (2 * Math.Sqrt(250)), stats.UpperBound, 12);  // 131.622…
        Assert.Equal(100.0, stats.Median);
        Assert.Equal(10.0, stats.Mad);
        Assert.Equal(100 - (2 * 1.4826 * 10), stats.RobustLowerBound, 12); // 70.348
        Assert.Equal(100 + (2 * 1.4826 * 10), stats.RobustUpperBound, 12); // 129.652
    }

    [Fact]
    public void ToBaseline_FivePartitions_RoundsAvgAndWidensBoundsToWholeRows()
    {
        var volume = VolumeStatistics.From([100, 120, 80, 110, 90], 2.0).ToBaseline();

        Assert.Equal(100, volume.AvgRowCount);
        Assert.Equal(16, volume.StddevRowCount);      // √250 = 15.81 → 16
        Assert.Equal(80, volume.MinRowCount);
        Assert.Equal(120, volume.MaxRowCount);
        Assert.Equal(68, volume.AnomalyLowerBound);   // ⌊68.377⌋
        Assert.Equal(132, volume.AnomalyUpperBound);  // ⌈131.623⌉
        Assert.Equal(100.0, volume.MedianRowCount);
        Assert.Equal(10.0, volume.MadRowCount);
        Assert.Equal(70, volume.RobustLowerBound);    // ⌊70.348⌋
        Assert.Equal(130, volume.RobustUpperBound);   // ⌈129.652⌉
        Assert.Equal(2.0, volume.SigmaMultiplier);
    }

    [Fact]
    public void ToBaseline_ExactBounds_AreNotShiftedByFloatingPointNoise()
    {
        // Mean 100, squared deviations 100+0+100 → variance 100 → σ 10; 2σ bounds exactly 80 and 120.
        var volume = VolumeStatistics.From([90, 100, 110], 2.0).ToBaseline();

        Assert.Equal(10, volume.StddevRowCount);
        Assert.Equal(80, volume.AnomalyLowerBound);
        Assert.Equal(120, volume.AnomalyUpperBound);
    }

    [Fact]
    public void From_WideSpread_ClampsLowerBoundsAtZero()
    {
        // Mean 3, σ = √((4+0+4)/2) = 2 → 3 − 2·2 = −1 → 0; median 3, MAD 2 → 3 − 2·1.4826·2 < 0 → 0.
        var stats = VolumeStatistics.From([1, 3, 5], 2.0);

        Assert.Equal(2.0, stats.StdDev, 12);
        Assert.Equal(0.0, stats.LowerBound);
        Assert.Equal(7.0, stats.UpperBound, 12);
        Assert.Equal(0.0, stats.RobustLowerBound);
        Assert.Equal(3 + (2 * 1.4826 * 2), stats.RobustUpperBound, 12);
    }

    [Fact]
    public void From_EvenCount_MedianIsMeanOfMiddleValues()
    {
        // Middle values 20 and 30 → 25; |x−25| = 15 15 5 5 → sorted 5 5 15 15 → (5+15)/2 = 10.
        var stats = VolumeStatistics.From([40, 10, 30, 20], 2.0);

        Assert.Equal(25.0, stats.Median);
        Assert.Equal(10.0, stats.Mad);
    }

    [Fact]
    public void From_SinglePartition_HasZeroSpread()
    {
        var stats = VolumeStatistics.From([500], 2.0);

        Assert.Equal(0.0, stats.StdDev);
        Assert.Equal(500.0, stats.LowerBound);
        Assert.Equal(500.0, stats.UpperBound);
        Assert.Equal(0.0, stats.Mad);
    }

    [Fact]
    public void From_OneOutlierPartition_RobustBoundsStayNearTheMedian()
    {
        // Six days of 100 rows and one backfill of 1,000: median 100 and MAD 0, while σ is large.
        var stats = VolumeStatistics.From([100, 100, 100, 100, 100, 100, 1000], 2.0);

        Assert.Equal(100.0, stats.RobustLowerBound);
        Assert.Equal(100.0, stats.RobustUpperBound);
        Assert.True(stats.UpperBound > 800);
    }

    [Fact]
    public void From_SampleStandardDeviation_UsesNMinusOne()
    {
        // Population σ of 2,4,4,4,5,5,7,9 is 2 (Σ(x−5)² = 32, 32/8 = 4); the sample σ is √(32/7).
        var stats = VolumeStatistics.From([2, 4, 4, 4, 5, 5, 7, 9], 2.0);

        Assert.Equal(Math.Sqrt(32.0 / 7), stats.StdDev, 12);
    }

    [Fact]
    public void From_NoCounts_Throws() => Assert.Throws<ArgumentException>(() => VolumeStatistics.From([], 2.0));

    [Fact]
    public void From_NegativeCount_Throws() => Assert.Throws<ArgumentException>(() => VolumeStatistics.From([5, -1, 3], 2.0));

    [Fact]
    public void From_NegativeSigma_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VolumeStatistics.From([5, 1, 3], -1));
}
