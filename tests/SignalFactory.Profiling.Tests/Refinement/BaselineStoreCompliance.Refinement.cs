using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Refinement;
using SignalFactory.Profiling.Tests.Baselines;

namespace SignalFactory.Profiling.Tests.Refinement;

public abstract partial class BaselineStoreCompliance
{
    private const string Orders = "ds://raw/orders";

    private async Task<List<RunRecordResult>> RecordAllAsync(BaselineAutoRefiner refiner, string urn, IEnumerable<RunMetrics> runs)
    {
        var results = new List<RunRecordResult>();
        foreach (var run in runs)
        {
            Clock.Advance(TimeSpan.FromDays(1));
            results.Add(await refiner.RecordRunAsync(urn, run, Ct));
        }

        return results;
    }

    private static IEnumerable<RunMetrics> Counts(params long[] counts) => counts.Select(c => new RunMetrics { RowCount = c });

    [Fact]
    public async Task RecordRunAsync_SixRunsThenSeventh_KeepsSyntheticThenRefinesToHandComputedTwoSigmaBounds()
    {
        var synthetic = await SeedSyntheticAsync(Orders, "TIER_2");
        long[] counts = [100_000, 104_000, 97_000, 110_000, 95_000, 102_000, 108_000];
        long[] durations = [1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000];
        double[] emailNulls = [0.01, 0.02, 0.01, 0.03, 0.02, 0.01, 0.02];
        var runs = counts.Select((c, i) => new RunMetrics
        {
            RowCount = c,
            DurationMs = durations[i],
            NullRates = new Dictionary<string, double> { ["email"] = emailNulls[i] },
            RunId = $"airflow-{i + 1}",
        }).ToList();
        var refiner = Refiner();

        var firstSix = await RecordAllAsync(refiner, Orders, runs.Take(6));

        Assert.All(firstSix, r => Assert.Equal((RunRecordOutcome.Recorded, VolumeVerdict.InBounds, true), (r.Outcome, r.Verdict, r.JudgedAgainstSynthetic)));
        Assert.Equal([6, 5, 4, 3, 2, 1], firstSix.Select(r => r.AutoRefineRunsRemaining));
        var afterSix = (await Store.GetAsync(Orders, Ct))!;
        Assert.True(afterSix.IsSynthetic);
        Assert.Equal(1, afterSix.AutoRefineRunsRemaining);
        Assert.Equal("LOW", afterSix.VolumeRecord.Confidence);
        Assert.Equal(synthetic.Volume, afterSix.Volume);
        Assert.Equal(0, Metrics.Sum("baseline.auto_refine.triggered"));

        var seventh = (await RecordAllAsync(refiner, Orders, runs.Skip(6))).Single();

        // Expected values from first principles: mean, sample σ (n − 1), bounds mean ± 2σ widened to whole rows.
        var mean = HandStats.Mean(counts);
        var sd = HandStats.SampleStdDev(counts);
        Assert.Equal(102_285.714286, mean, 5);
        Assert.Equal(5_498.917642, sd, 5);
        Assert.Equal(RunRecordOutcome.Refined, seventh.Outcome);
        Assert.Equal(VolumeVerdict.InBounds, seventh.Verdict);
        Assert.True(seventh.JudgedAgainstSynthetic);
        Assert.Equal(synthetic.Volume, seventh.JudgedAgainst);
        var report = seventh.Refinement!;
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], report.RunSequences);
        Assert.Equal(mean, report.Mean!.Value, 9);
        Assert.Equal(sd, report.StdDev!.Value, 9);
        Assert.False(report.WidenedToMinimum);
        Assert.Equal(("LOW", "HIGH", "SYNTHETIC → COMPUTED"), (report.OldConfidence, report.NewConfidence, report.Transition));

        var state = (await Store.GetAsync(Orders, Ct))!;
        var volume = state.Volume;
        Assert.Equal((long)Math.Round(mean, MidpointRounding.AwayFromZero), volume.AvgRowCount);
        Assert.Equal((long)Math.Round(sd, MidpointRounding.AwayFromZero), volume.StddevRowCount);
        Assert.Equal((long)Math.Floor(mean - (2 * sd)), volume.AnomalyLowerBound);
        Assert.Equal((long)Math.Ceiling(mean + (2 * sd)), volume.AnomalyUpperBound);
        Assert.Equal((91_287L, 113_284L), (volume.AnomalyLowerBound, volume.AnomalyUpperBound));
        Assert.Equal((95_000L, 110_000L, 2.0), (volume.MinRowCount, volume.MaxRowCount, volume.SigmaMultiplier));
        var row = state.VolumeRecord;
        Assert.Equal(("HIGH", false, "auto-refined", 7, 0, false), (row.Confidence, row.IsSynthetic, row.SourceEngine, row.PartitionsSampled, row.AutoRefineRunsRemaining, row.FlaggedForReview));
        Assert.Equal("boot-1", row.SourceBootstrapId);
        Assert.Equal(Start, row.CreatedAt);

        // Timing from the durations: mean 4,000; nearest rank p50 = 4th of 7, p95 = p99 = 7th.
        Assert.Equal(new TimingBaseline { AvgDurationMs = 4_000, P50DurationMs = 4_000, P95DurationMs = 7_000, P99DurationMs = 7_000, Source = "recorded_runs" }, state.Timing);
        Assert.Equal(("HIGH", false), (state.Find("timing")!.Confidence, state.Find("timing")!.IsSynthetic));

        var nullMean = emailNulls.Average();
        var nullSd = Math.Sqrt(emailNulls.Sum(x => (x - nullMean) * (x - nullMean)) / 6);
        var email = state.NullRates["email"];
        Assert.Equal(nullMean, email.NullRate, 12);
        Assert.Equal(nullSd, email.StddevNullRate!.Value, 12);
        Assert.Equal(Math.Max(0, nullMean - (2 * nullSd)), email.LowerBound!.Value, 12);
        Assert.Equal(nullMean + (2 * nullSd), email.UpperBound!.Value, 12);
        Assert.Equal((0.01, 0.03, 7), (email.MinNullRate, email.MaxNullRate, email.Runs));

        Assert.Equal((1, 1, 0), (Metrics.Sum("baseline.auto_refine.triggered"), Metrics.Sum("baseline.auto_refine.completed"), Metrics.Sum("baseline.auto_refine.flagged")));
        Assert.Equal(0, Metrics.Last("baseline.synthetic_active"));
    }

    [Fact]
    public async Task RecordRunAsync_FlatSeries_KeepsSyntheticAndFlagsForReviewUntilTheSeriesVaries()
    {
        var synthetic = await SeedSyntheticAsync(Orders, "TIER_2");
        var refiner = Refiner();

        var results = await RecordAllAsync(refiner, Orders, Counts(50_000, 50_000, 50_000, 50_000, 50_000, 50_000, 50_000));

        var seventh = results[^1];
        Assert.Equal(RunRecordOutcome.Flagged, seventh.Outcome);
        Assert.Equal((false, "STDDEV_ZERO", 50_000.0, 0.0), (seventh.Refinement!.Applied, seventh.Refinement.ReviewReason, seventh.Refinement.Mean, seventh.Refinement.StdDev));
        var state = (await Store.GetAsync(Orders, Ct))!;
        Assert.True(state.IsSynthetic);
        Assert.True(state.FlaggedForReview);
        Assert.Equal(("STDDEV_ZERO", "LOW", "synthetic", 0), (state.VolumeRecord.ReviewReason, state.VolumeRecord.Confidence, state.VolumeRecord.SourceEngine, state.AutoRefineRunsRemaining));
        Assert.Equal(synthetic.Volume, state.Volume);
        Assert.Equal((1, 0, 1), (Metrics.Sum("baseline.auto_refine.triggered"), Metrics.Sum("baseline.auto_refine.completed"), Metrics.Sum("baseline.auto_refine.flagged", "reason", "STDDEV_ZERO")));

        // The next good run retries with the newest seven runs (2..8); now σ > 0, so it refines and clears the flag.
        var eighth = (await RecordAllAsync(refiner, Orders, Counts(60_000))).Single();

        Assert.Equal(RunRecordOutcome.Refined, eighth.Outcome);
        Assert.Equal([2L, 3, 4, 5, 6, 7, 8], eighth.Refinement!.RunSequences);
        long[] window = [50_000, 50_000, 50_000, 50_000, 50_000, 50_000, 60_000];
        var (mean, sd) = (HandStats.Mean(window), HandStats.SampleStdDev(window));
        var refined = (await Store.GetAsync(Orders, Ct))!;
        Assert.False(refined.IsSynthetic);
        Assert.False(refined.FlaggedForReview);
        Assert.Null(refined.VolumeRecord.ReviewReason);
        Assert.Equal(((long)Math.Floor(mean - (2 * sd)), (long)Math.Ceiling(mean + (2 * sd))), (refined.Volume.AnomalyLowerBound, refined.Volume.AnomalyUpperBound));
    }

    [Fact]
    public async Task RecordRunAsync_KnownBadRun_IsKeptButNeitherCountsNorEntersTheBounds()
    {
        await SeedSyntheticAsync(Orders, "TIER_1");
        var refiner = Refiner();
        var runs = Counts(400_000, 420_000, 410_000)
            .Append(new RunMetrics { RowCount = 5_000_000, IsKnownBad = true })
            .Concat(Counts(430_000, 405_000, 415_000))
            .ToList();

        var results = await RecordAllAsync(refiner, Orders, runs);

        Assert.Equal([6, 5, 4, 4, 3, 2, 1], results.Select(r => r.AutoRefineRunsRemaining));
        Assert.Equal(VolumeVerdict.Above, results[3].Verdict); // 5,000,000 > 500,000 + 3 × 150,000
        Assert.All(results, r => Assert.Equal(RunRecordOutcome.Recorded, r.Outcome));

        var seventhGood = (await RecordAllAsync(refiner, Orders, Counts(425_000))).Single();

        Assert.Equal(RunRecordOutcome.Refined, seventhGood.Outcome);
        Assert.Equal([1L, 2, 3, 5, 6, 7, 8], seventhGood.Refinement!.RunSequences);
        long[] good = [400_000, 420_000, 410_000, 430_000, 405_000, 415_000, 425_000];
        var (mean, sd) = (HandStats.Mean(good), HandStats.SampleStdDev(good));
        var volume = (await Store.GetAsync(Orders, Ct))!.Volume;
        Assert.Equal((long)Math.Round(mean, MidpointRounding.AwayFromZero), volume.AvgRowCount);
        Assert.Equal(((long)Math.Floor(mean - (2 * sd)), (long)Math.Ceiling(mean + (2 * sd))), (volume.AnomalyLowerBound, volume.AnomalyUpperBound));
        Assert.Equal(430_000, volume.MaxRowCount);
        var history = (await Store.GetAsync(Orders, Ct))!.RunHistory;
        Assert.True(history.Single(r => r.Sequence == 4).IsKnownBad);
    }

    [Fact]
    public async Task RecordRunAsync_AfterRefinement_JudgesEachRunAgainstBoundsThatDoNotIncludeIt()
    {
        await SeedSyntheticAsync(Orders, "TIER_2");
        var refiner = Refiner();
        long[] counts = [100_000, 104_000, 97_000, 110_000, 95_000, 102_000, 108_000];
        await RecordAllAsync(refiner, Orders, Counts(counts));
        var refined = (await Store.GetAsync(Orders, Ct))!.Volume;

        var results = await RecordAllAsync(
            refiner, Orders, Counts(refined.AnomalyUpperBound + 1, refined.AnomalyLowerBound - 1, refined.AnomalyUpperBound, refined.AnomalyLowerBound));

        Assert.Equal([VolumeVerdict.Above, VolumeVerdict.Below, VolumeVerdict.InBounds, VolumeVerdict.InBounds], results.Select(r => r.Verdict));
        Assert.All(results, r => Assert.Equal((RunRecordOutcome.Recorded, false, refined), (r.Outcome, r.JudgedAgainstSynthetic, r.JudgedAgainst)));
        var state = (await Store.GetAsync(Orders, Ct))!;
        Assert.Equal(refined, state.Volume); // a computed baseline is stable
        Assert.Equal(
            [VolumeVerdict.Above, VolumeVerdict.Below, VolumeVerdict.InBounds, VolumeVerdict.InBounds],
            state.RunHistory.Where(r => r.Sequence > 7).Select(r => r.Verdict));
    }

    [Fact]
    public async Task RecordRunAsync_NearlyFlatSeries_BoundsWidenedToMinimumRelativeWidth()
    {
        await SeedSyntheticAsync(Orders, "TIER_3");
        long[] counts = [1_000, 1_001, 1_000, 1_000, 1_001, 1_000, 1_000];

        var seventh = (await RecordAllAsync(Refiner(), Orders, Counts(counts)))[^1];

        var mean = HandStats.Mean(counts);
        Assert.True(2 * HandStats.SampleStdDev(counts) < 0.05 * mean);
        Assert.True(seventh.Refinement!.WidenedToMinimum);
        var volume = (await Store.GetAsync(Orders, Ct))!.Volume;
        Assert.Equal(((long)Math.Floor(mean * 0.95), (long)Math.Ceiling(mean * 1.05)), (volume.AnomalyLowerBound, volume.AnomalyUpperBound));
        Assert.Equal((950L, 1_051L), (volume.AnomalyLowerBound, volume.AnomalyUpperBound));
        var next = (await RecordAllAsync(Refiner(), Orders, Counts(1_020))).Single();
        Assert.Equal(VolumeVerdict.InBounds, next.Verdict);
    }

    [Fact]
    public async Task RecordRunAsync_MinimumWidthOff_KeepsTheNarrowTwoSigmaBounds()
    {
        await SeedSyntheticAsync(Orders, "TIER_3");
        long[] counts = [1_000, 1_001, 1_000, 1_000, 1_001, 1_000, 1_000];
        var refiner = Refiner(new BaselineRefinementOptions { MinRelativeHalfWidth = 0 });

        var seventh = (await RecordAllAsync(refiner, Orders, Counts(counts)))[^1];

        var (mean, sd) = (HandStats.Mean(counts), HandStats.SampleStdDev(counts));
        Assert.False(seventh.Refinement!.WidenedToMinimum);
        var volume = (await Store.GetAsync(Orders, Ct))!.Volume;
        Assert.Equal(((long)Math.Floor(mean - (2 * sd)), (long)Math.Ceiling(mean + (2 * sd))), (volume.AnomalyLowerBound, volume.AnomalyUpperBound));
        Assert.Equal((999L, 1_002L), (volume.AnomalyLowerBound, volume.AnomalyUpperBound));
        Assert.Equal(VolumeVerdict.Above, (await refiner.RecordRunAsync(Orders, new RunMetrics { RowCount = 1_020 }, Ct)).Verdict);
    }

    [Fact]
    public async Task RecordRunAsync_SameRunIdTwice_SecondChangesNothing()
    {
        await SeedSyntheticAsync(Orders, "TIER_2");
        var refiner = Refiner();
        var first = await refiner.RecordRunAsync(Orders, new RunMetrics { RowCount = 90_000, RunId = "airflow-1" }, Ct);
        Clock.Advance(TimeSpan.FromHours(1));

        var again = await refiner.RecordRunAsync(Orders, new RunMetrics { RowCount = 90_000, RunId = "airflow-1" }, Ct);

        Assert.Equal(RunRecordOutcome.Duplicate, again.Outcome);
        Assert.Equivalent(first.Run, again.Run, strict: true);
        var state = (await Store.GetAsync(Orders, Ct))!;
        Assert.Single(state.RunHistory);
        Assert.Equal((6, 2L), (state.AutoRefineRunsRemaining, state.VolumeRecord.Version));
    }

    [Fact]
    public async Task RecordRunAsync_ComputedBaseline_RecordsAndJudgesButNeverRefines()
    {
        var baseline = SampleBaselines.Small();
        await Store.SaveFromBaselineAsync(baseline, Ct);

        var results = await RecordAllAsync(Refiner(), "ds://curated/orders", Counts(79, 80, 100, 120, 121, 100, 100, 100));

        Assert.All(results, r => Assert.Equal((RunRecordOutcome.Recorded, 0, (RefinementReport?)null), (r.Outcome, r.AutoRefineRunsRemaining, r.Refinement)));
        Assert.Equal([VolumeVerdict.Below, VolumeVerdict.InBounds, VolumeVerdict.InBounds, VolumeVerdict.InBounds, VolumeVerdict.Above],
            results.Take(5).Select(r => r.Verdict));
        Assert.Equal(baseline.Volume, (await Store.GetAsync("ds://curated/orders", Ct))!.Volume);
    }

    [Fact]
    public async Task RecordRunAsync_InvalidMetrics_ThrowsAndRecordsNothing()
    {
        await SeedSyntheticAsync(Orders, "TIER_2");
        var refiner = Refiner();

        await Assert.ThrowsAsync<ArgumentException>(() => refiner.RecordRunAsync(Orders, new RunMetrics { RowCount = -1 }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => refiner.RecordRunAsync(Orders, new RunMetrics { RowCount = 1, DurationMs = -5 }, Ct));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => refiner.RecordRunAsync(
            Orders, new RunMetrics { RowCount = 1, NullRates = new Dictionary<string, double> { ["email"] = 1.5 } }, Ct));

        Assert.Contains("'email'", ex.Message, StringComparison.Ordinal);
        Assert.Empty((await Store.GetAsync(Orders, Ct))!.RunHistory);
    }

    [Fact]
    public async Task RecordRunAsync_UnknownDataset_ThrowsBaselineNotFound()
    {
        var ex = await Assert.ThrowsAsync<BaselineNotFoundException>(
            () => Refiner().RecordRunAsync("ds://raw/unknown", new RunMetrics { RowCount = 1 }, Ct));

        Assert.Equal("ds://raw/unknown", ex.DatasetUrn);
    }

    [Fact]
    public async Task GetEffectiveVolumeBaselineAsync_NoBaseline_AnswersTierDefaultsAndCountsMissing()
    {
        var reader = new BaselineReader(Store, Metrics.Meter);

        var effective = await reader.GetEffectiveVolumeBaselineAsync("ds://raw/unknown", "TIER_1", Ct);

        // LLD §4.6 TIER_1: 500,000 ± 150,000, 3σ → [500,000 − 450,000, 500,000 + 450,000].
        Assert.Equal((true, true, "LOW"), (effective.IsMissing, effective.IsSynthetic, effective.Confidence));
        Assert.Equal((500_000L, 150_000L, 50_000L, 950_000L),
            (effective.Volume.AvgRowCount, effective.Volume.StddevRowCount, effective.Volume.AnomalyLowerBound, effective.Volume.AnomalyUpperBound));
        Assert.Equal(1, Metrics.Sum("baseline.missing"));
        Assert.Equal(1, Metrics.Sum("baseline.missing", "tier", "TIER_1"));
        Assert.Equal(1, Metrics.Sum("baseline.reads", "is_synthetic", true));
        Assert.Null(await Store.GetAsync("ds://raw/unknown", Ct));
    }

    [Fact]
    public async Task GetEffectiveVolumeBaselineAsync_StoredBaseline_AnswersItWithoutCountingMissing()
    {
        var baseline = SampleBaselines.Small();
        await Store.SaveFromBaselineAsync(baseline, Ct);

        var effective = await new BaselineReader(Store, Metrics.Meter).GetEffectiveVolumeBaselineAsync("ds://curated/orders", "TIER_2", Ct);

        Assert.Equal(new EffectiveVolumeBaseline("ds://curated/orders", baseline.Volume, "MEDIUM", false, false, false, 0), effective);
        Assert.Equal(0, Metrics.Sum("baseline.missing"));
        Assert.Equal(1, Metrics.Sum("baseline.reads", "is_synthetic", false));
    }
}
