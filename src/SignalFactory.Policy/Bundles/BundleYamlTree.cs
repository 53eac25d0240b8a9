using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SignalFactory.Policy.Bundles;

/// <summary>A parsed YAML node with its 1-based start position. Mappings keep duplicate keys so each can be reported.</summary>
internal abstract record BundleNode(int Line, int Column)
{
    public abstract string Kind { get; }
}

internal sealed record BundleScalar(int Line, int Column, string Value, bool IsPlain) : BundleNode(Line, Column)
{
    /// <summary>YAML's null: a plain empty, <c>~</c> or <c>null</c> scalar.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => IsNull ? "null" : IsPlain ? "a plain scalar" : "a quoted string";
}

internal sealed record BundleMapping(int Line, int Column, IReadOnlyList<(BundleScalar Key, BundleNode Value)> Entries)
    : BundleNode(Line, Column)
{
    public override string Kind => "a mapping";
}

internal sealed record BundleSequence(int Line, int Column, IReadOnlyList<BundleNode> Items) : BundleNode(Line, Column)
{
    public override string Kind => "a list";
}

/// <summary>A YAML problem found while building the tree.</summary>
internal sealed class BundleYamlSyntaxException(int line, int column, string message) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>
/// Builds a node tree from YamlDotNet's event parser. A bundle is a signed artifact, so the reader accepts only plain
/// data: one document, no anchors or aliases, no tags, scalar keys, and nesting no deeper than <see cref="MaxDepth"/>.
/// </summary>
internal static class BundleYamlTree
{
    internal const int MaxDepth = 16;

    /// <exception cref="BundleYamlSyntaxException">The text is not YAML, or uses a feature bundles do not allow.</exception>
    public static BundleNode? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            Expect<StreamStart>(parser);
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            Expect<DocumentStart>(parser);
            var root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, 0);
            Expect<DocumentEnd>(parser);
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                throw Error(next.Start, "a policy bundle holds exactly one YAML document, but a second one starts here");
            }

            return root;
        }
        catch (YamlException ex)
        {
            throw new BundleYamlSyntaxException(ToInt(ex.Start.Line), ToInt(ex.Start.Column), ex.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this without a position on some malformed flow collections.
            throw new BundleYamlSyntaxException(1, 1, "malformed YAML (an unclosed '[', '{' or quote?)");
        }
    }

    private static BundleNode ReadNode(IParser parser, int depth)
    {
        var ev = parser.Current ?? throw new BundleYamlSyntaxException(1, 1, "unexpected end of YAML");
        if (depth > MaxDepth)
        {
            throw Error(ev.Start, $"nesting deeper than {MaxDepth} levels is not allowed in a policy bundle");
        }

        switch (ev)
        {
            case AnchorAlias:
                throw Error(ev.Start, "YAML aliases (*name) are not allowed in a policy bundle");
            case NodeEvent { Anchor.IsEmpty: false }:
                throw Error(ev.Start, "YAML anchors (&name) are not allowed in a policy bundle");
            case NodeEvent { Tag.IsEmpty: false } tagged:
                throw Error(ev.Start, $"YAML tags ({tagged.Tag.Value}) are not allowed in a policy bundle");
            case Scalar scalar:
                parser.MoveNext();
                return new BundleScalar(ToInt(ev.Start.Line), ToInt(ev.Start.Column), scalar.Value,
                    scalar.Style == ScalarStyle.Plain);
            case SequenceStart:
                parser.MoveNext();
                var items = new List<BundleNode>();
                while (!parser.Accept<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, depth + 1));
                }

                parser.MoveNext();
                return new BundleSequence(ToInt(ev.Start.Line), ToInt(ev.Start.Column), items);
            case MappingStart:
                parser.MoveNext();
                var entries = new List<(BundleScalar, BundleNode)>();
                while (!parser.Accept<MappingEnd>(out _))
                {
                    var key = ReadNode(parser, depth + 1);
                    if (key is not BundleScalar scalarKey)
                    {
                        throw new BundleYamlSyntaxException(key.Line, key.Column, "mapping keys must be plain words");
                    }

                    entries.Add((scalarKey, ReadNode(parser, depth + 1)));
                }

                parser.MoveNext();
                return new BundleMapping(ToInt(ev.Start.Line), ToInt(ev.Start.Column), entries);
            default:
                throw Error(ev.Start, $"unexpected YAML event {ev.GetType().Name}");
        }
    }

    private static void Expect<T>(IParser parser)
        where T : ParsingEvent
    {
        if (parser.Current is null)
        {
            parser.MoveNext();
        }

        if (parser.Current is not T)
        {
            var mark = parser.Current?.Start ?? Mark.Empty;
            throw Error(mark, $"unexpected YAML content (expected {typeof(T).Name})");
        }

        parser.MoveNext();
    }

    private static BundleYamlSyntaxException Error(Mark mark, string message) =>
        new(ToInt(mark.Line), ToInt(mark.Column), message);

    private static int ToInt(long value) => value > int.MaxValue ? int.MaxValue : (int)value;
}
