using System.Globalization;

namespace SignalFactory.Examples.Lake;

/// <summary>
/// The lake's dates and times, all derived from the options (no clock): partition dates, and when each daily
/// batch "arrived" — the day after its partition date at a per-table hour, plus seeded jitter of up to 45 minutes.
/// </summary>
internal sealed class LakeCalendar
{
    private const long MillisPerDay = 86_400_000;
    private static readonly long JitterRangeMs = (long)TimeSpan.FromMinutes(45).TotalMilliseconds;

    private readonly int _seed;

    public LakeCalendar(ExampleLakeOptions options)
    {
        _seed = options.Seed;
        var first = options.EndDate.AddDays(1 - options.Days);
        Dates = Enumerable.Range(0, options.Days).Select(first.AddDays).ToArray();
    }

    /// <summary>Partition dates, oldest first.</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>The <c>dt</c> value of partition <paramref name="day"/>.</summary>
    public string Partition(int day) => Dates[day].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Start of the partition date, 00:00 UTC, in Unix seconds.</summary>
    public long DayStartSeconds(int day) =>
        new DateTimeOffset(Dates[day].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>When the batch of partition <paramref name="day"/> landed (Unix ms): next day, <paramref name="hourUtc"/> plus jitter.</summary>
    public long ArrivalMs(int day, double hourUtc, int salt) =>
        (DayStartSeconds(day) * 1000) + MillisPerDay + (long)(hourUtc * 3_600_000)
        + DeterministicIds.Jitter(_seed, JitterRangeMs, salt, day);

    /// <summary>A deterministic value in [0, <paramref name="range"/>) for this seed.</summary>
    public long Jitter(long range, params long[] parts) => DeterministicIds.Jitter(_seed, range, parts);

    /// <summary>A Unix-ms time as an ISO-8601 UTC string with milliseconds.</summary>
    public static string IsoMillis(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Sets a file's last-write time to <paramref name="unixMs"/>, so the file system agrees with the log.</summary>
    public static void SetModificationTime(string path, long unixMs) =>
        File.SetLastWriteTimeUtc(path, DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime);
}
