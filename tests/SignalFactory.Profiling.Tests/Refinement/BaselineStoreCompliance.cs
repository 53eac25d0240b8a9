using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Refinement;
using SignalFactory.Profiling.Synthetic;
using SignalFactory.Profiling.Tests.Baselines;

namespace SignalFactory.Profiling.Tests.Refinement;

/// <summary>
/// The behaviour every <see cref="IBaselineStore"/> backend must show, including the auto-refiner and reader that
/// run on it. A backend's test class derives from this and supplies a fresh, migrated database per test.
/// </summary>
public abstract partial class BaselineStoreCompliance : IAsyncLifetime, IDisposable
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);

    private IBaselineStore? _store;

    internal ManualClock Clock { get; } = new(Start);

    internal MeterCapture Metrics { get; } = new();

    /// <summary>The store under test, over this test's database.</summary>
    protected IBaselineStore Store => _store ??= OpenStore(Clock);

    protected static CancellationToken Ct => CancellationToken.None;

    public Task InitializeAsync() => CreateBackendAsync();

    public Task DisposeAsync() => DropBackendAsync();

    public void Dispose()
    {
        Metrics.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Prepares an empty, migrated database for this test.</summary>
    protected abstract Task CreateBackendAsync();

    /// <summary>Removes this test's database.</summary>
    protected abstract Task DropBackendAsync();

    /// <summary>Another store instance over this test's database, as a second process would open it.</summary>
    protected abstract IBaselineStore OpenStore(TimeProvider timeProvider, System.Diagnostics.Metrics.Meter? meter = null);

    private async Task<Baseline> SeedSyntheticAsync(string urn, string tier)
    {
        var baseline = new SyntheticBaselineGenerator(Clock).Generate(urn, tier, "boot-1", SyntheticReasons.NoHistory);
        await Store.SaveFromBaselineAsync(baseline, Ct);
        return baseline;
    }

    private BaselineAutoRefiner Refiner(BaselineRefinementOptions? options = null, IBaselineStore? store = null) =>
        new(store ?? Store, Clock, options, Metrics.Meter);

    [Fact]
    public async Task GetAsync_UnknownDataset_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync("ds://raw/nothing", Ct));
    }

    [Fact]
    public async Task SaveFromBaselineAsync_ProfiledBaseline_SplitsIntoOneRowPerMetricKey()
    {
        var baseline = SampleBaselines.Small();

        var state = await Store.SaveFromBaselineAsync(baseline, Ct);

        Assert.Equal(["null_rate:email", "null_rate:id", "pii", "schema", "timing", "volume"], state.Metrics.Select(m => m.MetricKey));
        Assert.All(state.Metrics, m =>
        {
            Assert.Equal(("ds://curated/orders", "MEDIUM", false, "boot-1", "duckdb", 3), (m.DatasetUrn, m.Confidence, m.IsSynthetic, m.SourceBootstrapId, m.SourceEngine, m.PartitionsSampled));
            Assert.Equal((0, false, (string?)null, 1L), (m.AutoRefineRunsRemaining, m.FlaggedForReview, m.ReviewReason, m.Version));
            Assert.Equal((Start, Start), (m.CreatedAt, m.UpdatedAt));
        });
        var reread = await Store.GetAsync("ds://curated/orders", Ct);
        Assert.NotNull(reread);
        Assert.Equal(baseline.Volume, reread.Volume);
        Assert.Equal(baseline.Timing, reread.Timing);
        Assert.Equivalent(baseline.Schema, reread.Schema, strict: true);
        Assert.Equivalent(baseline.PiiScan, reread.Pii, strict: true);
        Assert.Equal([("email", 0.00001), ("id", 0.0)], reread.NullRates.Select(r => (r.Key, r.Value.NullRate)));
        Assert.All(reread.NullRates.Values, r => Assert.Null(r.UpperBound));
        Assert.Empty(reread.RunHistory);
        Assert.False(reread.IsSynthetic);
        Assert.Equal(6, Metrics.Sum("baseline.writes", "source_engine", "duckdb"));
    }

    [Fact]
    public async Task SaveFromBaselineAsync_SyntheticBaseline_VolumeRowWaitsForSevenRuns()
    {
        await SeedSyntheticAsync("ds://raw/orders", "TIER_2");

        var state = (await Store.GetAsync("ds://raw/orders", Ct))!;

        Assert.Equal(["pii", "schema", "timing", "volume"], state.Metrics.Select(m => m.MetricKey));
        var volume = state.VolumeRecord;
        Assert.Equal((true, "LOW", "synthetic", 7), (volume.IsSynthetic, volume.Confidence, volume.SourceEngine, volume.AutoRefineRunsRemaining));
        // LLD §4.6 TIER_2: 100,000 ± 50,000 at 3σ → [max(0, 100,000 − 150,000), 100,000 + 150,000].
        Assert.Equal((100_000L, 50_000L, 0L, 250_000L), (state.Volume.AvgRowCount, state.Volume.StddevRowCount, state.Volume.AnomalyLowerBound, state.Volume.AnomalyUpperBound));
        Assert.All(state.Metrics.Where(m => m.MetricKey != "volume"), m => Assert.Equal((true, 0), (m.IsSynthetic, m.AutoRefineRunsRemaining)));
    }

    [Fact]
    public async Task SaveFromBaselineAsync_SecondSave_ReplacesRowsBumpsVersionsKeepsCreatedAtAndDropsStaleKeys()
    {
        await Store.SaveFromBaselineAsync(SampleBaselines.Small(), Ct);
        Clock.Advance(TimeSpan.FromHours(5));
        var second = SampleBaselines.Small() with
        {
            NullRates = new Dictionary<string, double> { ["id"] = 0.5 },
            ColumnProfiles = new Dictionary<string, ColumnProfile>(),
        };

        var state = await Store.SaveFromBaselineAsync(second, Ct);

        Assert.Equal(["null_rate:id", "pii", "schema", "timing", "volume"], state.Metrics.Select(m => m.MetricKey));
        Assert.All(state.Metrics, m => Assert.Equal((2L, Start, Start.AddHours(5)), (m.Version, m.CreatedAt, m.UpdatedAt)));
        Assert.Equal(0.5, state.NullRates["id"].NullRate);
    }

    [Fact]
    public async Task TryAddFromBaselineAsync_RowsExist_ReturnsFalseAndChangesNothing()
    {
        Assert.True(await Store.TryAddFromBaselineAsync(SampleBaselines.Small(), Ct));
        var before = (await Store.GetAsync("ds://curated/orders", Ct))!;
        var synthetic = new SyntheticBaselineGenerator(Clock).Generate("ds://curated/orders", "TIER_1", "boot-2", SyntheticReasons.BaselineMissing);

        Assert.False(await Store.TryAddFromBaselineAsync(synthetic, Ct));

        var after = (await Store.GetAsync("ds://curated/orders", Ct))!;
        Assert.Equal(before.Metrics, after.Metrics);
    }

    [Fact]
    public async Task CommitRunAsync_StaleVolumeVersion_ThrowsConcurrencyAndWritesNothing()
    {
        await SeedSyntheticAsync("ds://raw/orders", "TIER_2");
        var stale = (await Store.GetAsync("ds://raw/orders", Ct))!;
        await Refiner().RecordRunAsync("ds://raw/orders", new RunMetrics { RowCount = 1_000 }, Ct);
        var run = new RecordedRun(2, "late", Start, 2_000, null, new Dictionary<string, double>(), false, VolumeVerdict.InBounds);
        var write = new BaselineMetricWrite(stale.VolumeRecord with { AutoRefineRunsRemaining = 0 }, stale.VolumeRecord.Version);

        var ex = await Assert.ThrowsAsync<BaselineConcurrencyException>(
            () => Store.CommitRunAsync(new BaselineRunCommit("ds://raw/orders", run, [write], 30), Ct));

        Assert.Equal(("volume", 1L, 2L), (ex.MetricKey, ex.ExpectedVersion, ex.ActualVersion));
        var after = (await Store.GetAsync("ds://raw/orders", Ct))!;
        Assert.Equal([1L], after.RunHistory.Select(r => r.Sequence));
        Assert.Equal(6, after.AutoRefineRunsRemaining);
    }

    [Fact]
    public async Task CommitRunAsync_InsertOfExistingRow_ThrowsConcurrency()
    {
        await SeedSyntheticAsync("ds://raw/orders", "TIER_2");
        var state = (await Store.GetAsync("ds://raw/orders", Ct))!;
        var run = new RecordedRun(1, "r1", Start, 2_000, null, new Dictionary<string, double>(), false, VolumeVerdict.InBounds);

        var ex = await Assert.ThrowsAsync<BaselineConcurrencyException>(() => Store.CommitRunAsync(
            new BaselineRunCommit("ds://raw/orders", run, [new BaselineMetricWrite(state.Find("timing")!, ExpectedVersion: null)], 30), Ct));

        Assert.Equal(("timing", (long?)null, (long?)1), (ex.MetricKey, ex.ExpectedVersion, ex.ActualVersion));
        Assert.Empty((await Store.GetAsync("ds://raw/orders", Ct))!.RunHistory);
    }

    [Fact]
    public async Task RecordRunAsync_MoreRunsThanHistoryLimit_KeepsTheMostRecent()
    {
        await Store.SaveFromBaselineAsync(SampleBaselines.Small(), Ct);
        var refiner = Refiner(new BaselineRefinementOptions { HistoryLimit = 7 });

        for (var i = 1; i <= 10; i++)
        {
            await refiner.RecordRunAsync("ds://curated/orders", new RunMetrics { RowCount = 100 + i }, Ct);
        }

        var state = (await Store.GetAsync("ds://curated/orders", Ct))!;
        Assert.Equal([4L, 5, 6, 7, 8, 9, 10], state.RunHistory.Select(r => r.Sequence));
        Assert.Equal([104L, 105, 106, 107, 108, 109, 110], state.RunHistory.Select(r => r.RowCount));
    }

    [Fact]
    public async Task GetFleetSummaryAsync_MixedDatasets_CountsSyntheticAndFlagged()
    {
        await Store.SaveFromBaselineAsync(SampleBaselines.Small(), Ct);
        await SeedSyntheticAsync("ds://raw/a", "TIER_1");
        await SeedSyntheticAsync("ds://raw/b", "TIER_3");
        var refiner = Refiner();
        for (var i = 0; i < 7; i++)
        {
            await refiner.RecordRunAsync("ds://raw/b", new RunMetrics { RowCount = 500 }, Ct);
        }

        Assert.Equal(new BaselineFleetSummary(3, 2, 1), await Store.GetFleetSummaryAsync(Ct));
    }
}
