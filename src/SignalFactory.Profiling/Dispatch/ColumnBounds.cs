using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Schema;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// Turns the scan's min/max text (DuckDB's VARCHAR rendering) into a <see cref="ColumnBound"/> for numeric and
/// temporal columns. Anything else — strings, booleans, nested types, infinities, BC dates, time with zone — gets no
/// bound rather than a guess; a string column's values can never become a bound.
/// </summary>
internal static partial class ColumnBounds
{
    public static ColumnBound? Parse(string duckDbType, string? text)
    {
        if (text is null)
        {
            return null;
        }

        string baseType;
        try
        {
            baseType = TypeNormalizer.BaseType(duckDbType);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var s = text.Trim();
        var inv = CultureInfo.InvariantCulture;
        switch (baseType)
        {
            case "BYTE" or "SHORT" or "INT" or "LONG" or "HUGEINT" or "UBYTE" or "USHORT" or "UINT" or "ULONG" or "UHUGEINT" or "BIGNUM":
                return BigInteger.TryParse(s, NumberStyles.AllowLeadingSign, inv, out var integer) ? ColumnBound.Number(integer) : null;
            case "DECIMAL":
                return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, inv, out var dec)
                    ? ColumnBound.Number(dec)
                    : null;
            case "FLOAT" or "DOUBLE":
                return double.TryParse(s, NumberStyles.Float, inv, out var dbl) && double.IsFinite(dbl) ? ColumnBound.Number(dbl) : null;
            case "DATE":
                return DateOnly.TryParseExact(s, "yyyy-MM-dd", inv, DateTimeStyles.None, out var date) ? ColumnBound.Date(date) : null;
            case "TIME" or "TIME_NS":
                return TimeOnly.TryParseExact(TrimFraction(s), ["HH:mm:ss", "HH:mm:ss.FFFFFFF"], inv, DateTimeStyles.None, out var time)
                    ? ColumnBound.Time(time)
                    : null;
            case "TIMESTAMP" or "TIMESTAMP_NS" or "TIMESTAMP_MS" or "TIMESTAMP_S":
                return DateTime.TryParseExact(TrimFraction(s), ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"], inv, DateTimeStyles.None, out var ts)
                    ? ColumnBound.Timestamp(ts)
                    : null;
            case "TIMESTAMP_TZ":
                return ParseTimestampTz(s) is { } tz ? ColumnBound.Timestamp(tz) : null;
            default:
                return null;
        }
    }

    // DuckDB prints up to 9 fractional digits (nanoseconds); .NET keeps 7. Truncation keeps the order of bounds.
    private static string TrimFraction(string s)
    {
        var m = FractionRegex().Match(s);
        return m.Success && m.Groups[1].Length > 7 ? s.Remove(m.Groups[1].Index + 7, m.Groups[1].Length - 7) : s;
    }

    // "2026-02-14 10:00:00.5+01" or "+05:30": DuckDB writes the offset as ±HH[:MM[:SS]].
    private static DateTimeOffset? ParseTimestampTz(string s)
    {
        var m = TimestampTzRegex().Match(s);
        if (!m.Success)
        {
            return null;
        }

        var local = TrimFraction(m.Groups["local"].Value.Replace('T', ' '));
        if (!DateTime.TryParseExact(local, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            return null;
        }

        var sign = m.Groups["sign"].Value == "-" ? -1 : 1;
        var hours = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minutes = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var offset = new TimeSpan(hours, minutes, 0) * sign;
        try
        {
            return new DateTimeOffset(dt, offset);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\.(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex FractionRegex();

    [GeneratedRegex(@"^(?<local>\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?)(?<sign>[+-])(?<h>\d{2})(:(?<m>\d{2}))?(:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampTzRegex();
}
