using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// The Policy Generator (LLD §6, HLD §6.3–6.5): turns a baseline, the registered <c>dataset.yaml</c> and the tier's
/// org template into an unsigned <c>policy_bundle.yaml</c> v2.0, and backtests every rule on the statistics of the
/// profiled partitions before proposing it, so a generated policy always passes on the data it came from.
/// <list type="bullet">
/// <item>Sections by enrichment level (LLD §6.3): every tier gets security, schema, contract_lite, freshness,
/// performance and bootstrap; <c>volume_baseline</c> (Tier-2) adds volume; <c>full_contract</c> (Tier-1, a starting
/// point for the data steward) adds contract and pii.</item>
/// <item>Required fields: null rate below 0.1%. Contract invariants: NOT NULL for columns the table declares NOT NULL,
/// numeric ranges from the profiled min/max with a margin (see <see cref="NumericRange"/>), accepted values for
/// low-cardinality clean string columns when an <see cref="IAcceptedValuesSource"/> reads them, and the org
/// template's rules. Expressions are ANSI SQL over column names (<see cref="SqlText"/>).</item>
/// <item>Backtest: a rule the statistics show broken is dropped, a volume threshold is loosened to hold on every
/// profiled partition, a rule statistics cannot judge is kept as a warning; the report lists every verdict.</item>
/// <item>Feedback: <see cref="PolicyFeedback"/> of a rejection is applied and the attempt number recorded.</item>
/// <item>Deterministic: the same inputs give the same bundle apart from <c>generated_at</c>/<c>auto_refine_until</c>.</item>
/// </list>
/// </summary>
public static class PolicyGenerator
{
    /// <summary>Generates the bundle and its backtest report (no I/O).</summary>
    /// <exception cref="PolicyGenerationException">Unknown tier, a baseline of another dataset, or an unusable template.</exception>
    public static PolicyGenerationResult Generate(PolicyGenerationRequest request, TimeProvider timeProvider) =>
        new BundleBuilder(request, timeProvider).Build();

    /// <summary>
    /// As <see cref="Generate"/>, first reading the distinct values of the columns eligible for an accepted-values
    /// rule from <paramref name="acceptedValues"/> (the profiled files); without a source no such rule is built.
    /// </summary>
    public static async Task<PolicyGenerationResult> GenerateAsync(
        PolicyGenerationRequest request, IAcceptedValuesSource? acceptedValues, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (acceptedValues is null)
        {
            return Generate(request, timeProvider);
        }

        var settings = new BundleBuilder(request, timeProvider).Settings;
        var values = new Dictionary<string, ColumnValueCounts>(request.AcceptedValues, StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var column in AcceptedValueCandidates(request))
        {
            var read = await acceptedValues.ReadAsync(column, settings.AcceptedValuesMaxDistinct, cancellationToken).ConfigureAwait(false);
            if (read is null)
            {
                notes.Add($"no accepted-values rule for {column}: its distinct values could not be read within the limit of {settings.AcceptedValuesMaxDistinct}");
            }
            else
            {
                values[column] = read;
            }
        }

        var result = Generate(request with { AcceptedValues = values }, timeProvider);
        return result with { Notes = [.. result.Notes, .. notes] };
    }

    /// <summary>
    /// The string columns whose distinct values an <see cref="IAcceptedValuesSource"/> should read: full-contract
    /// bundles only; columns the PII scan examined and found clean (never a PII-flagged or timed-out column); not the
    /// partition key; approximate distinct count from 1 to the template's limit (default 20) with at least 10
    /// non-null rows per value.
    /// </summary>
    public static IReadOnlyList<string> AcceptedValueCandidates(PolicyGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = GenerationSettings.Resolve(request.Manifest.Tier, request.Template, request.TemplateSource ?? "org template");
        return InvariantCandidates.Eligible(BaselineFacts.From(request.Baseline), settings, request.Manifest.Storage?.PartitionKey);
    }

    /// <summary>True when <paramref name="baseline"/> holds statistics a backtest can use.</summary>
    public static bool CanBacktest(Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return baseline.ColumnProfiles.Count > 0 || baseline.PartitionRowCounts.Count > 0;
    }
}
