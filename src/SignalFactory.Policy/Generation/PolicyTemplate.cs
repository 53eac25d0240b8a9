using SignalFactory.Policy.Bundles;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// An organisation's policy template for one tier (LLD §6.2 "Org Policy Templates"): every property overrides the
/// generator's default when set, and <see cref="Invariants"/> adds the organisation's own rules. Stored as YAML in the
/// artifact store at <c>templates/policy/{TIER}.yaml</c> (see <see cref="PolicyTemplateYaml"/>); a tier without a
/// template uses <see cref="PolicyDefaults"/>.
/// </summary>
public sealed record PolicyTemplate
{
    /// <summary><c>enrichment_level</c>: replaces the tier's starting level (LLD §6.3).</summary>
    public string? EnrichmentLevel { get; init; }

    /// <summary><c>schema_mode</c>: <c>strict</c>, <c>additive</c> or <c>monitor</c>.</summary>
    public string? SchemaMode { get; init; }

    /// <summary><c>minimum_enforcement</c>: checks that may never be switched off.</summary>
    public MinimumEnforcement? MinimumEnforcement { get; init; }

    /// <summary><c>required_null_rate</c>: a column whose null rate is below this is required (default 0.001, HLD §6.3).</summary>
    public double? RequiredNullRate { get; init; }

    /// <summary><c>range_margin_pct</c>: margin added on each side of a profiled numeric range, in percent of its width.</summary>
    public double? RangeMarginPct { get; init; }

    /// <summary><c>accepted_values_max_distinct</c>: string columns with at most this many distinct values get an accepted-values rule; 0 turns the rule off.</summary>
    public int? AcceptedValuesMaxDistinct { get; init; }

    /// <summary><c>anomaly_threshold_pct</c>: volume deviation that raises an anomaly when <c>dataset.yaml</c> sets none.</summary>
    public double? AnomalyThresholdPct { get; init; }

    /// <summary><c>performance</c>: the validation budget.</summary>
    public PerformanceSection? Performance { get; init; }

    /// <summary><c>pii_actions</c>: pattern → <c>tokenize</c>/<c>mask</c>/<c>redact</c>, over the org defaults.</summary>
    public IReadOnlyDictionary<string, string> PiiActions { get; init; } = new Dictionary<string, string>();

    /// <summary><c>default_pii_action</c>: action for a pattern with no entry (default <c>mask</c>).</summary>
    public string? DefaultPiiAction { get; init; }

    /// <summary><c>invariants</c>: organisation rules added to every bundle of the tier (backtested like generated ones).</summary>
    public IReadOnlyList<TemplateInvariant> Invariants { get; init; } = [];

    /// <summary><c>progressive_schedule</c>: week → gates; replaces the level's default schedule.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? ProgressiveSchedule { get; init; }
}

/// <summary>One organisation rule of a <see cref="PolicyTemplate"/>.</summary>
/// <param name="Id">Unique id, e.g. <c>order_total_positive</c>.</param>
/// <param name="Description">What it means, for people.</param>
/// <param name="Expression">SQL boolean expression over column names; a row violates it when it is FALSE.</param>
/// <param name="Severity"><c>error</c> or <c>warning</c>.</param>
public sealed record TemplateInvariant(string Id, string Description, string Expression, string Severity);
