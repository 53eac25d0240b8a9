using System.Text.RegularExpressions;
using SignalFactory.Policy.Bundles;

namespace SignalFactory.Policy.Generation;

/// <summary>The defaults of a tier with the org template laid over them, checked once.</summary>
internal sealed record GenerationSettings(
    string Tier,
    string EnrichmentLevel,
    string SchemaMode,
    MinimumEnforcement MinimumEnforcement,
    double RequiredNullRate,
    double RangeMarginPct,
    int AcceptedValuesMaxDistinct,
    double AnomalyThresholdPct,
    PerformanceSection Performance,
    IReadOnlyDictionary<string, string> PiiActions,
    string DefaultPiiAction,
    IReadOnlyList<TemplateInvariant> Invariants,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Schedule)
{
    public int Rank => EnrichmentLevels.Rank(EnrichmentLevel);

    public bool HasVolume => Rank >= EnrichmentLevels.Rank(EnrichmentLevels.VolumeBaseline);

    public bool HasContract => Rank >= EnrichmentLevels.Rank(EnrichmentLevels.FullContract);

    /// <exception cref="PolicyGenerationException">Unknown tier or a template value out of range.</exception>
    public static GenerationSettings Resolve(string? tier, PolicyTemplate? template, string templateSource)
    {
        if (tier is null || !Core.Manifests.Tiers.All.Contains(tier, StringComparer.Ordinal))
        {
            throw new PolicyGenerationException(
                $"the manifest's tier is '{tier ?? "(none)"}'; expected one of {string.Join(", ", Core.Manifests.Tiers.All)}");
        }

        template ??= new PolicyTemplate();
        var problems = PolicyTemplateRules.Check(template);
        if (problems.Count > 0)
        {
            throw new PolicyGenerationException($"{templateSource}: {string.Join("; ", problems)}");
        }

        var level = template.EnrichmentLevel ?? PolicyDefaults.EnrichmentLevel(tier);
        var actions = new Dictionary<string, string>(PolicyDefaults.PiiActions, StringComparer.Ordinal);
        foreach (var (pattern, action) in template.PiiActions)
        {
            actions[pattern] = action;
        }

        return new GenerationSettings(
            tier,
            level,
            template.SchemaMode ?? SchemaModes.Strict,
            template.MinimumEnforcement ?? new MinimumEnforcement(EnforcementLevels.Required, EnforcementLevels.Required),
            template.RequiredNullRate ?? PolicyDefaults.RequiredNullRate,
            template.RangeMarginPct ?? PolicyDefaults.RangeMarginPct,
            template.AcceptedValuesMaxDistinct ?? PolicyDefaults.AcceptedValuesMaxDistinct,
            template.AnomalyThresholdPct ?? PolicyDefaults.AnomalyThresholdPct,
            template.Performance ?? PolicyDefaults.Performance(tier),
            actions,
            template.DefaultPiiAction ?? PolicyDefaults.DefaultPiiAction,
            template.Invariants,
            template.ProgressiveSchedule ?? PolicyDefaults.ProgressiveSchedule(level));
    }
}

/// <summary>Content rules of a <see cref="PolicyTemplate"/>, shared by the YAML reader and the generator.</summary>
internal static partial class PolicyTemplateRules
{
    /// <summary>Every problem, as "field: message"; empty when the template is usable.</summary>
    public static List<string> Check(PolicyTemplate template)
    {
        var problems = new List<string>();
        void OneOf(string field, string? value, IReadOnlyList<string> allowed)
        {
            if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            {
                problems.Add($"{field}: must be one of {string.Join(", ", allowed)}");
            }
        }

        OneOf("enrichment_level", template.EnrichmentLevel, EnrichmentLevels.All);
        OneOf("schema_mode", template.SchemaMode, SchemaModes.All);
        OneOf("default_pii_action", template.DefaultPiiAction, PiiActions.All);
        if (template.MinimumEnforcement is { } minimum)
        {
            OneOf("minimum_enforcement.pii_detection", minimum.PiiDetection, EnforcementLevels.All);
            OneOf("minimum_enforcement.schema_validation", minimum.SchemaValidation, EnforcementLevels.All);
        }

        if (template.RequiredNullRate is { } rate && (!double.IsFinite(rate) || rate < 0 || rate > 1))
        {
            problems.Add("required_null_rate: must be in [0, 1]");
        }

        if (template.RangeMarginPct is { } margin && (!double.IsFinite(margin) || margin < 0 || margin > 1000))
        {
            problems.Add("range_margin_pct: must be in [0, 1000]");
        }

        if (template.AcceptedValuesMaxDistinct is < 0 or > 1000)
        {
            problems.Add("accepted_values_max_distinct: must be in [0, 1000]");
        }

        if (template.AnomalyThresholdPct is { } pct && (!double.IsFinite(pct) || pct <= 0))
        {
            problems.Add("anomaly_threshold_pct: must be greater than 0");
        }

        if (template.Performance is { } performance)
        {
            var probe = new PolicyBundle
            {
                DatasetUrn = "ds://template/check",
                BootstrapId = "template",
                GeneratedBy = "autopilot",
                EnrichmentLevel = EnrichmentLevels.ContractLite,
                Security = new SecuritySection(),
                Performance = performance,
            };
            problems.AddRange(PolicyBundleValidator.Validate(probe).Select(i => $"{i.Path}: {i.Message}"));
        }

        foreach (var (pattern, action) in template.PiiActions)
        {
            OneOf($"pii_actions.{pattern}", action, PiiActions.All);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Invariants.Count; i++)
        {
            var invariant = template.Invariants[i];
            var path = $"invariants[{i}]";
            if (!IdRegex().IsMatch(invariant.Id))
            {
                problems.Add($"{path}.id: must be a word of letters, digits, '_', '-' or '.'");
            }
            else if (!ids.Add(invariant.Id))
            {
                problems.Add($"{path}.id: repeats an earlier id");
            }

            if (string.IsNullOrWhiteSpace(invariant.Expression))
            {
                problems.Add($"{path}.expression: must not be empty");
            }

            if (string.IsNullOrWhiteSpace(invariant.Description))
            {
                problems.Add($"{path}.description: must not be empty");
            }

            OneOf($"{path}.severity", invariant.Severity, InvariantSeverities.All);
        }

        if (template.ProgressiveSchedule is { } schedule)
        {
            foreach (var week in schedule.Keys)
            {
                if (!WeekRegex().IsMatch(week))
                {
                    problems.Add($"progressive_schedule.{week}: keys must be week_N with N from 1");
                }
            }
        }

        return problems;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();

    [GeneratedRegex(@"^week_[1-9][0-9]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex WeekRegex();
}
