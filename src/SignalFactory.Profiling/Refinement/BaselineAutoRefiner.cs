using System.Diagnostics.Metrics;

namespace SignalFactory.Profiling.Refinement;

/// <summary>
/// Records real runs and replaces a synthetic baseline by one computed from them (LLD §5.3, HLD §5.5).
/// <para>
/// Each run is judged first, against the volume baseline in force before it, so the bounds that judge a run never
/// include it; then it is appended to <c>run_history</c> (the most recent <see cref="BaselineRefinementOptions.HistoryLimit"/>
/// are kept). A good run (not <see cref="RunMetrics.IsKnownBad"/>) counts <c>auto_refine_runs_remaining</c> down;
/// known-bad runs are kept for the record but neither count nor enter any statistics. When the counter of a
/// synthetic volume baseline reaches 0, the last <see cref="BaselineRefinementOptions.RequiredRuns"/> good runs
/// make the new baselines: volume at mean ± 2σ (sample σ), at least ± <see cref="BaselineRefinementOptions.MinRelativeHalfWidth"/>
/// of the mean, confidence HIGH, <c>is_synthetic</c> false, <c>source_engine</c> <c>auto-refined</c>; timing from
/// the durations and one <c>null_rate:{column}</c> per reported column, all in the same transaction, so the store
/// never holds a half-refined dataset. A computed baseline is stable: later runs are recorded and judged only.
/// </para>
/// <para>
/// LLD §5.4: when the window's row counts have σ = 0, or a run in it is corrupt, nothing is replaced: the synthetic
/// baseline stays in force and the volume row is flagged for review. The counter stays at 0, so every later good
/// run tries again with the newest window; the first refinement that succeeds clears the flag. The minimum width
/// therefore never turns a perfectly flat series into a computed baseline: it only widens bounds whose σ is
/// positive but tiny.
/// </para>
/// <para>
/// Every record is one store commit guarded by the volume row's version; when another writer got there first
/// (<see cref="BaselineConcurrencyException"/>) the record is re-planned from fresh state, up to
/// <see cref="BaselineRefinementOptions.MaxAttempts"/> times.
/// </para>
/// </summary>
public sealed class BaselineAutoRefiner
{
    private readonly IBaselineStore _store;
    private readonly TimeProvider _time;
    private readonly BaselineInstruments _instruments;

    /// <summary>A refiner over <paramref name="store"/>.</summary>
    /// <param name="store">The Baseline Store.</param>
    /// <param name="timeProvider">Source of <c>recorded_at</c> and <c>updated_at</c>.</param>
    /// <param name="options">Settings; the LLD defaults when null.</param>
    /// <param name="meter">Meter for the instruments; a process-wide <c>SignalFactory.Baselines</c> meter when null.</param>
    public BaselineAutoRefiner(IBaselineStore store, TimeProvider timeProvider, BaselineRefinementOptions? options = null, Meter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new BaselineRefinementOptions();
        options.Validate();
        _store = store;
        _time = timeProvider;
        Options = options;
        _instruments = BaselineInstruments.For(meter);
    }

    /// <summary>The settings in use.</summary>
    public BaselineRefinementOptions Options { get; }

    /// <summary>Records one run of <paramref name="datasetUrn"/>; see the class remarks.</summary>
    /// <exception cref="ArgumentException">A metric is out of range (negative count or duration, a rate outside 0..1, an empty column name).</exception>
    /// <exception cref="BaselineNotFoundException">The store has no baseline for the dataset.</exception>
    /// <exception cref="BaselineConcurrencyException">Other writers won every attempt.</exception>
    public async Task<RunRecordResult> RecordRunAsync(string datasetUrn, RunMetrics metrics, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetUrn);
        var rates = Validate(metrics);
        var runId = string.IsNullOrWhiteSpace(metrics.RunId) ? Guid.NewGuid().ToString("N") : metrics.RunId;

        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = await _store.GetAsync(datasetUrn, cancellationToken).ConfigureAwait(false)
                ?? throw new BaselineNotFoundException(datasetUrn);

            if (state.RunHistory.FirstOrDefault(r => string.Equals(r.RunId, runId, StringComparison.Ordinal)) is { } earlier)
            {
                return Duplicate(state, earlier, attempt);
            }

            var plan = RunPlanner.Plan(state, metrics, rates, runId, _time.GetUtcNow(), Options);
            try
            {
                await _store.CommitRunAsync(plan.Commit, cancellationToken).ConfigureAwait(false);
            }
            catch (BaselineConcurrencyException) when (attempt < Options.MaxAttempts)
            {
                continue;
            }

            await CountAsync(plan, cancellationToken).ConfigureAwait(false);
            var after = await _store.GetAsync(datasetUrn, cancellationToken).ConfigureAwait(false) ?? throw new BaselineNotFoundException(datasetUrn);
            return new RunRecordResult
            {
                DatasetUrn = datasetUrn,
                Outcome = plan.Outcome,
                Run = plan.Commit.Run,
                Verdict = plan.Commit.Run.Verdict,
                JudgedAgainst = state.Volume,
                JudgedAgainstSynthetic = state.IsSynthetic,
                AutoRefineRunsRemaining = plan.RunsRemaining,
                Refinement = plan.Report,
                Baseline = after,
                Attempts = attempt,
            };
        }
    }

    private static RunRecordResult Duplicate(BaselineState state, RecordedRun earlier, int attempt) => new()
    {
        DatasetUrn = state.DatasetUrn,
        Outcome = RunRecordOutcome.Duplicate,
        Run = earlier,
        Verdict = earlier.Verdict,
        JudgedAgainst = state.Volume,
        JudgedAgainstSynthetic = state.IsSynthetic,
        AutoRefineRunsRemaining = state.AutoRefineRunsRemaining,
        Baseline = state,
        Attempts = attempt,
    };

    private async Task CountAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Report is { } report)
        {
            _instruments.RefineTriggered.Add(1);
            if (report.Applied)
            {
                _instruments.RefineCompleted.Add(1);
            }
            else
            {
                _instruments.RefineFlagged.Add(1, new KeyValuePair<string, object?>("reason", report.ReviewReason));
            }
        }

        // One COUNT over the volume rows; cheap next to the commit, and keeps the gauge current in every process.
        {
            var fleet = await _store.GetFleetSummaryAsync(cancellationToken).ConfigureAwait(false);
            _instruments.SyntheticActive.Record(fleet.SyntheticActive);
        }
    }

    private static SortedDictionary<string, double> Validate(RunMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.RowCount < 0)
        {
            throw new ArgumentException($"Row count must be 0 or more; got {metrics.RowCount}.", nameof(metrics));
        }

        if (metrics.DurationMs is < 0)
        {
            throw new ArgumentException($"Duration must be 0 ms or more; got {metrics.DurationMs}.", nameof(metrics));
        }

        var rates = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (column, rate) in metrics.NullRates ?? new Dictionary<string, double>())
        {
            if (string.IsNullOrEmpty(column))
            {
                throw new ArgumentException("A null rate has an empty column name.", nameof(metrics));
            }

            if (!(rate is >= 0 and <= 1))
            {
                throw new ArgumentException($"The null rate of column '{column}' must be between 0 and 1.", nameof(metrics));
            }

            rates[column] = rate;
        }

        return rates;
    }
}
