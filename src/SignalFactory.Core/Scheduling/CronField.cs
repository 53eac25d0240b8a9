using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SignalFactory.Core.Scheduling;

/// <summary>
/// One field of a 5-field cron expression, parsed into a bit set of allowed values. Accepts <c>*</c>, numbers,
/// names (months JAN-DEC, days SUN-SAT), ranges <c>a-b</c>, steps <c>*/n</c>, <c>a-b/n</c>, <c>a/n</c>, and
/// comma lists of these.
/// </summary>
internal sealed class CronField
{
    private static readonly string[] _monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] _dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static readonly CronField Minute = new("minute", 0, 59, null, 0);
    public static readonly CronField Hour = new("hour", 0, 23, null, 0);
    public static readonly CronField DayOfMonth = new("day-of-month", 1, 31, null, 1);
    public static readonly CronField Month = new("month", 1, 12, _monthNames, 1);

    // 7 is accepted as a second spelling of Sunday, as in Vixie cron and croniter.
    public static readonly CronField DayOfWeek = new("day-of-week", 0, 7, _dayNames, 0);

    private readonly string[]? _names;
    private readonly int _firstNameValue;

    private CronField(string name, int min, int max, string[]? names, int firstNameValue)
    {
        Name = name;
        Min = min;
        Max = max;
        _names = names;
        _firstNameValue = firstNameValue;
    }

    public string Name { get; }

    public int Min { get; }

    public int Max { get; }

    /// <summary>Parses the field text into a bit set (bit n = value n allowed); false with a reason otherwise.</summary>
    public bool TryParse(string text, out ulong bits, [NotNullWhen(false)] out string? error)
    {
        bits = 0;
        foreach (var item in text.Split(','))
        {
            if (!TryParseItem(item, ref bits, out var problem))
            {
                error = $"{Name} field '{text}': {problem}";
                return false;
            }
        }

        if (this == DayOfWeek && (bits & (1UL << 7)) != 0)
        {
            bits = (bits & ~(1UL << 7)) | 1UL;
        }

        error = null;
        return true;
    }

    private bool TryParseItem(string item, ref ulong bits, out string? problem)
    {
        if (item.Length == 0)
        {
            problem = "empty list item (stray comma?)";
            return false;
        }

        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var rangeText = slash < 0 ? item : item[..slash];
        var step = 1;
        if (slash >= 0)
        {
            var stepText = item[(slash + 1)..];
            if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > Max)
            {
                problem = $"step '{stepText}' must be a whole number from 1 to {Max}";
                return false;
            }
        }

        int low;
        int high;
        if (rangeText == "*")
        {
            (low, high) = (Min, Max);
        }
        else
        {
            var dash = rangeText.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (!TryParseValue(rangeText, out low, out problem))
                {
                    return false;
                }

                // "a/n" means "from a to the end, every n" (croniter); a plain "a" is just a.
                high = slash >= 0 ? Max : low;
            }
            else
            {
                if (!TryParseValue(rangeText[..dash], out low, out problem)
                    || !TryParseValue(rangeText[(dash + 1)..], out high, out problem))
                {
                    return false;
                }

                if (low > high)
                {
                    problem = $"range '{rangeText}' runs backwards; write the smaller value first";
                    return false;
                }
            }
        }

        for (var value = low; value <= high; value += step)
        {
            bits |= 1UL << value;
        }

        problem = null;
        return true;
    }

    private bool TryParseValue(string text, out int value, out string? problem)
    {
        problem = null;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= Min && value <= Max)
            {
                return true;
            }

            problem = $"value {text} is out of range {Min}-{Max}";
            return false;
        }

        if (_names is not null)
        {
            var index = Array.FindIndex(_names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = _firstNameValue + index;
                return true;
            }
        }

        value = 0;
        problem = text switch
        {
            "" => "missing value (a '-' with nothing on one side?)",
            "?" or "L" or "W" or "#" => $"'{text}' is not supported; use numbers, names, '*', ',', '-' and '/'",
            _ when text.Contains('#', StringComparison.Ordinal) || text.EndsWith('L') || text.EndsWith('W') =>
                $"'{text}' is not supported; use numbers, names, '*', ',', '-' and '/'",
            _ when _names is not null =>
                $"'{text}' is not a number {Min}-{Max} or a name ({_names[0]}-{_names[^1]})",
            _ => $"'{text}' is not a number {Min}-{Max}",
        };
        return false;
    }
}
