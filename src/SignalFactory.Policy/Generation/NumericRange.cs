using System.Globalization;
using System.Text.RegularExpressions;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// A range invariant built from a numeric column's profiled min and max:
/// <list type="number">
/// <item>width w = max − min (when 0: |max|, or 1 when max is 0); pad = w × margin%;</item>
/// <item>low = min − pad, high = max + pad; a column that was never negative keeps low ≥ 0;</item>
/// <item>feedback widening by p%: low and high each move outward by p% of (high − low), again keeping low ≥ 0 for a never-negative column;</item>
/// <item>low rounded down and high rounded up to the column's scale (0 for integers, s of DECIMAL(p,s), the digits of the profiled bounds for FLOAT/DOUBLE, at most 6).</item>
/// </list>
/// Integer columns that look like identifiers or sequences (named <c>id</c> or <c>…_id</c>, or with a distinct
/// count of at least 95% of their rows on 1,000 rows or more) get only the lower bound: their values grow with every
/// load, so an upper bound from history would break on new data. The rounding and the margin only ever widen, so
/// the range always holds the profiled min and max.
/// </summary>
internal sealed partial record NumericRange(string Column, decimal Min, decimal Max, int Scale, bool LowerOnly)
{
    private const int MaxScale = 6;

    public bool NonNegative => Min >= 0;

    public static NumericRange? From(ColumnFacts column, long rowsProfiled)
    {
        if (!column.IsNumeric || column.Min is not { IsNumber: true } minBound || column.Max is not { IsNumber: true } maxBound)
        {
            return null;
        }

        if (!TryParse(minBound.Text, out var min) || !TryParse(maxBound.Text, out var max) || min > max)
        {
            return null;
        }

        var baseType = column.BaseType;
        var integer = baseType is "BYTE" or "SHORT" or "INT" or "LONG" or "HUGEINT" or "UBYTE" or "USHORT" or "UINT" or "ULONG"
            or "UHUGEINT" or "BIGNUM";
        int scale;
        if (integer)
        {
            scale = 0;
        }
        else if (baseType == "DECIMAL" && DecimalScaleRegex().Match(column.Type) is { Success: true } match)
        {
            scale = Math.Min(MaxScale, int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
        }
        else
        {
            scale = Math.Min(MaxScale, Math.Max(ScaleOf(minBound.Text), ScaleOf(maxBound.Text)));
        }

        var nonNull = rowsProfiled - (column.NullCount ?? 0);
        var idName = string.Equals(column.Name, "id", StringComparison.OrdinalIgnoreCase)
            || column.Name.EndsWith("_id", StringComparison.OrdinalIgnoreCase);
        var nearlyUnique = nonNull >= 1000 && column.ApproxDistinct is { } distinct && distinct >= 0.95 * nonNull;
        return new NumericRange(column.Name, min, max, scale, integer && (idName || nearlyUnique));
    }

    /// <summary>The bounds after margin and widening; <c>High</c> is null for a lower-bound-only range.</summary>
    /// <exception cref="OverflowException">The numbers are beyond <see cref="decimal"/> (the caller skips the column).</exception>
    public (decimal Low, decimal? High) Bounds(double marginPct, double widenPct)
    {
        var width = Max - Min;
        if (width == 0)
        {
            width = Max == 0 ? 1 : Math.Abs(Max);
        }

        var pad = width * (decimal)marginPct / 100m;
        var low = Min - pad;
        var high = Max + pad;
        if (NonNegative && low < 0)
        {
            low = 0;
        }

        if (widenPct > 0)
        {
            var span = (LowerOnly ? Max : high) - low;
            var step = (span == 0 ? 1 : span) * (decimal)widenPct / 100m;
            low -= step;
            high += step;
            if (NonNegative && low < 0)
            {
                low = 0;
            }
        }

        var factor = Pow10(Scale);
        low = Math.Floor(low * factor) / factor;
        high = Math.Ceiling(high * factor) / factor;
        return (Fixed(low), LowerOnly ? null : Fixed(high));
    }

    public Predicate ToPredicate(double marginPct, double widenPct)
    {
        var (low, high) = Bounds(marginPct, widenPct);
        var column = ColumnRef.Exact(Column);
        return high is { } h
            ? new BetweenPredicate(column, SqlLiteral.Number(low), SqlLiteral.Number(h))
            : new ComparePredicate(column, ">=", SqlLiteral.Number(low));
    }

    // Written with exactly Scale decimals so the literal reads like the column's values (527.50, not 527.5).
    private decimal Fixed(decimal value) =>
        decimal.Parse(value.ToString("F" + Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    private static int ScaleOf(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.Length - dot - 1;
    }

    [GeneratedRegex(@"^DECIMAL\(\s*\d+\s*,\s*(\d+)\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalScaleRegex();
}
