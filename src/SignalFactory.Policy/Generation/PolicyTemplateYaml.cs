using System.Globalization;
using System.Text;
using SignalFactory.Policy.Bundles;
using YamlDotNet.RepresentationModel;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// Reads and writes org policy templates (<c>templates/policy/{TIER}.yaml</c>). Every key is optional; a key that is
/// set overrides the generator's default for the tier:
/// <code>
/// enrichment_level: volume_baseline      # contract_lite | volume_baseline | full_contract | advanced
/// schema_mode: strict                    # strict | additive | monitor
/// minimum_enforcement: { pii_detection: required, schema_validation: required }
/// required_null_rate: 0.001
/// range_margin_pct: 10
/// accepted_values_max_distinct: 20       # 0 turns accepted-values rules off
/// anomaly_threshold_pct: 40
/// performance: { gate_timeout_ms: 15000, total_validation_budget_pct: 7, pii_scan_timeout_ms: 15000, sampling_rate: 1.0 }
/// pii_actions: { EMAIL: tokenize, PHONE: mask }
/// default_pii_action: mask
/// invariants:
///   - { id: order_total_positive, description: "Orders have a positive total", expression: "order_total > 0", severity: error }
/// progressive_schedule: { week_1: [G1_RESOLUTION, G2_IDENTITY, G3_SCHEMA] }
/// </code>
/// </summary>
public static class PolicyTemplateYaml
{
    private static readonly string[] _keys =
    [
        "enrichment_level", "schema_mode", "minimum_enforcement", "required_null_rate", "range_margin_pct",
        "accepted_values_max_distinct", "anomaly_threshold_pct", "performance", "pii_actions", "default_pii_action",
        "invariants", "progressive_schedule",
    ];

    private static readonly string[] _enforcementKeys = ["pii_detection", "schema_validation"];
    private static readonly string[] _performanceKeys = ["gate_timeout_ms", "total_validation_budget_pct", "pii_scan_timeout_ms", "sampling_rate"];
    private static readonly string[] _invariantKeys = ["id", "description", "expression", "severity"];

    /// <summary>Parses and checks a template.</summary>
    /// <exception cref="PolicyInputException">Not YAML, unknown keys, wrong types or values out of range; every problem with its line.</exception>
    public static PolicyTemplate Parse(ReadOnlySpan<byte> utf8Yaml, string source)
    {
        var (reader, root) = StrictYamlReader.Open(utf8Yaml, source, "policy template");
        if (root is null)
        {
            return new PolicyTemplate();
        }

        var e = reader.Entries(root, "", _keys);
        string? Text(string key) => e.TryGetValue(key, out var n) && !StrictYamlReader.IsNull(n) ? reader.Text(n, key) : null;
        double? Number(string key) => e.TryGetValue(key, out var n) && !StrictYamlReader.IsNull(n) ? reader.Number(n, key) : null;

        var template = new PolicyTemplate
        {
            EnrichmentLevel = Text("enrichment_level"),
            SchemaMode = Text("schema_mode"),
            MinimumEnforcement = e.TryGetValue("minimum_enforcement", out var min) ? Enforcement(reader, min) : null,
            RequiredNullRate = Number("required_null_rate"),
            RangeMarginPct = Number("range_margin_pct"),
            AcceptedValuesMaxDistinct = e.TryGetValue("accepted_values_max_distinct", out var max) && !StrictYamlReader.IsNull(max)
                ? reader.Integer(max, "accepted_values_max_distinct") : null,
            AnomalyThresholdPct = Number("anomaly_threshold_pct"),
            Performance = e.TryGetValue("performance", out var perf) ? Performance(reader, perf) : null,
            PiiActions = e.TryGetValue("pii_actions", out var actions) ? TextMap(reader, actions, "pii_actions") : new Dictionary<string, string>(),
            DefaultPiiAction = Text("default_pii_action"),
            Invariants = e.TryGetValue("invariants", out var invariants) ? Invariants(reader, invariants) : [],
            ProgressiveSchedule = e.TryGetValue("progressive_schedule", out var schedule) ? Schedule(reader, schedule) : null,
        };
        reader.ThrowIfProblems();
        var problems = PolicyTemplateRules.Check(template);
        if (problems.Count > 0)
        {
            throw new PolicyInputException(source, problems);
        }

        return template;
    }

