using System.Buffers.Binary;

namespace SignalFactory.DuckDb;

/// <summary>Converts DuckDB's stored representations (epoch offsets, scaled integers, hugeints) to .NET values.</summary>
internal static class NativeValues
{
    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerMilli = 1_000;
    private const long NanosPerTick = 100;
    private const int MaxDecimalScale = 28;

    private static readonly long s_epochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly int s_epochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    private static readonly UInt128 s_maxDecimalMantissa = ((UInt128)1 << 96) - 1;

    /// <summary>Days since 1970-01-01; null when outside DateOnly's range (e.g. DuckDB's infinity).</summary>
    public static DateOnly? Date(int days)
    {
        var dayNumber = (long)s_epochDay + days;
        return dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber
            ? null
            : DateOnly.FromDayNumber((int)dayNumber);
    }

    public static DateTime? TimestampFromSeconds(long seconds) =>
        seconds is > long.MaxValue / MicrosPerSecond or < long.MinValue / MicrosPerSecond
            ? null
            : TimestampFromMicros(seconds * MicrosPerSecond);

    public static DateTime? TimestampFromMillis(long millis) =>
        millis is > long.MaxValue / MicrosPerMilli or < long.MinValue / MicrosPerMilli
            ? null
            : TimestampFromMicros(millis * MicrosPerMilli);

    /// <summary>Microseconds since 1970-01-01 as a UTC DateTime; null outside DateTime's range (e.g. infinity).</summary>
    public static DateTime? TimestampFromMicros(long micros) =>
        micros is > long.MaxValue / TimeSpan.TicksPerMicrosecond or < long.MinValue / TimeSpan.TicksPerMicrosecond
            ? null
            : FromTicks(micros * TimeSpan.TicksPerMicrosecond);

    /// <summary>Nanoseconds since 1970-01-01; the last two digits are below DateTime's resolution and dropped.</summary>
    public static DateTime? TimestampFromNanos(long nanos)
    {
        var (ticks, rest) = Math.DivRem(nanos, NanosPerTick);
        return FromTicks(rest < 0 ? ticks - 1 : ticks);
    }

    public static TimeOnly Time(long micros) => new(micros * TimeSpan.TicksPerMicrosecond % TimeSpan.TicksPerDay);

    public static TimeOnly TimeFromNanos(long nanos) => new(nanos / NanosPerTick % TimeSpan.TicksPerDay);

    /// <summary>
    /// TIME WITH TIME ZONE packs the time in microseconds in the upper 40 bits and an encoded offset in the lower 24:
    /// the stored number is (max offset − offset in seconds), max offset being 15:59:59.
    /// </summary>
    public static DuckDbTimeTz TimeTz(ulong bits)
    {
        const int OffsetBits = 24;
        const int MaxOffsetSeconds = (16 * 60 * 60) - 1;
        var micros = (long)(bits >> OffsetBits);
        var offsetSeconds = MaxOffsetSeconds - (int)(bits & ((1UL << OffsetBits) - 1));
        return new DuckDbTimeTz(Time(micros), TimeSpan.FromSeconds(offsetSeconds));
    }

    public static Int128 HugeInt(ulong lower, long upper) => ((Int128)upper << 64) | lower;

    public static UInt128 UHugeInt(ulong lower, ulong upper) => ((UInt128)upper << 64) | lower;

    /// <summary>DuckDB stores a UUID as a hugeint with the top bit flipped (so signed order matches text order).</summary>
    public static Guid Uuid(ulong lower, long upper)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)upper ^ (1UL << 63));
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], lower);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// An unscaled DECIMAL value as System.Decimal. Exact whenever it fits (up to 28 decimals and 96 bits of digits);
    /// otherwise the lowest decimals are rounded away; null when even the integer part does not fit.
    /// </summary>
    public static decimal? Decimal(Int128 unscaled, int scale)
    {
        var negative = unscaled < 0;
        var magnitude = negative ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;
        while (scale > MaxDecimalScale || magnitude > s_maxDecimalMantissa)
        {
            if (scale == 0)
            {
                return null;
            }

            var (quotient, remainder) = UInt128.DivRem(magnitude, 10);
            magnitude = remainder >= 5 ? quotient + 1 : quotient;
            scale--;
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }

    private static DateTime? FromTicks(long ticksSinceEpoch) =>
        ticksSinceEpoch > DateTime.MaxValue.Ticks - s_epochTicks || ticksSinceEpoch < -s_epochTicks
            ? null
            : new DateTime(s_epochTicks + ticksSinceEpoch, DateTimeKind.Utc);
}
