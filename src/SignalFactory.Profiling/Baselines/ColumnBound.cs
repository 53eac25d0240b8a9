using System.Globalization;
using System.Numerics;

namespace SignalFactory.Profiling.Baselines;

/// <summary>
/// A column's <c>min</c> or <c>max</c>: a number (written as a JSON number) or a date/time (written as an ISO 8601
/// string). There is deliberately no factory for free text, so a string column's values, which may be PII,
/// cannot end up in a baseline.
/// </summary>
public sealed record ColumnBound
{
    private ColumnBound(string text, bool isNumber)
    {
        Text = text;
        IsNumber = isNumber;
    }

    /// <summary>The canonical text: a plain decimal number (no exponent) or an ISO 8601 date/time.</summary>
    public string Text { get; }

    /// <summary>True for a number, false for a date/time.</summary>
    public bool IsNumber { get; }

    /// <summary>An integer bound.</summary>
    public static ColumnBound Number(long value) => new(value.ToString(CultureInfo.InvariantCulture), true);

    /// <summary>A HUGEINT/UHUGEINT or other big integer bound.</summary>
    public static ColumnBound Number(BigInteger value) => new(value.ToString(CultureInfo.InvariantCulture), true);

    /// <summary>A DECIMAL bound; the scale is kept (<c>12.50</c> stays <c>12.50</c>).</summary>
    public static ColumnBound Number(decimal value) => new(value.ToString(CultureInfo.InvariantCulture), true);

    /// <summary>A FLOAT/DOUBLE bound, written in its shortest round-trip form without exponent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinity, which JSON cannot hold.</exception>
    public static ColumnBound Number(double value) => new(JsonNumbers.Plain(value), true);

    /// <summary>A DATE bound: <c>yyyy-MM-dd</c>.</summary>
    public static ColumnBound Date(DateOnly value) =>
        new(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false);

    /// <summary>A TIME bound: <c>HH:mm:ss[.fffffff]</c>.</summary>
    public static ColumnBound Time(TimeOnly value) =>
        new(value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), false);

    /// <summary>A TIMESTAMP (no time zone) bound: <c>yyyy-MM-ddTHH:mm:ss[.fffffff]</c>; the <see cref="DateTime.Kind"/> is ignored.</summary>
    public static ColumnBound Timestamp(DateTime value) =>
        new(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), false);

    /// <summary>A TIMESTAMP WITH TIME ZONE bound, converted to UTC: <c>yyyy-MM-ddTHH:mm:ss[.fffffff]Z</c>.</summary>
    public static ColumnBound Timestamp(DateTimeOffset value) =>
        new(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture), false);

    /// <summary>Rebuilds a bound read from JSON, refusing anything that is neither a number nor a date/time.</summary>
    internal static ColumnBound? FromJson(string text, bool isNumber)
    {
        if (isNumber)
        {
            // A hand-edited exponent form is brought back to the canonical plain form.
            return text.AsSpan().IndexOfAny('e', 'E') < 0
                ? new ColumnBound(text, true)
                : Number(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        const DateTimeStyles styles = DateTimeStyles.None;
        var temporal =
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out _)
            || TimeOnly.TryParseExact(text, "HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, styles, out _)
            || DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, styles, out _)
            || DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture, styles, out _);
        return temporal ? new ColumnBound(text, false) : null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
