using System.Text.Json.Serialization;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// Why a reviewer rejected a generated bundle, in a form the next generation can apply (LLD §13.2 "Policy
/// rejection → re-gen"): rules to drop, columns to make optional, ranges to widen, plus free text that is recorded
/// in the backtest report. File form (<c>--feedback-file</c>, YAML or JSON):
/// <code>
/// reason: "ranges too tight for the holiday peak"
/// drop_rules: [status_accepted_values]
/// optional_columns: [discount_pct]
/// widen_ranges: { order_total: 50 }
/// free_text: "coupon codes are being redesigned"
/// </code>
/// </summary>
public sealed record PolicyFeedback
{
    /// <summary><c>reason</c>: the rejection reason.</summary>
    public string? Reason { get; init; }

    /// <summary><c>drop_rules</c>: invariant ids (generated or from the org template) to leave out.</summary>
    public IReadOnlyList<string> DropRules { get; init; } = [];

    /// <summary><c>optional_columns</c>: columns that may be null: not required, no NOT NULL rule, <c>nullable: true</c>.</summary>
    public IReadOnlyList<string> OptionalColumns { get; init; } = [];

    /// <summary>
    /// <c>widen_ranges</c>: column → percent. Each bound of the column's generated range moves outward by that
    /// percentage of the range's width (a range 0..100 widened by 50 becomes −50..150, or 0..150 when the column
    /// was never negative), then is rounded outward.
    /// </summary>
    public IReadOnlyDictionary<string, double> WidenRanges { get; init; } = new Dictionary<string, double>();

    /// <summary><c>free_text</c>: anything else the reviewer said; recorded, not interpreted.</summary>
    public string? FreeText { get; init; }

    /// <summary>True when the feedback asks for nothing and says nothing.</summary>
    [JsonIgnore]
    public bool IsEmpty => Reason is null && FreeText is null && DropRules.Count == 0 && OptionalColumns.Count == 0 && WidenRanges.Count == 0;

    /// <summary>
    /// Feedback of successive rejections as one: lists are united (earlier first), widening percentages add up
    /// (each rejection asked for more room), the later reason and free text win.
    /// </summary>
    public static PolicyFeedback? Combine(PolicyFeedback? earlier, PolicyFeedback? later)
    {
        if (earlier is null || later is null)
        {
            return later ?? earlier;
        }

        var widen = new Dictionary<string, double>(earlier.WidenRanges, StringComparer.Ordinal);
        foreach (var (column, pct) in later.WidenRanges)
        {
            widen[column] = widen.TryGetValue(column, out var before) ? before + pct : pct;
        }

        return new PolicyFeedback
        {
            Reason = later.Reason ?? earlier.Reason,
            FreeText = later.FreeText ?? earlier.FreeText,
            DropRules = [.. earlier.DropRules.Concat(later.DropRules).Distinct(StringComparer.Ordinal)],
            OptionalColumns = [.. earlier.OptionalColumns.Concat(later.OptionalColumns).Distinct(StringComparer.Ordinal)],
            WidenRanges = widen,
        };
    }
}
