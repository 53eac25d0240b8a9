using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Refinement;

/// <summary>What one record will write, decided from one read of the state.</summary>
internal sealed record RunPlan(BaselineRunCommit Commit, RunRecordOutcome Outcome, int RunsRemaining, RefinementReport? Report);

/// <summary>The pure part of <see cref="BaselineAutoRefiner"/>: from a state and a run to the commit.</summary>
internal static class RunPlanner
{
    public static RunPlan Plan(
        BaselineState state,
        RunMetrics metrics,
        IReadOnlyDictionary<string, double> rates,
        string runId,
        DateTimeOffset now,
        BaselineRefinementOptions options)
    {
        var volumeRow = state.VolumeRecord;
        var verdict = RefinementMath.Judge(metrics.RowCount, state.Volume);
        var run = new RecordedRun(
            state.LastRunSequence + 1, runId, now, metrics.RowCount, metrics.DurationMs, rates, metrics.IsKnownBad, verdict);

        var remaining = volumeRow.AutoRefineRunsRemaining;
        if (!metrics.IsKnownBad && remaining > 0)
        {
            remaining--;
        }

        var volumeWrite = volumeRow with { AutoRefineRunsRemaining = remaining, UpdatedAt = now };
        var extraWrites = new List<BaselineMetricWrite>();
        RefinementReport? report = null;
        var outcome = RunRecordOutcome.Recorded;

        if (!metrics.IsKnownBad && volumeRow.IsSynthetic && remaining == 0)
        {
            // Corrupt runs stay in the window (they are not known bad) so that they are noticed, not skipped.
            var window = state.RunHistory.Append(run).Where(r => !r.IsKnownBad).TakeLast(options.RequiredRuns).ToList();
            if (window.Count == options.RequiredRuns)
            {
                report = Refine(state, volumeRow, window, now, options, extraWrites, ref volumeWrite);
                outcome = report.Applied ? RunRecordOutcome.Refined : RunRecordOutcome.Flagged;
            }
        }

        var writes = new List<BaselineMetricWrite> { new(volumeWrite, volumeRow.Version) };
        writes.AddRange(extraWrites);
        var commit = new BaselineRunCommit(state.DatasetUrn, run, writes, options.HistoryLimit);
        return new RunPlan(commit, outcome, remaining, report);
    }

    private static RefinementReport Refine(
        BaselineState state,
        BaselineMetricRecord volumeRow,
        List<RecordedRun> window,
        DateTimeOffset now,
        BaselineRefinementOptions options,
        List<BaselineMetricWrite> extraWrites,
        ref BaselineMetricRecord volumeWrite)
    {
        var sequences = window.Select(r => r.Sequence).ToList();
        if (window.Any(r => r.IsCorrupt))
        {
            volumeWrite = volumeWrite with { FlaggedForReview = true, ReviewReason = ReviewReasons.CorruptRunHistory };
            return Refused(volumeRow, sequences, ReviewReasons.CorruptRunHistory, mean: null, stdDev: null);
        }

        var (stats, volume, widened) = RefinementMath.Volume(
            [.. window.Select(r => r.RowCount)], options.Sigma, options.MinRelativeHalfWidth);
        if (stats.StdDev == 0)
        {
            volumeWrite = volumeWrite with { FlaggedForReview = true, ReviewReason = ReviewReasons.StddevZero };
            return Refused(volumeRow, sequences, ReviewReasons.StddevZero, stats.Mean, 0);
        }

        var confidence = BaselineConfidence.ForProfiledPartitions(window.Count);
        BaselineMetricRecord Computed(BaselineMetricRecord? existing, string key, string json) => new()
        {
            DatasetUrn = state.DatasetUrn,
            MetricKey = key,
            ValueJson = json,
            Confidence = confidence,
            IsSynthetic = false,
            SourceBootstrapId = existing?.SourceBootstrapId ?? volumeRow.SourceBootstrapId,
            SourceEngine = RefinementSources.AutoRefined,
            PartitionsSampled = window.Count,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };

        volumeWrite = Computed(volumeRow, MetricKeys.Volume, BaselineValueJson.Write(volume));

        var durations = window.Where(r => r.DurationMs is not null).Select(r => r.DurationMs!.Value).ToList();
        if (durations.Count > 0)
        {
            var timingRow = state.Find(MetricKeys.Timing);
            var timing = RefinementMath.Timing(durations, state.Timing);
            extraWrites.Add(new(Computed(timingRow, MetricKeys.Timing, BaselineValueJson.Write(timing)) with
            {
                // Confidence of the timing row follows the runs that reported a duration.
                Confidence = BaselineConfidence.ForProfiledPartitions(durations.Count),
                PartitionsSampled = durations.Count,
            }, timingRow?.Version));
        }

        var columns = window.SelectMany(r => r.NullRates.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var values = window.Where(r => r.NullRates.ContainsKey(column)).Select(r => r.NullRates[column]).ToList();
            var key = MetricKeys.NullRate(column);
            var row = state.Find(key);
            extraWrites.Add(new(Computed(row, key, BaselineValueJson.Write(RefinementMath.NullRate(values, options.Sigma))) with
            {
                Confidence = BaselineConfidence.ForProfiledPartitions(values.Count),
                PartitionsSampled = values.Count,
            }, row?.Version));
        }

        return new RefinementReport
        {
            RunSequences = sequences,
            Applied = true,
            Mean = stats.Mean,
            StdDev = stats.StdDev,
            Volume = volume,
            WidenedToMinimum = widened,
            OldConfidence = volumeRow.Confidence,
            NewConfidence = confidence,
            Transition = "SYNTHETIC → COMPUTED",
        };
    }

    private static RefinementReport Refused(BaselineMetricRecord volumeRow, IReadOnlyList<long> sequences, string reason, double? mean, double? stdDev) => new()
    {
        RunSequences = sequences,
        Applied = false,
        ReviewReason = reason,
        Mean = mean,
        StdDev = stdDev,
        OldConfidence = volumeRow.Confidence,
        NewConfidence = volumeRow.Confidence,
    };
}
