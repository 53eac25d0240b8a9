using SignalFactory.Profiling.Synthetic;
using SignalFactory.Profiling.Volume;

namespace SignalFactory.Profiling.Refinement;

/// <summary>Settings of <see cref="BaselineAutoRefiner"/>; the defaults are LLD §5.3's.</summary>
public sealed record BaselineRefinementOptions
{
    /// <summary>Good runs a refinement uses, the most recent ones (LLD §5.3 <c>REQUIRED_RUNS</c>, 7; at least 2 for a spread).</summary>
    public int RequiredRuns { get; init; } = SyntheticBaselineGenerator.AutoRefineAfterRuns;

    /// <summary>k of a refined baseline's bounds, mean ± kσ (LLD §5.3 <c>NARROW_MULTIPLIER</c>, 2).</summary>
    public double Sigma { get; init; } = VolumeStatistics.ComputedSigma;

    /// <summary>
    /// Beyond the seed: a refined volume baseline's bounds are at least ± this share of the mean, so a series that
    /// is nearly flat (σ of a few rows) does not alert on noise. 0.05 = ±5 %; 0 turns it off. It never applies to a
    /// perfectly flat window: σ = 0 is LLD §5.4's invalid-statistics case, which keeps the synthetic baseline and
    /// flags it for review.
    /// </summary>
    public double MinRelativeHalfWidth { get; init; } = 0.05;

    /// <summary>Runs kept in <c>run_history</c> per dataset (the most recent); at least <see cref="RequiredRuns"/>.</summary>
    public int HistoryLimit { get; init; } = 30;

    /// <summary>Attempts of one record when concurrent writers keep winning the version check.</summary>
    public int MaxAttempts { get; init; } = 5;

    internal void Validate()
    {
        if (RequiredRuns < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(RequiredRuns), RequiredRuns, "A refinement needs at least 2 runs to measure a spread.");
        }

        if (!double.IsFinite(Sigma) || Sigma <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "The sigma multiplier must be a finite number > 0.");
        }

        if (!double.IsFinite(MinRelativeHalfWidth) || MinRelativeHalfWidth is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinRelativeHalfWidth), MinRelativeHalfWidth, "The minimum relative half-width must be in [0, 1).");
        }

        if (HistoryLimit < RequiredRuns)
        {
            throw new ArgumentOutOfRangeException(nameof(HistoryLimit), HistoryLimit, $"The history must keep at least the {RequiredRuns} runs a refinement uses.");
        }

        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "At least one attempt is needed.");
        }
    }
}
