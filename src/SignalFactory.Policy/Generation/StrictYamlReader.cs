using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SignalFactory.Policy.Generation;

/// <summary>A template or feedback file is not usable; the message names the file, field and line of every problem.</summary>
public sealed class PolicyInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PolicyInputException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PolicyInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PolicyInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a file name and its problems.</summary>
    public PolicyInputException(string source, IReadOnlyList<string> problems)
        : base($"{source}: {string.Join("; ", problems)}")
    {
        Problems = problems;
    }

    /// <summary>Each problem, as <c>field (line L): message</c>.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}

/// <summary>
/// Reads small hand-written YAML files (org templates, reviewer feedback) strictly: known keys only (with a
/// suggestion for a typo), typed scalars, every problem collected with its line before one exception is thrown.
/// </summary>
internal sealed class StrictYamlReader
{
    private const int MaxBytes = 1024 * 1024;
    private readonly List<string> _problems = [];

    private StrictYamlReader(string source) => Source = source;

    public string Source { get; }

    /// <summary>The root mapping, or null (after recording why) for an empty file.</summary>
    public static (StrictYamlReader Reader, YamlMappingNode? Root) Open(ReadOnlySpan<byte> bytes, string source, string what)
    {
        var reader = new StrictYamlReader(source);
        if (bytes.Length > MaxBytes)
        {
            throw new PolicyInputException(source, [$"the file is {bytes.Length} bytes; a {what} may be at most {MaxBytes}"]);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new PolicyInputException(source, ["the file is not UTF-8 text"]);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new PolicyInputException(source, [$"line {ex.Start.Line}: not valid YAML: {ex.Message}"]);
        }

        if (stream.Documents.Count == 0)
        {
            return (reader, null);
        }

        if (stream.Documents.Count > 1)
        {
            throw new PolicyInputException(source, [$"a {what} holds one YAML document"]);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PolicyInputException(source, [$"line {stream.Documents[0].RootNode.Start.Line}: a {what} is a mapping of keys to values"]);
        }

        return (reader, root);
    }

    public void Problem(string path, YamlNode? at, string message) =>
        _problems.Add(at is null ? $"{path}: {message}" : $"{path} (line {at.Start.Line}): {message}");

    public void ThrowIfProblems()
    {
        if (_problems.Count > 0)
        {
            throw new PolicyInputException(Source, _problems);
        }
    }

    /// <summary>The mapping's entries by key; unknown keys and non-scalar keys become problems.</summary>
    public Dictionary<string, YamlNode> Entries(YamlMappingNode mapping, string path, IReadOnlyList<string> known)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Problem(path, keyNode, "keys must be plain words");
                continue;
            }

            var keyPath = path.Length == 0 ? key : path + "." + key;
            if (known.Count > 0 && !known.Contains(key, StringComparer.Ordinal))
            {
                var closest = Bundles.KeySuggestion.Closest(key, known);
                Problem(keyPath, keyNode, closest is null
                    ? $"unknown key; expected one of {string.Join(", ", known)}"
                    : $"unknown key; did you mean '{closest}'?");
                continue;
            }

            result[key] = value;
        }

        return result;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public string? Text(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } value } && !IsNull(node))
        {
            return value;
        }

        Problem(path, node, "expected a text value");
        return null;
    }

    public double? Number(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } value }
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        Problem(path, node, "expected a number");
        return null;
    }

    public int? Integer(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } value }
            && int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Problem(path, node, "expected a whole number");
        return null;
    }

    public List<string>? TextList(YamlNode node, string path)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Problem(path, node, "expected a list");
            return null;
        }

        var items = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (Text(sequence.Children[i], $"{path}[{i}]") is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    public YamlMappingNode? Mapping(YamlNode node, string path)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Problem(path, node, "expected a mapping");
        return null;
    }
}
