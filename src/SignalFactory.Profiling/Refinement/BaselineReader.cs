using System.Diagnostics.Metrics;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Synthetic;

namespace SignalFactory.Profiling.Refinement;

/// <summary>The volume baseline a signal engine should use now, and where it came from.</summary>
/// <param name="DatasetUrn">The dataset.</param>
/// <param name="Volume">The bounds in force.</param>
/// <param name="Confidence">HIGH / MEDIUM / LOW.</param>
/// <param name="IsSynthetic">Tier defaults rather than observed data.</param>
/// <param name="IsMissing">The store had no baseline: <paramref name="Volume"/> are the tier defaults (LLD §5.4).</param>
/// <param name="FlaggedForReview">The stored baseline is flagged for review.</param>
/// <param name="AutoRefineRunsRemaining">Good runs still needed before refinement.</param>
public sealed record EffectiveVolumeBaseline(
    string DatasetUrn,
    VolumeBaseline Volume,
    string Confidence,
    bool IsSynthetic,
    bool IsMissing,
    bool FlaggedForReview,
    int AutoRefineRunsRemaining);

/// <summary>Runtime reads of the Baseline Store with the LLD §5.4 fallback and the §5.5 read metrics.</summary>
public sealed class BaselineReader
{
    private readonly IBaselineStore _store;
    private readonly BaselineInstruments _instruments;

    /// <summary>A reader over <paramref name="store"/>; <paramref name="meter"/> as for <see cref="BaselineAutoRefiner"/>.</summary>
    public BaselineReader(IBaselineStore store, Meter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _instruments = BaselineInstruments.For(meter);
    }

    /// <summary>
    /// The stored volume baseline, or — when the store holds none — the tier's synthetic defaults
    /// (<see cref="SyntheticBaselineGenerator.SyntheticVolume"/>: avg ± 3σ of <see cref="TierVolumeDefaults"/>),
    /// LOW confidence, counted on <c>baseline.missing</c> (tagged <c>tier</c>). Every answer is counted on
    /// <c>baseline.reads</c> (tagged <c>is_synthetic</c>). Nothing is written: the missing baseline stays missing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown tier.</exception>
    public async Task<EffectiveVolumeBaseline> GetEffectiveVolumeBaselineAsync(string datasetUrn, string tier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetUrn);
        var defaults = SyntheticBaselineGenerator.SyntheticVolume(tier);
        var state = await _store.GetAsync(datasetUrn, cancellationToken).ConfigureAwait(false);
        EffectiveVolumeBaseline effective;
        if (state is null)
        {
            _instruments.Missing.Add(1, new KeyValuePair<string, object?>("tier", tier));
            effective = new(datasetUrn, defaults, BaselineConfidence.Low, IsSynthetic: true, IsMissing: true, FlaggedForReview: false, AutoRefineRunsRemaining: 0);
        }
        else
        {
            var row = state.VolumeRecord;
            effective = new(datasetUrn, state.Volume, row.Confidence, row.IsSynthetic, IsMissing: false, row.FlaggedForReview, row.AutoRefineRunsRemaining);
        }

        _instruments.Reads.Add(1, new KeyValuePair<string, object?>("is_synthetic", effective.IsSynthetic));
        return effective;
    }
}
