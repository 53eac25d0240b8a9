using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SignalFactory.Core.Yaml;

/// <summary>
/// Builds a <see cref="YamlNodeBase"/> tree from YamlDotNet's event parser. Iterative (no recursion), so a
/// hostile deeply nested document cannot overflow the stack; nesting beyond <see cref="MaxDepth"/> is refused.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>Our schemas are at most a few levels deep; anything far deeper is not a manifest.</summary>
    internal const int MaxDepth = 64;

    public static YamlReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // YAML allows a byte order mark at the start; YamlDotNet would read it as part of the first key.
        var parser = new Parser(new StringReader(text.StartsWith('\uFEFF') ? text[1..] : text));
        var anchors = new Dictionary<string, YamlNodeBase>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YamlNodeBase? root = null;
        var documents = 0;
        var lastMark = new YamlMark(1, 1);

        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                lastMark = YamlMark.From(ev.End);
                var start = YamlMark.From(ev.Start);
                switch (ev)
                {
                    case DocumentStart:
                        documents++;
                        if (documents > 1)
                        {
                            return new YamlReadResult(null, new YamlSyntaxError(start,
                                "a manifest holds exactly one YAML document, but a second one starts here"));
                        }

                        break;
                    case MappingStart mappingStart:
                        if (stack.Count >= MaxDepth)
                        {
                            return TooDeep(start);
                        }

                        stack.Push(new Frame(Register(anchors, mappingStart.Anchor, new YamlMapping(start))));
                        break;
                    case SequenceStart sequenceStart:
                        if (stack.Count >= MaxDepth)
                        {
                            return TooDeep(start);
                        }

                        stack.Push(new Frame(Register(anchors, sequenceStart.Anchor, new YamlSequence(start))));
                        break;
                    case Scalar scalar:
                        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
                        var node = Register(anchors, scalar.Anchor, new YamlScalar(start, scalar.Value, scalar.Style, tag));
                        Attach(stack, node, ref root);
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            return new YamlReadResult(null, new YamlSyntaxError(start,
                                $"alias '*{alias.Value.Value}' refers to an anchor that is not defined before it"));
                        }

                        Attach(stack, target, ref root);
                        break;
                    case MappingEnd or SequenceEnd:
                        Attach(stack, stack.Pop().Node, ref root);
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            return new YamlReadResult(null, new YamlSyntaxError(YamlMark.From(ex.Start), ex.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3 throws this (without a position) on some malformed flow collections, e.g. "[1, 2" left open.
            return new YamlReadResult(null, new YamlSyntaxError(lastMark,
                "malformed YAML after this point (an unclosed '[', '{' or quote?)"));
        }

        return new YamlReadResult(root, null);
    }

    private static YamlReadResult TooDeep(YamlMark mark) =>
        new(null, new YamlSyntaxError(mark, $"YAML nesting deeper than {MaxDepth} levels is not accepted"));

    private static YamlNodeBase Register(Dictionary<string, YamlNodeBase> anchors, AnchorName anchor, YamlNodeBase node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }

        return node;
    }

    private static void Attach(Stack<Frame> stack, YamlNodeBase node, ref YamlNodeBase? root)
    {
        if (stack.Count == 0)
        {
            root = node;
            return;
        }

        var frame = stack.Peek();
        switch (frame.Node)
        {
            case YamlSequence sequence:
                sequence.Items.Add(node);
                break;
            case YamlMapping mapping when frame.PendingKey is null:
                frame.PendingKey = node;
                break;
            case YamlMapping mapping:
                mapping.Entries.Add(new KeyValuePair<YamlNodeBase, YamlNodeBase>(frame.PendingKey, node));
                frame.PendingKey = null;
                break;
        }
    }

    private sealed class Frame(YamlNodeBase node)
    {
        public YamlNodeBase Node { get; } = node;

        public YamlNodeBase? PendingKey { get; set; }
    }
}
