using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SignalFactory.Core.Yaml;

/// <summary>
/// Writes block-style YAML deterministically: two-space indent, LF line ends, keys in the order the caller
/// writes them, null values omitted, free text always double-quoted, enumerated words plain when that cannot
/// be misread. Identical content gives identical text.
/// </summary>
internal sealed partial class CanonicalYamlWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Free text: always double-quoted, with escapes for anything YAML could misread.</summary>
    public void Text(string key, string? value)
    {
        if (value is not null)
        {
            Line(key, Quote(value));
        }
    }

    /// <summary>An enumerated word (e.g. <c>TIER_1</c>, <c>delta</c>): plain when unambiguous, quoted otherwise.</summary>
    public void Symbol(string key, string? value)
    {
        if (value is not null)
        {
            Line(key, IsSafePlain(value) ? value : Quote(value));
        }
    }

    public void Integer(string key, long? value)
    {
        if (value is { } number)
        {
            Line(key, number.ToString(CultureInfo.InvariantCulture));
        }
    }

    public void Number(string key, double? value)
    {
        if (value is not { } number)
        {
            return;
        }

        var text = number switch
        {
            double.NaN => ".nan",
            double.PositiveInfinity => ".inf",
            double.NegativeInfinity => "-.inf",
            0 => "0", // also -0, which would otherwise change the bytes but not the value
            _ => WithDotBeforeExponent(number.ToString("R", CultureInfo.InvariantCulture)),
        };
        Line(key, text);
    }

    public void Boolean(string key, bool? value)
    {
        if (value is { } flag)
        {
            Line(key, flag ? "true" : "false");
        }
    }

    /// <summary>A nested mapping; written as <c>key: {}</c> when present but empty, skipped when null.</summary>
    public void Section<T>(string key, T? section, Action<CanonicalYamlWriter, T> body)
        where T : class
    {
        if (section is null)
        {
            return;
        }

        var start = _text.Length;
        Line(key, null);
        var bodyStart = _text.Length;
        _depth++;
        body(this, section);
        _depth--;
        if (_text.Length == bodyStart)
        {
            _text.Length = start;
            Line(key, "{}");
        }
    }

    /// <summary>The document; an empty root mapping is written as <c>{}</c>.</summary>
    public override string ToString() => _text.Length == 0 ? "{}\n" : _text.ToString();

    internal static string Quote(string value) => YamlScalars.Quote(value);

    // YAML 1.1 readers (PyYAML) only see "1E-07" as a float when it has a dot: write "1.0E-07".
    private static string WithDotBeforeExponent(string text)
    {
        var e = text.IndexOf('E', StringComparison.Ordinal);
        return e < 0 || text.Contains('.', StringComparison.Ordinal) ? text : text[..e] + ".0" + text[e..];
    }

    private static bool IsSafePlain(string value) =>
        PlainWordRegex().IsMatch(value) && !ReservedWordRegex().IsMatch(value);

    private void Line(string key, string? value)
    {
        _text.Append(' ', _depth * 2).Append(key).Append(':');
        if (value is not null)
        {
            _text.Append(' ').Append(value);
        }

        _text.Append('\n');
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainWordRegex();

    // Words that YAML 1.1 or 1.2 readers would turn into booleans or null.
    [GeneratedRegex(@"^(y|n|yes|no|on|off|true|false|null)\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ReservedWordRegex();
}
