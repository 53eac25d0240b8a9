using System.Globalization;
using System.Text.RegularExpressions;
using SignalFactory.Core.Text;
using SignalFactory.Core.Yaml;

namespace SignalFactory.Core.Manifests;

/// <summary>Collects parse diagnostics and positions while a manifest is bound.</summary>
internal sealed class BindContext(string? sourceName)
{
    public List<ManifestDiagnostic> Diagnostics { get; } = [];

    public ManifestSourceMap SourceMap { get; } = ManifestSourceMap.Create(sourceName);

    public string? SourceName { get; } = sourceName;

    public void Error(string path, string message, YamlMark mark) =>
        Diagnostics.Add(new ManifestDiagnostic(path, message, mark.Line, mark.Column, DiagnosticSeverity.Error, SourceName));

    public void Warning(string path, string message, YamlMark mark) =>
        Diagnostics.Add(new ManifestDiagnostic(path, message, mark.Line, mark.Column, DiagnosticSeverity.Warning, SourceName));
}

/// <summary>
/// Reads one YAML mapping of the manifest with strict types: every value is checked against the type its key
/// expects, and a mismatch becomes an error naming the path and position instead of an exception. Unknown keys
/// are warnings (with a suggestion when one is close); duplicate keys are errors.
/// </summary>
internal sealed partial class MappingReader
{
    private const int MaxEchoLength = 40;

    private readonly Dictionary<string, YamlNodeBase> _values = new(StringComparer.Ordinal);
    private readonly BindContext _context;
    private readonly string _path;

    private MappingReader(YamlMapping node, string path, IReadOnlyList<string> knownKeys, BindContext context)
    {
        _context = context;
        _path = path;
        var firstSeen = new Dictionary<string, YamlMark>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in node.Entries)
        {
            if (keyNode is not YamlScalar { IsNull: false } keyScalar)
            {
                context.Error(path, $"mapping keys must be plain text, found {keyNode.KindDescription} as a key", keyNode.Start);
                continue;
            }

            var key = keyScalar.Value;
            var childPath = Child(key);
            if (firstSeen.TryGetValue(key, out var first))
            {
                context.Error(childPath, $"duplicate key '{key}' (first defined at line {first.Line})", keyNode.Start);
                continue;
            }

            firstSeen.Add(key, keyNode.Start);
            if (knownKeys.Contains(key, StringComparer.Ordinal))
            {
                _values.Add(key, valueNode);
                context.SourceMap.Record(childPath, ToLocation(keyNode.Start), ToLocation(valueNode.Start));
                continue;
            }

            var suggestion = Suggestions.Closest(key, knownKeys);
            var message = suggestion is null
                ? $"unknown key '{Echo(key)}' is ignored; known keys here: {string.Join(", ", knownKeys)}"
                : $"unknown key '{Echo(key)}' is ignored; did you mean '{suggestion}'?";
            context.Warning(childPath, message, keyNode.Start);
        }
    }

    public static MappingReader Open(YamlMapping node, string path, IReadOnlyList<string> knownKeys, BindContext context) =>
        new(node, path, knownKeys, context);

    /// <summary>A nested section; null when absent or null, or (after an error) when not a mapping.</summary>
    public MappingReader? Mapping(string key, IReadOnlyList<string> knownKeys)
    {
        return Value(key) switch
        {
            null => null,
            YamlMapping mapping => new MappingReader(mapping, Child(key), knownKeys, _context),
            var other => TypeError<MappingReader>(key, "a mapping", other),
        };
    }

    /// <summary>Any non-null scalar as text (YAML plain scalars such as <c>2026-02-15</c> or <c>42</c> included).</summary>
    public string? String(string key)
    {
        return Value(key) switch
        {
            null => null,
            YamlScalar scalar => scalar.Value,
            var other => TypeError<string>(key, "a string", other),
        };
    }

    public bool? Boolean(string key)
    {
        var scalar = Scalar(key, "true or false");
        if (scalar is null)
        {
            return null;
        }

        if (!scalar.IsExplicitString)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        return ScalarTypeError<bool?>(key, "true or false", scalar, scalar.Value is "true" or "false");
    }

    public int? Int32(string key)
    {
        var value = Int64(key);
        if (value is null or (>= int.MinValue and <= int.MaxValue))
        {
            return (int?)value;
        }

        var node = _values[key];
        _context.Error(Child(key), $"integer {value} is out of range", node.Start);
        _context.SourceMap.MarkInvalid(Child(key));
        return null;
    }

    public long? Int64(string key)
    {
        var scalar = Scalar(key, "an integer");
        if (scalar is null)
        {
            return null;
        }

        if (!scalar.IsExplicitString && IntegerRegex().IsMatch(scalar.Value))
        {
            if (long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            _context.Error(Child(key), $"integer '{Echo(scalar.Value)}' is out of range", scalar.Start);
            _context.SourceMap.MarkInvalid(Child(key));
            return null;
        }

        return ScalarTypeError<long?>(key, "an integer", scalar, IntegerRegex().IsMatch(scalar.Value));
    }

    public double? Double(string key)
    {
        var scalar = Scalar(key, "a number");
        if (scalar is null)
        {
            return null;
        }

        if (!scalar.IsExplicitString)
        {
            switch (scalar.Value)
            {
                case ".nan" or ".NaN" or ".NAN":
                    return double.NaN;
                case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                    return double.PositiveInfinity;
                case "-.inf" or "-.Inf" or "-.INF":
                    return double.NegativeInfinity;
            }

            if (FloatRegex().IsMatch(scalar.Value)
                && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
        }

        return ScalarTypeError<double?>(key, "a number", scalar, FloatRegex().IsMatch(scalar.Value));
    }

    private YamlNodeBase? Value(string key) =>
        _values.TryGetValue(key, out var node) && node is not YamlScalar { IsNull: true } ? node : null;

    private YamlScalar? Scalar(string key, string expected) =>
        Value(key) switch
        {
            null => null,
            YamlScalar scalar => scalar,
            var other => TypeError<YamlScalar>(key, expected, other),
        };

    private T? TypeError<T>(string key, string expected, YamlNodeBase actual)
    {
        _context.Error(Child(key), $"expected {expected}, got {actual.KindDescription}", actual.Start);
        _context.SourceMap.MarkInvalid(Child(key));
        return default;
    }

    private T? ScalarTypeError<T>(string key, string expected, YamlScalar actual, bool validUnquoted)
    {
        var got = actual.IsExplicitString ? $"the string \"{Echo(actual.Value)}\"" : $"'{Echo(actual.Value)}'";
        var hint = actual.IsExplicitString && validUnquoted ? " (remove the quotes)" : string.Empty;
        _context.Error(Child(key), $"expected {expected}, got {got}{hint}", actual.Start);
        _context.SourceMap.MarkInvalid(Child(key));
        return default;
    }

    private string Child(string key) => _path.Length == 0 ? key : _path + "." + key;

    private static SourceLocation ToLocation(YamlMark mark) => new(mark.Line, mark.Column);

    /// <summary>Manifest values are configuration, not data, but keep echoes short and on one line.</summary>
    internal static string Echo(string value)
    {
        var oneLine = value.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxEchoLength ? oneLine : oneLine[..MaxEchoLength] + "...";
    }

    [GeneratedRegex(@"^[-+]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerRegex();

    // YAML 1.2 core schema float (integers included).
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatRegex();
}
