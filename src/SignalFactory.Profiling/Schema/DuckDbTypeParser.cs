using System.Globalization;
using System.Text;

namespace SignalFactory.Profiling.Schema;

/// <summary>A parsed type: its canonical text and its coarse base name (see <see cref="TypeNormalizer.BaseType"/>).</summary>
internal sealed record ParsedType(string Canonical, string BaseName)
{
    public string ToCanonical() => Canonical;
}

/// <summary>
/// Recursive-descent reader of DuckDB type text:
/// <c>type := name ['(' args ')'] ('[' [digits] ']')*</c>, where <c>name</c> may span several words
/// (<c>TIMESTAMP WITH TIME ZONE</c>) and the arguments depend on the name (fields, key/value, precision/scale,
/// enum labels).
/// </summary>
internal sealed class DuckDbTypeParser
{
    private readonly string _text;
    private int _pos;

    private DuckDbTypeParser(string text) => _text = text;

    public static ParsedType Parse(string text)
    {
        var parser = new DuckDbTypeParser(text);
        parser.SkipSpaces();
        if (parser.AtEnd)
        {
            throw new ArgumentException("A DuckDB type name is empty.", nameof(text));
        }

        var type = parser.ParseType();
        parser.SkipSpaces();
        if (!parser.AtEnd)
        {
            throw parser.Error($"unexpected '{parser.Peek}'");
        }

        return type;
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Peek => AtEnd ? '\0' : _text[_pos];

    private ParsedType ParseType()
    {
        var name = ReadName();
        if (name.Length == 0)
        {
            throw Error(AtEnd ? "a type name is missing at the end" : $"a type name is expected before '{Peek}'");
        }

        SkipSpaces();
        var type = Peek == '(' ? WithArguments(name) : Scalar(name);

        SkipSpaces();
        while (Peek == '[')
        {
            _pos++;
            var start = _pos;
            while (char.IsAsciiDigit(Peek))
            {
                _pos++;
            }

            var size = _text[start.._pos];
            SkipSpaces();
            Expect(']');
            var canonicalSize = size.Length == 0 ? string.Empty : long.Parse(size, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            type = new ParsedType($"{type.Canonical}[{canonicalSize}]", size.Length == 0 ? "LIST" : "ARRAY");
            SkipSpaces();
        }

        return type;
    }

    private static ParsedType Scalar(string name)
    {
        if (name is "DECIMAL" or "NUMERIC")
        {
            // DuckDB's DECIMAL without arguments is DECIMAL(18,3).
            return new ParsedType("DECIMAL(18,3)", "DECIMAL");
        }

        if (name == "ENUM")
        {
            return new ParsedType("ENUM", "ENUM");
        }

        var canonical = TypeNormalizer.Scalars.TryGetValue(name, out var mapped) ? mapped : name;
        return new ParsedType(canonical, canonical);
    }

    private ParsedType WithArguments(string name)
    {
        switch (name)
        {
            case "STRUCT" or "ROW" or "UNION":
            {
                var keyword = name == "UNION" ? "UNION" : "STRUCT";
                return new ParsedType($"{keyword}({string.Join(", ", ParseFields())})", keyword);
            }

            case "MAP":
            {
                Expect('(');
                var key = ParseType();
                Expect(',');
                var value = ParseType();
                Expect(')');
                return new ParsedType($"MAP({key.Canonical}, {value.Canonical})", "MAP");
            }

            case "LIST":
            {
                Expect('(');
                var element = ParseType();
                Expect(')');
                return new ParsedType($"{element.Canonical}[]", "LIST");
            }

            case "DECIMAL" or "NUMERIC":
            {
                var numbers = ParseIntegers();
                if (numbers.Count is < 1 or > 2)
                {
                    throw Error("DECIMAL takes a precision and an optional scale");
                }

                var scale = numbers.Count == 2 ? numbers[1] : 0;
                return new ParsedType(
                    string.Create(CultureInfo.InvariantCulture, $"DECIMAL({numbers[0]},{scale})"), "DECIMAL");
            }

            case "ENUM":
                SkipBalanced();
                return new ParsedType("ENUM", "ENUM");

            default:
                if (TypeNormalizer.Scalars.TryGetValue(name, out var scalar))
                {
                    // VARCHAR(255), CHAR(3), BIT(8): DuckDB ignores or does not keep the length.
                    SkipBalanced();
                    return new ParsedType(scalar, scalar);
                }

                // An unknown parameterized type keeps its arguments, upper-cased like the LLD fallback.
                var raw = SkipBalanced().ToUpperInvariant();
                return new ParsedType(name + raw, name);
        }
    }

    private List<string> ParseFields()
    {
        Expect('(');
        var fields = new List<string>();
        SkipSpaces();
        if (Peek == ')')
        {
            _pos++;
            return fields;
        }

        while (true)
        {
            SkipSpaces();
            var field = ReadFieldName();
            var type = ParseType();
            fields.Add($"{FormatFieldName(field)} {type.Canonical}");
            SkipSpaces();
            if (Peek == ',')
            {
                _pos++;
                continue;
            }

            Expect(')');
            return fields;
        }
    }

    private List<long> ParseIntegers()
    {
        Expect('(');
        var numbers = new List<long>();
        while (true)
        {
            SkipSpaces();
            var start = _pos;
            while (char.IsAsciiDigit(Peek))
            {
                _pos++;
            }

            if (start == _pos)
            {
                throw Error("an integer is expected");
            }

            numbers.Add(long.Parse(_text.AsSpan(start, _pos - start), CultureInfo.InvariantCulture));
            SkipSpaces();
            if (Peek == ',')
            {
                _pos++;
                continue;
            }

            Expect(')');
            return numbers;
        }
    }

    /// <summary>Skips a parenthesized group, honouring nested parentheses and quoted text; returns it verbatim.</summary>
    private string SkipBalanced()
    {
        var start = _pos;
        Expect('(');
        var depth = 1;
        while (depth > 0)
        {
            if (AtEnd)
            {
                throw Error("a ')' is missing");
            }

            var c = _text[_pos++];
            if (c is '\'' or '"')
            {
                SkipQuoted(c);
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
        }

        return _text[start.._pos];
    }

    /// <summary>Skips to after the closing quote; a doubled quote is an escaped quote. The opening quote is consumed.</summary>
    private string SkipQuoted(char quote)
    {
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("a closing quote is missing");
            }

            var c = _text[_pos++];
            if (c == quote)
            {
                if (Peek != quote)
                {
                    return value.ToString();
                }

                _pos++;
            }

            value.Append(c);
        }
    }

    /// <summary>Reads one or more space-separated words; returns them upper-cased and joined by single spaces.</summary>
    private string ReadName()
    {
        var words = new List<string>();
        while (true)
        {
            var save = _pos;
            SkipSpaces();
            var start = _pos;
            while (char.IsAsciiLetterOrDigit(Peek) || Peek == '_')
            {
                _pos++;
            }

            if (start == _pos)
            {
                _pos = words.Count == 0 ? start : save;
                return string.Join(' ', words);
            }

            words.Add(_text[start.._pos].ToUpperInvariant());
        }
    }

    private string ReadFieldName()
    {
        if (Peek == '"')
        {
            _pos++;
            var quoted = SkipQuoted('"');
            SkipSpaces();
            return quoted;
        }

        var start = _pos;
        while (char.IsAsciiLetterOrDigit(Peek) || Peek == '_')
        {
            _pos++;
        }

        if (start == _pos)
        {
            throw Error("a field name is expected");
        }

        var name = _text[start.._pos];
        SkipSpaces();
        return name;
    }

    private static string FormatFieldName(string name)
    {
        var plain = name.Length > 0
            && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return plain ? name : $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (Peek != c)
        {
            throw Error(AtEnd ? $"'{c}' is expected at the end" : $"'{c}' is expected instead of '{Peek}'");
        }

        _pos++;
    }

    private void SkipSpaces()
    {
        while (char.IsWhiteSpace(Peek) && !AtEnd)
        {
            _pos++;
        }
    }

    private ArgumentException Error(string reason)
    {
        // ENUM labels and quoted names can be data: show the type only when it holds no quoted text.
        var shown = _text.Contains('\'', StringComparison.Ordinal) || _text.Contains('"', StringComparison.Ordinal)
            ? "a DuckDB type"
            : $"DuckDB type '{_text}'";
        return new ArgumentException($"Cannot normalize {shown}: {reason} at character {_pos + 1}.", "duckDbTypeName");
    }
}
