using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Refinement;

namespace SignalFactory.Profiling.Tests.Refinement;

public abstract partial class BaselineStoreCompliance
{
    [Fact]
    public async Task RecordRunAsync_AnotherWriterCommitsFirst_RetriesFromFreshStateAndLosesNothing()
    {
        await SeedSyntheticAsync(Orders, "TIER_2");
        var other = Refiner(store: OpenStore(Clock));
        var interfering = new InterferingStore(Store, () => other.RecordRunAsync(Orders, new RunMetrics { RowCount = 111, RunId = "other" }, Ct));

        var result = await Refiner(store: interfering).RecordRunAsync(Orders, new RunMetrics { RowCount = 222, RunId = "mine" }, Ct);

        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, result.Run.Sequence);
        var state = (await Store.GetAsync(Orders, Ct))!;
        Assert.Equal([("other", 1L), ("mine", 2L)], state.RunHistory.Select(r => (r.RunId, r.Sequence)));
        Assert.Equal(5, state.AutoRefineRunsRemaining);
    }

    [Fact]
    public async Task RecordRunAsync_TwoProcessesRecordingAtOnce_NumberRunsContiguouslyAndRefineOnce()
    {
        await SeedSyntheticAsync(Orders, "TIER_2");
        var options = new BaselineRefinementOptions { MaxAttempts = 100 };
        var a = Refiner(options, OpenStore(Clock));
        var b = Refiner(options, OpenStore(Clock));
        using var start = new Barrier(2);

        Task<List<RunRecordResult>> Writer(BaselineAutoRefiner refiner, string name, long baseCount) => Task.Run(async () =>
        {
            start.SignalAndWait();
            var results = new List<RunRecordResult>();
            for (var i = 0; i < 6; i++)
            {
                results.Add(await refiner.RecordRunAsync(Orders, new RunMetrics { RowCount = baseCount + i, RunId = $"{name}-{i}" }, Ct));
            }

            return results;
        });

        var all = (await Task.WhenAll(Writer(a, "a", 100_000), Writer(b, "b", 90_000))).SelectMany(r => r).ToList();

        var state = (await Store.GetAsync(Orders, Ct))!;
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), state.RunHistory.Select(r => r.Sequence));
        Assert.Equal(12, state.RunHistory.Select(r => r.RunId).Distinct().Count());
        Assert.Single(all, r => r.Outcome == RunRecordOutcome.Refined);
        Assert.False(state.IsSynthetic);
        var window = all.Single(r => r.Outcome == RunRecordOutcome.Refined).Refinement!.RunSequences;
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], window);
    }

    /// <summary>Lets another writer commit just before the first commit of the wrapped store.</summary>
    private sealed class InterferingStore(IBaselineStore inner, Func<Task> interfere) : IBaselineStore
    {
        private bool _interfered;

        public async Task CommitRunAsync(BaselineRunCommit commit, CancellationToken cancellationToken)
        {
            if (!_interfered)
            {
                _interfered = true;
                await interfere();
            }

            await inner.CommitRunAsync(commit, cancellationToken);
        }

        public Task<BaselineState> SaveFromBaselineAsync(Baseline baseline, CancellationToken cancellationToken) => inner.SaveFromBaselineAsync(baseline, cancellationToken);

        public Task<bool> TryAddFromBaselineAsync(Baseline baseline, CancellationToken cancellationToken) => inner.TryAddFromBaselineAsync(baseline, cancellationToken);

        public Task<BaselineState?> GetAsync(string datasetUrn, CancellationToken cancellationToken) => inner.GetAsync(datasetUrn, cancellationToken);

        public Task<BaselineFleetSummary> GetFleetSummaryAsync(CancellationToken cancellationToken) => inner.GetFleetSummaryAsync(cancellationToken);
    }
}
