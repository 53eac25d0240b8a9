using System.Globalization;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Volume;

namespace SignalFactory.Profiling.Timing;

/// <summary>When one partition's data landed.</summary>
/// <param name="PartitionDate">The date the partition holds (e.g. <c>dt=2026-02-14</c>).</param>
/// <param name="ArrivedAt">
/// When it landed: for Delta, the timestamp of the last commit that added files to the partition; for Parquet,
/// the newest modification time among its files.
/// </param>
public readonly record struct PartitionArrival(DateOnly PartitionDate, DateTimeOffset ArrivedAt);

/// <summary>
/// The <c>timing</c> section (HLD §5.2 S5 job duration, S6 partition lag).
/// <para>
/// Durations (Delta <c>commitInfo.operationMetrics.executionTimeMs</c>): <c>avg_duration_ms</c> is the mean
/// rounded to the millisecond; p50/p95/p99 use <see cref="Percentiles.NearestRank"/>.
/// </para>
/// <para>
/// Arrival: S6 measures "typical time of arrival vs schedule". Each partition's offset is
/// <c>ArrivedAt − expected(PartitionDate)</c> in minutes; <c>typical_arrival_offset_min</c> is the median offset,
/// rounded half away from zero to a whole minute, so one backfill months later does not move it. Negative means
/// early, as in the HLD example (−8). The expected time defaults to the end of the partition's day,
/// <c>PartitionDate + 1 day at 00:00 UTC</c> — the earliest moment a daily partition can be complete. When the
/// manifest states a schedule (<c>slo.freshness.expected_update_by</c>, e.g. 06:00 ET), the caller passes that
/// instead, converted per date so daylight saving is right.
/// </para>
/// </summary>
public static class TimingStatistics
{
    /// <summary>Builds the section; fields without data are left empty (null).</summary>
    /// <param name="durationsMs">Job durations in milliseconds, one per run; may be empty.</param>
    /// <param name="arrivals">One arrival per partition; may be empty.</param>
    /// <param name="source">See <see cref="TimingSources"/>.</param>
    /// <param name="expectedArrival">Expected arrival of a partition; default: the next day at 00:00 UTC.</param>
    public static TimingBaseline From(
        IReadOnlyList<long> durationsMs,
        IReadOnlyList<PartitionArrival> arrivals,
        string source,
        Func<DateOnly, DateTimeOffset>? expectedArrival = null)
    {
        ArgumentNullException.ThrowIfNull(durationsMs);
        ArgumentNullException.ThrowIfNull(arrivals);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (durationsMs.Any(d => d < 0))
        {
            throw new ArgumentException("A job duration is negative.", nameof(durationsMs));
        }

        var hasDurations = durationsMs.Count > 0;
        return new TimingBaseline
        {
            AvgDurationMs = hasDurations
                ? (long)Math.Round(durationsMs.Average(d => (double)d), MidpointRounding.AwayFromZero)
                : null,
            P50DurationMs = hasDurations ? Percentiles.NearestRank(durationsMs, 50) : null,
            P95DurationMs = hasDurations ? Percentiles.NearestRank(durationsMs, 95) : null,
            P99DurationMs = hasDurations ? Percentiles.NearestRank(durationsMs, 99) : null,
            TypicalArrivalOffsetMin = TypicalArrivalOffsetMinutes(arrivals, expectedArrival),
            Source = source,
        };
    }

    /// <summary>The median arrival offset in whole minutes, or null without arrivals. See the class remarks.</summary>
    public static long? TypicalArrivalOffsetMinutes(
        IReadOnlyList<PartitionArrival> arrivals,
        Func<DateOnly, DateTimeOffset>? expectedArrival = null)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        if (arrivals.Count == 0)
        {
            return null;
        }

        expectedArrival ??= EndOfDayUtc;
        var offsets = arrivals.Select(a => (a.ArrivedAt - expectedArrival(a.PartitionDate)).TotalMinutes);
        return (long)Math.Round(Medians.Of(offsets), MidpointRounding.AwayFromZero);
    }

    /// <summary>The default expected arrival: the day after <paramref name="partitionDate"/> at 00:00 UTC.</summary>
    public static DateTimeOffset EndOfDayUtc(DateOnly partitionDate) =>
        new(partitionDate.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// <summary>Reads the date of a daily partition value.</summary>
public static class PartitionDates
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd"];

    /// <summary>True when <paramref name="partitionValue"/> is a date such as <c>2026-02-14</c> or <c>20260214</c>.</summary>
    public static bool TryParse(string? partitionValue, out DateOnly date) =>
        DateOnly.TryParseExact(partitionValue, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