    /// <summary>The template as YAML, every key written, with a comment per key (for <c>sf policy template</c>).</summary>
    public static string ToYaml(PolicyTemplate template, string tier)
    {
        ArgumentNullException.ThrowIfNull(template);
        var s = new StringBuilder();
        s.Append("# Org policy template for ").Append(tier).Append(" datasets. Store it as templates/policy/").Append(tier)
            .Append(".yaml in the workspace artifacts;\n# every key overrides the generator's default for the tier.\n");
        void Line(string text) => s.Append(text).Append('\n');
        if (template.EnrichmentLevel is { } level)
        {
            Line("enrichment_level: " + level + "   # contract_lite | volume_baseline | full_contract | advanced");
        }

        if (template.SchemaMode is { } mode)
        {
            Line("schema_mode: " + mode + "   # strict | additive | monitor");
        }

        if (template.MinimumEnforcement is { } m)
        {
            Line("minimum_enforcement:");
            Line("  pii_detection: " + m.PiiDetection);
            Line("  schema_validation: " + m.SchemaValidation);
        }

        Number(s, "required_null_rate", template.RequiredNullRate, "columns with a lower null rate are required");
        Number(s, "range_margin_pct", template.RangeMarginPct, "margin on each side of a profiled numeric range");
        Number(s, "accepted_values_max_distinct", template.AcceptedValuesMaxDistinct, "0 turns accepted-values rules off");
        Number(s, "anomaly_threshold_pct", template.AnomalyThresholdPct, "used when dataset.yaml sets none");
        if (template.Performance is { } p)
        {
            Line("performance:");
            Line("  gate_timeout_ms: " + p.GateTimeoutMs.ToString(CultureInfo.InvariantCulture));
            Line("  total_validation_budget_pct: " + p.TotalValidationBudgetPct.ToString(CultureInfo.InvariantCulture));
            Line("  pii_scan_timeout_ms: " + p.PiiScanTimeoutMs.ToString(CultureInfo.InvariantCulture));
            Line("  sampling_rate: " + p.SamplingRate.ToString("0.0##", CultureInfo.InvariantCulture));
        }

        Line(template.PiiActions.Count == 0 ? "pii_actions: {}" : "pii_actions:   # pattern: tokenize | mask | redact");
        foreach (var (pattern, action) in template.PiiActions.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Line("  " + pattern + ": " + action);
        }

        if (template.DefaultPiiAction is { } fallback)
        {
            Line("default_pii_action: " + fallback);
        }

        Line(template.Invariants.Count == 0 ? "invariants: []   # - { id: …, description: \"…\", expression: \"amount > 0\", severity: error }" : "invariants:");
        foreach (var invariant in template.Invariants)
        {
            Line("  - id: " + Quote(invariant.Id));
            Line("    description: " + Quote(invariant.Description));
            Line("    expression: " + Quote(invariant.Expression));
            Line("    severity: " + invariant.Severity);
        }

        if (template.ProgressiveSchedule is { } schedule)
        {
            Line("progressive_schedule:");
            foreach (var (week, gates) in schedule.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                Line("  " + week + ": [" + string.Join(", ", gates) + "]");
            }
        }

        return s.ToString();
    }

    private static void Number(StringBuilder s, string key, double? value, string comment)
    {
        if (value is { } number)
        {
            s.Append(key).Append(": ").Append(number.ToString(CultureInfo.InvariantCulture)).Append("   # ").Append(comment).Append('\n');
        }
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static MinimumEnforcement? Enforcement(StrictYamlReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "minimum_enforcement") is not { } mapping)
        {
            return null;
        }

