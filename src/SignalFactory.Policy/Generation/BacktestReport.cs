using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// The backtest of one generation: every rule the generator considered, judged against the statistics of the
/// profiled partitions, with its verdict and why. Written beside the bundle as <c>policy_backtest.json</c>
/// (see <see cref="BacktestReportJson"/>); the bundle's <c>bootstrap.backtest</c> holds its status and path.
/// Holds counts and the min/max of non-PII numeric columns only, never a string value.
/// </summary>
public sealed record BacktestReport
{
    /// <summary><c>dataset_urn</c>.</summary>
    public required string DatasetUrn { get; init; }

    /// <summary><c>baseline_source</c>: bootstrap id of the baseline the rules were tested against.</summary>
    public required string BaselineSource { get; init; }

    /// <summary><c>generation_attempt</c>.</summary>
    public required int GenerationAttempt { get; init; }

    /// <summary><c>status</c>: <c>passed</c> (every rule kept holds on the profiled data) or <c>not_run</c> (no statistics to test against).</summary>
    public required string Status { get; init; }

    /// <summary><c>template</c>: where the org template came from, or <c>defaults</c>.</summary>
    public required string Template { get; init; }

    /// <summary><c>evidence</c>: what the rules were tested against.</summary>
    public required BacktestEvidence Evidence { get; init; }

    /// <summary><c>rules</c>: one verdict per rule, in bundle order, dropped rules where they would have been.</summary>
    public IReadOnlyList<RuleVerdict> Rules { get; init; } = [];

    /// <summary><c>feedback</c>: the reviewer feedback applied, when this is a regeneration.</summary>
    public FeedbackReport? Feedback { get; init; }

    /// <summary>Number of rules with <paramref name="verdict"/>.</summary>
    public int Count(string verdict) => Rules.Count(r => r.Verdict == verdict);
}

/// <summary>The <c>evidence</c> block: the profiled data the backtest ran on.</summary>
/// <param name="Partitions">Partitions profiled.</param>
/// <param name="RowsProfiled">Rows read.</param>
/// <param name="SampleRate">Share of rows read.</param>
/// <param name="IsSynthetic">Whether the volume baseline is synthetic (tier defaults).</param>
/// <param name="Confidence">Baseline confidence.</param>
public sealed record BacktestEvidence(int Partitions, long RowsProfiled, double SampleRate, bool IsSynthetic, string Confidence);

/// <summary>One rule's verdict.</summary>
/// <param name="Rule">Rule id: an invariant id, <c>required:{column}</c>, <c>nullable:{column}</c> or a <c>volume.*</c> field.</param>
/// <param name="Section">Bundle section: <c>contract</c>, <c>contract_lite</c>, <c>schema</c>, <c>volume</c>.</param>
/// <param name="Origin">See <see cref="RuleOrigins"/>.</param>
/// <param name="Verdict">See <see cref="RuleVerdicts"/>.</param>
/// <param name="Reason">Why, from counts and statistics.</param>
/// <param name="Expression">The rule as it is in the bundle (absent when dropped).</param>
/// <param name="Original">The rule as first generated, when it was loosened or dropped.</param>
public sealed record RuleVerdict(string Rule, string Section, string Origin, string Verdict, string Reason, string? Expression = null, string? Original = null);

/// <summary>
/// The <c>feedback</c> block. <c>reason</c> and <c>free_text</c> are optional: like every absent value of the report they
/// are left out when null, and a report without them reads back with null.
/// </summary>
public sealed record FeedbackReport
{
    /// <summary>Creates the block.</summary>
    /// <param name="reason">The rejection reason.</param>
    /// <param name="freeText">Free text of the reviewer.</param>
    /// <param name="applied">What each feedback item did.</param>
    /// <param name="notApplied">Feedback items that matched nothing, and why.</param>
    /// <param name="effective">The feedback as applied (to carry into a later attempt).</param>
    [SetsRequiredMembers]
    public FeedbackReport(string? reason, string? freeText, IReadOnlyList<string> applied, IReadOnlyList<string> notApplied, PolicyFeedback effective)
    {
        Reason = reason;
        FreeText = freeText;
        Applied = applied;
        NotApplied = notApplied;
        Effective = effective;
    }

    /// <summary>For the reader: required members are set by JSON, optional ones stay null when absent.</summary>
    [JsonConstructor]
    public FeedbackReport()
    {
    }

    /// <summary><c>reason</c>: the rejection reason.</summary>
    public string? Reason { get; init; }

    /// <summary><c>free_text</c>: free text of the reviewer.</summary>
    public string? FreeText { get; init; }

    /// <summary><c>applied</c>: what each feedback item did.</summary>
    public required IReadOnlyList<string> Applied { get; init; }

    /// <summary><c>not_applied</c>: feedback items that matched nothing, and why.</summary>
    public required IReadOnlyList<string> NotApplied { get; init; }

    /// <summary><c>effective</c>: the feedback as applied (to carry into a later attempt).</summary>
    public required PolicyFeedback Effective { get; init; }
}

/// <summary>Values of <see cref="RuleVerdict.Verdict"/>.</summary>
public static class RuleVerdicts
{
    /// <summary>The rule holds on every profiled row and is in the bundle as generated.</summary>
    public const string Passed = "passed";

    /// <summary>The profiled data broke the rule as first built; a wider form that holds is in the bundle.</summary>
    public const string Loosened = "loosened";

    /// <summary>Left out: the profiled data breaks it, or feedback asked for it.</summary>
    public const string Dropped = "dropped";

    /// <summary>
    /// Statistics cannot judge it (a comparison with text, no statistics in a synthetic baseline): an invariant is kept
    /// with severity <c>warning</c> (dropped from contract_lite, which has no severities); other rules are kept as built.
    /// </summary>
    public const string Unverified = "unverified";

    /// <summary>A template rule about a column this dataset does not have; left out.</summary>
    public const string NotApplicable = "not_applicable";
}

/// <summary>Values of <see cref="RuleVerdict.Origin"/>.</summary>
public static class RuleOrigins
{
    /// <summary>Built by the generator from the baseline.</summary>
    public const string Generated = "generated";

    /// <summary>From the org template of the tier.</summary>
    public const string Template = "template";

    /// <summary>From <c>dataset.yaml</c> (SLOs).</summary>
    public const string Manifest = "dataset.yaml";
}
