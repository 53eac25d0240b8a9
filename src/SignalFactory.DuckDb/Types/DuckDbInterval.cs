using System.Runtime.InteropServices;

namespace SignalFactory.DuckDb;

/// <summary>
/// A DuckDB INTERVAL, kept as DuckDB stores it (months, days and microseconds are independent parts: a month is not
/// a fixed number of days). Also accepted as a bound parameter. Layout matches duckdb_interval.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct DuckDbInterval(int Months, int Days, long Micros)
{
    /// <summary>An interval of whole days plus the rest of <paramref name="value"/> in microseconds.</summary>
    public static DuckDbInterval FromTimeSpan(TimeSpan value) =>
        new(0, value.Days, (value.Ticks % TimeSpan.TicksPerDay) / TimeSpan.TicksPerMicrosecond);

    /// <summary>The interval as a <see cref="TimeSpan"/>; fails when it has months, whose length depends on a date.</summary>
    public TimeSpan ToTimeSpan()
    {
        if (Months != 0)
        {
            throw new InvalidOperationException("An interval with months has no fixed length; read its parts instead.");
        }

        return TimeSpan.FromDays(Days) + TimeSpan.FromMicroseconds(Micros);
    }
}

/// <summary>A DuckDB TIME WITH TIME ZONE value: the local time of day and its offset from UTC.</summary>
public readonly record struct DuckDbTimeTz(TimeOnly Time, TimeSpan Offset);
