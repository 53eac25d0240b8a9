using SignalFactory.Core.Manifests;
using SignalFactory.Policy.Bundles;
using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Policy.Generation;

/// <summary>Everything one generation reads. Same request (and clock) → same bundle.</summary>
public sealed record PolicyGenerationRequest
{
    /// <summary>The profiled baseline of the dataset.</summary>
    public required Baseline Baseline { get; init; }

    /// <summary>The registered <c>dataset.yaml</c> (tier, SLOs, partition key).</summary>
    public required DatasetManifest Manifest { get; init; }

    /// <summary>The org template of the dataset's tier; null for the defaults.</summary>
    public PolicyTemplate? Template { get; init; }

    /// <summary>Where <see cref="Template"/> came from, for the report (e.g. its artifact key).</summary>
    public string? TemplateSource { get; init; }

    /// <summary>1 for the first generation, +1 per regeneration after a rejection (<c>bootstrap.generation_attempt</c>).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The reviewer's feedback on the previous attempt (see <see cref="PolicyFeedback.Combine"/> for several).</summary>
    public PolicyFeedback? Feedback { get; init; }

    /// <summary><c>generated_by</c>: <c>autopilot</c>, <c>human:&lt;name&gt;</c> or <c>system:&lt;component&gt;</c>.</summary>
    public string GeneratedBy { get; init; } = "autopilot";

    /// <summary>
    /// Distinct values of low-cardinality string columns, read from the profiled files by an
    /// <see cref="IAcceptedValuesSource"/> (the baseline itself never holds string values). Usually filled by
    /// <see cref="PolicyGenerator.GenerateAsync"/>; only columns <see cref="PolicyGenerator.AcceptedValueCandidates"/>
    /// names are used.
    /// </summary>
    public IReadOnlyDictionary<string, ColumnValueCounts> AcceptedValues { get; init; } = new Dictionary<string, ColumnValueCounts>();

    /// <summary>Artifact path recorded in <c>bootstrap.backtest.report</c>; default <c>datasets/{zone}/{name}/policy_backtest.json</c>.</summary>
    public string? BacktestReportPath { get; init; }
}

/// <summary>The outcome of a generation.</summary>
/// <param name="Bundle">The unsigned bundle; it passes <see cref="PolicyBundleValidator"/>. Sign it to publish.</param>
/// <param name="Backtest">Every rule's verdict on the profiled data.</param>
/// <param name="Notes">Things the user should know (template used, rules that could not be built), value-free.</param>
public sealed record PolicyGenerationResult(PolicyBundle Bundle, BacktestReport Backtest, IReadOnlyList<string> Notes);

/// <summary>The inputs cannot give a bundle (unknown tier, baseline of another dataset, bad template); the message says which.</summary>
public sealed class PolicyGenerationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PolicyGenerationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PolicyGenerationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PolicyGenerationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
