using YamlDotNet.Core;

namespace SignalFactory.Core.Yaml;

/// <summary>A position in YAML text, 1-based.</summary>
internal readonly record struct YamlMark(int Line, int Column)
{
    public static YamlMark From(Mark mark) => new(ClampToInt(mark.Line), ClampToInt(mark.Column));

    private static int ClampToInt(long value) => value > int.MaxValue ? int.MaxValue : (int)value;
}

/// <summary>
/// A YAML node that keeps its position. Unlike YamlDotNet's representation model, mappings keep
/// duplicate keys so that the binder can report each one with its path.
/// </summary>
internal abstract class YamlNodeBase(YamlMark start)
{
    public YamlMark Start { get; } = start;

    /// <summary>A short description of the node kind for type errors ("a mapping", "a list").</summary>
    public abstract string KindDescription { get; }
}

internal sealed class YamlScalar(YamlMark start, string value, ScalarStyle style, string? tag) : YamlNodeBase(start)
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;

    public string? Tag { get; } = tag;

    /// <summary>True when the text is plain (unquoted, untagged) so YAML core-schema typing applies.</summary>
    public bool IsPlain => Style == ScalarStyle.Plain && Tag is null;

    /// <summary>True when the text was forced to be a string (quotes, block scalar or an explicit !!str tag).</summary>
    public bool IsExplicitString => Style != ScalarStyle.Plain || Tag is StringTag or "!";

    /// <summary>A plain empty, <c>~</c> or <c>null</c> scalar: YAML's null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindDescription => IsNull ? "null" : IsExplicitString ? "a string" : "a scalar";
}

internal sealed class YamlMapping(YamlMark start) : YamlNodeBase(start)
{
    /// <summary>Entries in document order, duplicates included.</summary>
    public List<KeyValuePair<YamlNodeBase, YamlNodeBase>> Entries { get; } = [];

    public override string KindDescription => "a mapping";
}

internal sealed class YamlSequence(YamlMark start) : YamlNodeBase(start)
{
    public List<YamlNodeBase> Items { get; } = [];

    public override string KindDescription => "a list";
}

/// <summary>A YAML syntax problem with the position where the YAML library detected it.</summary>
internal sealed record YamlSyntaxError(YamlMark Mark, string Message);

/// <summary>The result of reading YAML text: a root node (null for an empty document) or a syntax error.</summary>
internal sealed record YamlReadResult(YamlNodeBase? Root, YamlSyntaxError? Error);
