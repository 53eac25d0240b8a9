using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Timing;

namespace SignalFactory.Profiling.Tests.Timing;

public sealed class TimingStatisticsTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void From_Durations_ComputesMeanAndNearestRankPercentiles()
    {
        // Mean (1000+2000+3000+4000+100000)/5 = 22000; p50 rank ⌈2.5⌉=3 → 3000; p95 rank ⌈4.75⌉=5 → 100000.
        var timing = TimingStatistics.From([4000, 1000, 100000, 3000, 2000], [], TimingSources.DeltaCommitInfo);

        Assert.Equal(22000, timing.AvgDurationMs);
        Assert.Equal(3000, timing.P50DurationMs);
        Assert.Equal(100000, timing.P95DurationMs);
        Assert.Equal(100000, timing.P99DurationMs);
        Assert.Null(timing.TypicalArrivalOffsetMin);
        Assert.Equal(TimingSources.DeltaCommitInfo, timing.Source);
    }

    [Fact]
    public void From_NoDurations_LeavesDurationFieldsEmpty()
    {
        var timing = TimingStatistics.From([], [new(new DateOnly(2026, 2, 14), Utc(2, 15, 0, 30))], TimingSources.FileModificationTime);

        Assert.Null(timing.AvgDurationMs);
        Assert.Null(timing.P50DurationMs);
        Assert.Null(timing.P95DurationMs);
        Assert.Null(timing.P99DurationMs);
        Assert.Equal(30, timing.TypicalArrivalOffsetMin);
    }

    [Fact]
    public void TypicalArrivalOffsetMinutes_DefaultExpectation_IsMedianMinutesAfterNextMidnightUtc()
    {
        // dt=02-12 landed 02-13 00:05 → +5; dt=02-13 landed 02-13 23:52 → −8; dt=02-14 landed 02-15 00:30 → +30.
        PartitionArrival[] arrivals =
        [
            new(new DateOnly(2026, 2, 12), Utc(2, 13, 0, 5)),
            new(new DateOnly(2026, 2, 13), Utc(2, 13, 23, 52)),
            new(new DateOnly(2026, 2, 14), Utc(2, 15, 0, 30)),
        ];

        Assert.Equal(5, TimingStatistics.TypicalArrivalOffsetMinutes(arrivals));
    }

    [Fact]
    public void TypicalArrivalOffsetMinutes_OneLateBackfill_DoesNotMoveTheMedian()
    {
        PartitionArrival[] arrivals =
        [
            new(new DateOnly(2026, 2, 12), Utc(2, 13, 0, 10)),
            new(new DateOnly(2026, 2, 13), Utc(2, 14, 0, 10)),
            new(new DateOnly(2026, 2, 14), Utc(5, 1, 0, 0)), // rewritten months later
        ];

        Assert.Equal(10, TimingStatistics.TypicalArrivalOffsetMinutes(arrivals));
    }

    [Fact]
    public void TypicalArrivalOffsetMinutes_ScheduleGiven_MeasuresAgainstIt()
    {
        // Expected 06:00 ET = 11:00 UTC in February; arrivals at 10:52 and 10:50 → −8 and −10 → median −9.
        static DateTimeOffset SixAmEastern(DateOnly d) => new(d.AddDays(1).ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero);
        PartitionArrival[] arrivals =
        [
            new(new DateOnly(2026, 2, 13), Utc(2, 14, 10, 52)),
            new(new DateOnly(2026, 2, 14), Utc(2, 15, 10, 50)),
        ];

        Assert.Equal(-9, TimingStatistics.TypicalArrivalOffsetMinutes(arrivals, SixAmEastern));
    }

    [Fact]
    public void TypicalArrivalOffsetMinutes_HalfMinute_RoundsAwayFromZero()
    {
        // Offsets −7.5 min and −8.5 min → median −8; offsets 0.5 and 0.5 → 0.5 → 1.
        PartitionArrival[] early =
        [
            new(new DateOnly(2026, 2, 13), Utc(2, 13, 23, 52).AddSeconds(30)),
            new(new DateOnly(2026, 2, 14), Utc(2, 14, 23, 51).AddSeconds(30)),
        ];
        PartitionArrival[] late = [new(new DateOnly(2026, 2, 14), Utc(2, 15, 0, 0).AddSeconds(30))];

        Assert.Equal(-8, TimingStatistics.TypicalArrivalOffsetMinutes(early));
        Assert.Equal(1, TimingStatistics.TypicalArrivalOffsetMinutes(late));
    }

    [Fact]
    public void TypicalArrivalOffsetMinutes_NoArrivals_IsNull() =>
        Assert.Null(TimingStatistics.TypicalArrivalOffsetMinutes([]));

    [Theory]
    [InlineData("2026-02-14", true)]
    [InlineData("20260214", true)]
    [InlineData("2026/02/14", true)]
    [InlineData("2026-02-30", false)]
    [InlineData("EU", false)]
    [InlineData(null, false)]
    public void PartitionDates_TryParse_ReadsDailyPartitionValues(string? value, bool ok)
    {
        Assert.Equal(ok, PartitionDates.TryParse(value, out var date));
        if (ok)
        {
            Assert.Equal(new DateOnly(2026, 2, 14), date);
        }
    }
}
