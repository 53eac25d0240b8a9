using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

using SignalFactory.Core.Yaml;

namespace SignalFactory.Policy.Bundles;

/// <summary>
/// Writes block-style YAML deterministically: two-space indent, LF line ends, keys in the order the caller writes
/// them, null scalars omitted, free text always double-quoted, enumerated words plain when that cannot be misread,
/// lists always in block form (<c>[]</c> when empty), empty mappings as <c>{}</c>. Same content, same text.
/// </summary>
internal sealed partial class CanonicalBundleWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;
    private bool _dashPending;

    public void Comment(string text) => Indent().Append("# ").Append(text).Append('\n');

    public void BlankLine() => _text.Append('\n');

    /// <summary>Free text: always double-quoted.</summary>
    public void Text(string key, string? value)
    {
        if (value is not null)
        {
            Line(key, Quote(value));
        }
    }

    /// <summary>An enumerated word (<c>strict</c>, <c>HIGH</c>, <c>ecdsa-p256-sha256</c>): plain when it is a letter or <c>_</c> followed by letters, digits, <c>_</c> or <c>-</c> and not a YAML 1.1 boolean/null word; quoted otherwise.</summary>
    public void Symbol(string key, string? value)
    {
        if (value is not null)
        {
            Line(key, SymbolText(value));
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
        if (value is { } number)
        {
            Line(key, NumberText(number));
        }
    }

    public void Boolean(string key, bool? value)
    {
        if (value is { } flag)
        {
            Line(key, flag ? "true" : "false");
        }
    }

    /// <summary>A UTC timestamp, double-quoted so that YAML 1.1 readers keep it a string.</summary>
    public void Timestamp(string key, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            Line(key, Quote(TimestampText(time)));
        }
    }

    /// <summary>A nested mapping, skipped when null, <c>key: {}</c> when it writes nothing.</summary>
    public void Section<T>(string key, T? section, Action<CanonicalBundleWriter, T> body)
        where T : class
    {
        if (section is null)
        {
            return;
        }

        var start = _text.Length;
        var dash = _dashPending;
        Line(key, null);
        var bodyStart = _text.Length;
        _depth++;
        body(this, section);
        _depth--;
        if (_text.Length == bodyStart)
        {
            _text.Length = start;
            _dashPending = dash;
            Line(key, "{}");
        }
    }

    /// <summary>A list of scalars, one <c>- item</c> per line; <paramref name="format"/> turns an item into YAML text.</summary>
    public void ScalarList<T>(string key, IReadOnlyList<T> items, Func<T, string> format)
    {
        if (items.Count == 0)
        {
            Line(key, "[]");
            return;
        }

        Line(key, null);
        _depth++;
        foreach (var item in items)
        {
            Indent().Append("- ").Append(format(item)).Append('\n');
        }

        _depth--;
    }

    /// <summary>A list of mappings: the first key of each item follows its <c>- </c>.</summary>
    public void MappingList<T>(string key, IReadOnlyList<T> items, Action<CanonicalBundleWriter, T> body)
    {
        if (items.Count == 0)
        {
            Line(key, "[]");
            return;
        }

        Line(key, null);
        _depth += 2;
        foreach (var item in items)
        {
            _dashPending = true;
            body(this, item);
            if (_dashPending)
            {
                throw new InvalidOperationException($"a '{key}' item wrote no key; items must not be empty");
            }
        }

        _depth -= 2;
    }

    public override string ToString() => _text.ToString();

    internal static string Quote(string value) => YamlScalars.Quote(value);

    internal static string SymbolText(string value) =>
        PlainWordRegex().IsMatch(value) && !ReservedWordRegex().IsMatch(value) ? value : Quote(value);

    internal static string NumberText(double number) => number switch
    {
        double.NaN => ".nan",
        double.PositiveInfinity => ".inf",
        double.NegativeInfinity => "-.inf",
        0 => "0", // also -0, which would otherwise change the bytes but not the value
        _ => WithDotBeforeExponent(number.ToString("R", CultureInfo.InvariantCulture)),
    };

    /// <summary>UTC, whole seconds unless the time has a fraction: <c>2026-02-15T10:35:00Z</c>.</summary>
    internal static string TimestampText(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    // Outside YAML's printable set, or a character some readers treat as a line break or BOM.
    // YAML 1.1 readers (PyYAML) only see "1E-07" as a float when it has a dot: write "1.0E-07".
    private static string WithDotBeforeExponent(string text)
    {
        var e = text.IndexOf('E', StringComparison.Ordinal);
        return e < 0 || text.Contains('.', StringComparison.Ordinal) ? text : text[..e] + ".0" + text[e..];
    }

    private void Line(string key, string? value)
    {
        Indent().Append(SymbolText(key)).Append(':');
        if (value is not null)
        {
            _text.Append(' ').Append(value);
        }

        _text.Append('\n');
    }

    private StringBuilder Indent()
    {
        if (_dashPending)
        {
            _dashPending = false;
            return _text.Append(' ', (_depth - 1) * 2).Append("- ");
        }

        return _text.Append(' ', _depth * 2);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainWordRegex();

    // Words that YAML 1.1 or 1.2 readers would turn into booleans or null.
    [GeneratedRegex(@"^(y|n|yes|no|on|off|true|false|null)\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ReservedWordRegex();
}
