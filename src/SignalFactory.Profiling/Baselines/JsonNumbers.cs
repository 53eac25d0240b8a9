using System.Globalization;
using System.Text;

namespace SignalFactory.Profiling.Baselines;

/// <summary>Stable number text for baseline.json: invariant culture, never an exponent, never <c>-0</c>.</summary>
internal static class JsonNumbers
{
    /// <summary>Decimals kept for rates, confidences and other derived ratios.</summary>
    public const int RateDecimals = 6;

    /// <summary>Rounds half away from zero to <paramref name="decimals"/> places, then formats with <see cref="Plain"/>.</summary>
    public static string Rounded(double value, int decimals = RateDecimals) =>
        Plain(Math.Round(value, decimals, MidpointRounding.AwayFromZero));

    /// <summary>
    /// The shortest text that round-trips to <paramref name="value"/>, with any exponent expanded
    /// (<c>1E-05</c> → <c>0.00001</c>, <c>1.5E+20</c> → <c>150000000000000000000</c>).
    /// </summary>
    public static string Plain(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "JSON cannot hold NaN or infinity.");
        }

        if (value == 0)
        {
            return "0";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        return e < 0 ? text : ExpandExponent(text[..e], int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture));
    }

    private static string ExpandExponent(string mantissa, int exponent)
    {
        var negative = mantissa.StartsWith('-');
        var unsigned = negative ? mantissa[1..] : mantissa;
        var dot = unsigned.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? unsigned : unsigned.Remove(dot, 1);
        var point = (dot < 0 ? unsigned.Length : dot) + exponent;

        var result = new StringBuilder();
        if (negative)
        {
            result.Append('-');
        }

        if (point <= 0)
        {
            result.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            result.Append(digits).Append('0', point - digits.Length);
        }
        else
        {
            result.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }

        return result.ToString();
    }
}
