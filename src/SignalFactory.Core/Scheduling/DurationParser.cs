using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace SignalFactory.Core.Scheduling;

/// <summary>
/// Compact durations as written in manifests: one or more <c>&lt;integer&gt;&lt;unit&gt;</c> parts with units
/// <c>d</c>, <c>h</c>, <c>m</c>, <c>s</c> from largest to smallest, each at most once: <c>30m</c>, <c>2h</c>,
/// <c>1h30m</c>, <c>45s</c>, <c>1d</c>, <c>1d12h</c>.
/// </summary>
public static class DurationParser
{
    private const string Expected = "expected a duration like 30m, 2h, 1h30m, 45s or 1d";
    private const string Units = "dhms";
    private static readonly long[] _secondsPerUnit = [86_400, 3_600, 60, 1];

    /// <summary>Parses a duration; false with a reason when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        duration = TimeSpan.Zero;
        var s = text?.Trim() ?? string.Empty;
        if (s.Length == 0)
        {
            error = $"the duration is empty; {Expected}";
            return false;
        }

        long totalSeconds = 0;
        var lastUnit = -1;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start)
            {
                error = $"'{s}' is not a duration: expected a number at position {start + 1}; {Expected}";
                return false;
            }

            if (i == s.Length)
            {
                error = $"'{s}' is not a duration: the number {s[start..]} has no unit (d, h, m or s); {Expected}";
                return false;
            }

            var unit = Units.IndexOf(s[i], StringComparison.Ordinal);
            if (unit < 0)
            {
                error = $"'{s}' is not a duration: unknown unit '{s[i]}' (use d, h, m or s); {Expected}";
                return false;
            }

            if (unit <= lastUnit)
            {
                error = $"'{s}' is not a duration: units must appear once each, largest first (d, h, m, s); {Expected}";
                return false;
            }

            // 9 digits per part keeps the arithmetic far from overflow.
            if (i - start > 9 || !long.TryParse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                error = $"'{s}' is not a duration: the number {s[start..i]} is too large";
                return false;
            }

            totalSeconds += amount * _secondsPerUnit[unit];
            lastUnit = unit;
            i++;
        }

        if (totalSeconds > (long)TimeSpan.MaxValue.TotalSeconds)
        {
            error = $"'{s}' is too long a duration";
            return false;
        }

        duration = TimeSpan.FromSeconds(totalSeconds);
        error = null;
        return true;
    }

    /// <summary>Parses a duration, or null when the text is not one.</summary>
    public static TimeSpan? ParseOrNull(string? text) => TryParse(text, out var duration, out _) ? duration : null;

    /// <summary>Parses a duration.</summary>
    /// <exception cref="FormatException">The text is not a duration.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>Writes a whole-second, non-negative duration in the compact form (<c>1h30m</c>; zero is <c>0s</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or not a whole number of seconds.</exception>
    public static string Format(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "only whole seconds can be written");
        }

        var remaining = duration.Ticks / TimeSpan.TicksPerSecond;
        if (remaining == 0)
        {
            return "0s";
        }

        var text = new StringBuilder();
        for (var unit = 0; unit < Units.Length; unit++)
        {
            var amount = remaining / _secondsPerUnit[unit];
            remaining %= _secondsPerUnit[unit];
            if (amount > 0)
            {
                text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(Units[unit]);
            }
        }

        return text.ToString();
    }
}