        var e = reader.Entries(mapping, "minimum_enforcement", _enforcementKeys);
        var pii = e.TryGetValue("pii_detection", out var p) ? reader.Text(p, "minimum_enforcement.pii_detection") : EnforcementLevels.Required;
        var schema = e.TryGetValue("schema_validation", out var s) ? reader.Text(s, "minimum_enforcement.schema_validation") : EnforcementLevels.Required;
        return new MinimumEnforcement(pii ?? EnforcementLevels.Required, schema ?? EnforcementLevels.Required);
    }

    private static PerformanceSection? Performance(StrictYamlReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "performance") is not { } mapping)
        {
            return null;
        }

        var e = reader.Entries(mapping, "performance", _performanceKeys);
        foreach (var key in _performanceKeys.Where(k => !e.ContainsKey(k)))
        {
            reader.Problem("performance." + key, mapping, "missing; a template's performance section sets all four budget fields");
        }

        int? Int(string key) => e.TryGetValue(key, out var n) ? reader.Integer(n, "performance." + key) : null;
        double? Num(string key) => e.TryGetValue(key, out var n) ? reader.Number(n, "performance." + key) : null;
        var timeout = Int("gate_timeout_ms");
        var budget = Num("total_validation_budget_pct");
        var pii = Int("pii_scan_timeout_ms");
        var sampling = Num("sampling_rate");
        return timeout is null || budget is null || pii is null || sampling is null
            ? null
            : new PerformanceSection { GateTimeoutMs = timeout.Value, TotalValidationBudgetPct = budget.Value, PiiScanTimeoutMs = pii.Value, SamplingRate = sampling.Value };
    }

    private static Dictionary<string, string> TextMap(StrictYamlReader reader, YamlNode node, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Mapping(node, path) is { } mapping)
        {
            foreach (var (key, value) in reader.Entries(mapping, path, []))
            {
                if (reader.Text(value, path + "." + key) is { } text)
                {
                    result[key] = text;
                }
            }
        }

        return result;
    }

    private static List<TemplateInvariant> Invariants(StrictYamlReader reader, YamlNode node)
    {
        var result = new List<TemplateInvariant>();
        if (node is not YamlSequenceNode sequence)
        {
            reader.Problem("invariants", node, "expected a list");
            return result;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"invariants[{i}]";
            if (reader.Mapping(sequence.Children[i], path) is not { } mapping)
            {
                continue;
            }

            var e = reader.Entries(mapping, path, _invariantKeys);
            foreach (var key in new[] { "id", "expression" }.Where(k => !e.ContainsKey(k)))
            {
                reader.Problem($"{path}.{key}", mapping, "missing");
            }

            var id = e.TryGetValue("id", out var idNode) ? reader.Text(idNode, path + ".id") : null;
            var expression = e.TryGetValue("expression", out var exprNode) ? reader.Text(exprNode, path + ".expression") : null;
            var description = e.TryGetValue("description", out var descNode) ? reader.Text(descNode, path + ".description") : null;
            var severity = e.TryGetValue("severity", out var sevNode) ? reader.Text(sevNode, path + ".severity") : null;
            if (id is not null && expression is not null)
            {
                result.Add(new TemplateInvariant(id, description ?? $"Org rule {id}", expression, severity ?? InvariantSeverities.Error));
            }
        }

        return result;
    }

    private static Dictionary<string, IReadOnlyList<string>>? Schedule(StrictYamlReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "progressive_schedule") is not { } mapping)
        {
            return null;
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (week, gates) in reader.Entries(mapping, "progressive_schedule", []))
        {
            result[week] = reader.TextList(gates, "progressive_schedule." + week) ?? [];
        }

        return result;
    }
}
