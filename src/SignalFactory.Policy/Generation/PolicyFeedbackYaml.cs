namespace SignalFactory.Policy.Generation;

/// <summary>Reads a reviewer's feedback file (YAML, or JSON, which is YAML too); see <see cref="PolicyFeedback"/> for the keys.</summary>
public static class PolicyFeedbackYaml
{
    private static readonly string[] _keys = ["reason", "drop_rules", "optional_columns", "widen_ranges", "free_text"];

    /// <summary>Parses feedback.</summary>
    /// <exception cref="PolicyInputException">Not YAML, unknown keys, wrong types, or a widening that is not a positive percentage.</exception>
    public static PolicyFeedback Parse(ReadOnlySpan<byte> utf8Yaml, string source)
    {
        var (reader, root) = StrictYamlReader.Open(utf8Yaml, source, "feedback file");
        if (root is null)
        {
            throw new PolicyInputException(source, [$"the feedback file is empty; expected some of {string.Join(", ", _keys)}"]);
        }

        var e = reader.Entries(root, "", _keys);
        string? Text(string key) => e.TryGetValue(key, out var n) && !StrictYamlReader.IsNull(n) ? reader.Text(n, key) : null;
        List<string> List(string key) => e.TryGetValue(key, out var n) && !StrictYamlReader.IsNull(n) ? reader.TextList(n, key) ?? [] : [];

        var widen = new Dictionary<string, double>(StringComparer.Ordinal);
        if (e.TryGetValue("widen_ranges", out var node) && !StrictYamlReader.IsNull(node) && reader.Mapping(node, "widen_ranges") is { } mapping)
        {
            foreach (var (column, value) in reader.Entries(mapping, "widen_ranges", []))
            {
                if (reader.Number(value, "widen_ranges." + column) is { } pct)
                {
                    if (pct is <= 0 or > 10_000)
                    {
                        reader.Problem("widen_ranges." + column, value, "must be a percentage greater than 0 (at most 10000)");
                    }
                    else
                    {
                        widen[column] = pct;
                    }
                }
            }
        }

        var feedback = new PolicyFeedback
        {
            Reason = Text("reason"),
            DropRules = List("drop_rules"),
            OptionalColumns = List("optional_columns"),
            WidenRanges = widen,
            FreeText = Text("free_text"),
        };
        reader.ThrowIfProblems();
        return feedback;
    }
}
