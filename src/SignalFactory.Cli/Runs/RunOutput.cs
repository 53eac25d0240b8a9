using System.Globalization;
using SignalFactory.Cli.Hosting;
using SignalFactory.Profiling.Refinement;

namespace SignalFactory.Cli.Runs;

/// <summary>What <c>sf runs record</c> prints: a few sentences for people, one JSON object with <c>--json</c>.</summary>
internal static class RunOutput
{
    public static object ToJson(RunRecordResult result, SeededBaseline? seeded)
    {
        var volumeRow = result.Baseline.VolumeRecord;
        return new
        {
            urn = result.DatasetUrn,
            outcome = result.Outcome,
            seeded = seeded is null ? null : new { source = seeded.Source, tier = seeded.Tier, artifact = seeded.ArtifactKey },
            run = new
            {
                sequence = result.Run.Sequence,
                run_id = result.Run.RunId,
                recorded_at = result.Run.RecordedAt,
                row_count = result.Run.RowCount,
                duration_ms = result.Run.DurationMs,
                null_rates = result.Run.NullRates,
                is_known_bad = result.Run.IsKnownBad,
            },
            verdict = result.Verdict,
            judged_against = new
            {
                is_synthetic = result.JudgedAgainstSynthetic,
                avg_row_count = result.JudgedAgainst.AvgRowCount,
                lower_bound = result.JudgedAgainst.AnomalyLowerBound,
                upper_bound = result.JudgedAgainst.AnomalyUpperBound,
                sigma_multiplier = result.JudgedAgainst.SigmaMultiplier,
            },
            auto_refine_runs_remaining = result.AutoRefineRunsRemaining,
            refinement = result.Refinement is not { } r ? null : new
            {
                applied = r.Applied,
                review_reason = r.ReviewReason,
                run_sequences = r.RunSequences,
                mean = r.Mean,
                stddev = r.StdDev,
                widened_to_minimum = r.WidenedToMinimum,
                old_confidence = r.OldConfidence,
                new_confidence = r.NewConfidence,
                transition = r.Transition,
            },
            baseline = new
            {
                is_synthetic = volumeRow.IsSynthetic,
                confidence = volumeRow.Confidence,
                source_engine = volumeRow.SourceEngine,
                flagged_for_review = volumeRow.FlaggedForReview,
                review_reason = volumeRow.ReviewReason,
                volume = result.Baseline.Volume,
            },
        };
    }

    public static void Print(CliConsole console, RunRecordResult result, SeededBaseline? seeded)
    {
        var o = console.Output;
        if (seeded is not null)
        {
            o.WriteLine(seeded.Source == "synthetic"
                ? $"No baseline was stored for {result.DatasetUrn}: seeded a synthetic {seeded.Tier} baseline from tier defaults (refined after {Rows(Profiling.Synthetic.SyntheticBaselineGenerator.AutoRefineAfterRuns)} good runs)."
                : $"No baseline was stored for {result.DatasetUrn}: seeded it from {seeded.ArtifactKey}.");
        }

        var run = result.Run;
        if (result.Outcome == RunRecordOutcome.Duplicate)
        {
            o.WriteLine($"Run id {run.RunId} is already recorded as run {run.Sequence} of {result.DatasetUrn}; nothing changed.");
            return;
        }

        var judged = result.JudgedAgainst;
        var kind = result.JudgedAgainstSynthetic ? "synthetic" : "computed";
        var verdict = result.Verdict switch
        {
            VolumeVerdict.Below => "BELOW",
            VolumeVerdict.Above => "ABOVE",
            _ => "within",
        };
        o.WriteLine($"Run {run.Sequence} of {result.DatasetUrn} (run id {run.RunId}): {Rows(run.RowCount)} rows, {verdict} the bounds "
            + $"[{Rows(judged.AnomalyLowerBound)}, {Rows(judged.AnomalyUpperBound)}] of the {kind} baseline ({Sigma(judged.SigmaMultiplier)}σ).");
        if (run.IsKnownBad)
        {
            o.WriteLine("Marked known-bad: kept in the history, never used for baselines.");
        }

        o.WriteLine(Next(result));
    }

    private static string Next(RunRecordResult result)
    {
        var state = result.Baseline;
        if (result.Refinement is { Applied: true } r)
        {
            var v = r.Volume!;
            return $"Baseline refined {r.Transition} from runs {string.Join(", ", r.RunSequences)}: mean {Rows(v.AvgRowCount)}, "
                + $"stddev {Rows(v.StddevRowCount)}, bounds [{Rows(v.AnomalyLowerBound)}, {Rows(v.AnomalyUpperBound)}] ({Sigma(v.SigmaMultiplier)}σ"
                + (r.WidenedToMinimum ? ", widened to the minimum relative width" : string.Empty) + $"), confidence {r.NewConfidence}.";
        }

        if (result.Refinement is { Applied: false } refused)
        {
            var why = refused.ReviewReason == ReviewReasons.StddevZero
                ? $"the last {refused.RunSequences.Count} good runs all wrote the same row count (stddev 0)"
                : "a run in the refinement window is unreadable";
            return $"Not refined: {why}. The synthetic baseline stays in force and is flagged for review ({refused.ReviewReason}); the next good run tries again.";
        }

        if (state.IsSynthetic)
        {
            return result.AutoRefineRunsRemaining > 0
                ? $"Auto-refinement: {result.AutoRefineRunsRemaining} more good run(s) before the baseline is computed from real runs."
                : $"Auto-refinement is due but waits for more good runs{(state.FlaggedForReview ? $"; flagged for review ({state.VolumeRecord.ReviewReason})" : string.Empty)}.";
        }

        return $"The baseline is computed (confidence {state.VolumeRecord.Confidence}, {state.VolumeRecord.SourceEngine}); runs are judged against it.";
    }

    private static string Rows(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Sigma(double k) => k.ToString("0.##", CultureInfo.InvariantCulture);
}
