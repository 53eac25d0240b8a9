using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Store;

namespace SignalFactory.Orchestration.Tests.Runtime;

public sealed class ConcurrencyLimitTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private RuntimeFixture _fixture = null!;
    private int _urns;

    public async Task InitializeAsync() => _fixture = await RuntimeFixture.CreateAsync();

    public Task DisposeAsync()
    {
        _fixture.Dispose();
        return Task.CompletedTask;
    }

    private static OrchestratorSettings Limits(int global = 20, int jobs = 10, int tier1 = 5, int tier2 = 10, int tier3 = 5, bool zeroCooling = false)
    {
        var settings = OrchestratorSettings.Default with
        {
            Concurrency = new ConcurrencyLimits { MaxParallelBootstraps = global, MaxProfilingJobs = jobs, Tier1 = tier1, Tier2 = tier2, Tier3 = tier3 },
        };
        return zeroCooling ? settings with { Tier3 = settings.Tier3 with { Approval = TimeSpan.Zero } } : settings;
    }

    private async Task<List<string>> InitiateAsync(BootstrapOperations ops, params string[] tiers)
    {
        var ids = new List<string>();
        for (var i = 0; i < tiers.Length; i++)
        {
            ids.Add((await ops.InitiateAsync(RuntimeFixture.Request(tiers[i], $"ds://curated/t{_urns++:D3}"), false, None)).BootstrapId);
        }

        return ids;
    }

    private BootstrapWorkerPool Pool(BootstrapOperations ops, IBootstrapStepExecutor executor, int workers, string prefix = "w") =>
        new([.. Enumerable.Range(1, workers).Select(i => new BootstrapWorker(ops, executor, _fixture.Clock, $"{prefix}{i}",
            new BootstrapWorkerOptions(TimeSpan.FromSeconds(60), TimeSpan.FromHours(1))))]);

    private BootstrapWorker Worker(BootstrapOperations ops, IBootstrapStepExecutor executor, string id) =>
        new(ops, executor, _fixture.Clock, id, new BootstrapWorkerOptions(TimeSpan.FromSeconds(60), TimeSpan.FromHours(1)));

    private async Task<BootstrapState> StateAsync(BootstrapOperations ops, string id) => (await ops.FindAsync(id, None))!.Record.CurrentStep;

    [Fact]
    public async Task RunOnceAsync_GlobalLimitReached_OtherWorkersClaimNothingAndTheRestQueueInOrder()
    {
        var ops = _fixture.Operations(Limits(global: 2));
        var ids = await InitiateAsync(ops, "TIER_3", "TIER_3", "TIER_3", "TIER_3");
        var probe = new ConcurrencyProbe { HoldIf = (_, command) => command is ValidateRegistration };

        var first = Worker(ops, probe, "a").RunOnceAsync(None);
        var second = Worker(ops, probe, "b").RunOnceAsync(None);
        await probe.WhenEnteredAsync(2);
        var third = await Worker(ops, probe, "c").RunOnceAsync(None);
        var holding = await _fixture.CountAsync("SELECT COUNT(*) FROM bootstraps WHERE holds_slot = 1");
        var queued = await ops.ListQueuedAsync(None);
        probe.Release.SetResult();
        await Task.WhenAll(first, second);
        await Worker(ops, probe, "c").RunUntilIdleAsync(None);

        Assert.Null(third);
        Assert.Equal(2, holding);
        Assert.Equal([ids[2], ids[3]], queued.Select(q => q.BootstrapId));
        Assert.Equal([1, 2], queued.Select(q => q.Position));
        Assert.All(queued, q => Assert.Equal(2, q.Length));
        Assert.Equal(ids[..2].Order(), probe.Admitted.Take(2).Order());
        Assert.Equal(ids[2..], probe.Admitted.Skip(2));
        foreach (var id in ids)
        {
            Assert.Equal(BootstrapState.PolicyPending, await StateAsync(ops, id));
        }

        Assert.Equal(0, await _fixture.CountAsync("SELECT COUNT(*) FROM bootstraps WHERE holds_slot = 1"));
    }

    [Fact]
    public async Task RunUntilIdleAsync_PoolOfFourTier3LimitOne_StartsInInitiationOrderOneAtATime()
    {
        var ops = _fixture.Operations(Limits(tier3: 1));
        var ids = await InitiateAsync(ops, "TIER_3", "TIER_3", "TIER_3", "TIER_3", "TIER_3");
        var probe = new ConcurrencyProbe { Yield = true };

        await Pool(ops, probe, 4).RunUntilIdleAsync(None);

        Assert.Equal(ids, probe.Admitted);
        Assert.Equal(1, probe.MaxHolding);
        foreach (var id in ids)
        {
            Assert.Equal(BootstrapState.PolicyPending, await StateAsync(ops, id));
        }
    }

    [Fact]
    public async Task RunOnceAsync_Tier1Full_QueuedTier1DoesNotBlockTier3WithRoom()
    {
        var ops = _fixture.Operations(Limits(tier1: 1));
        var ids = await InitiateAsync(ops, "TIER_1", "TIER_1", "TIER_3");
        var probe = new ConcurrencyProbe { HoldIf = (_, command) => command is ValidateRegistration };

        var first = Worker(ops, probe, "a").RunOnceAsync(None);
        await probe.WhenEnteredAsync(1);
        var second = Worker(ops, probe, "b").RunOnceAsync(None);
        await probe.WhenEnteredAsync(2);
        var third = await Worker(ops, probe, "c").RunOnceAsync(None);
        var queued = await ops.ListQueuedAsync(None);
        probe.Release.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal([ids[0], ids[2]], probe.Admitted);
        Assert.Null(third);
        Assert.Equal([ids[1]], queued.Select(q => q.BootstrapId));
    }

    [Fact]
    public async Task RunUntilIdleAsync_Tier1LimitOne_NextStartsOnlyAfterTheFirstParksAtPolicyPending()
    {
        var ops = _fixture.Operations(Limits(tier1: 1));
        var ids = await InitiateAsync(ops, "TIER_1", "TIER_1");
        var probe = new ConcurrencyProbe();

        await Pool(ops, probe, 2).RunUntilIdleAsync(None);

        var log = probe.Log.ToList();
        var firstParks = log.IndexOf((ids[0], "GeneratePolicy"));
        var secondStarts = log.IndexOf((ids[1], "ValidateRegistration"));
        Assert.True(firstParks >= 0 && secondStarts > firstParks, string.Join(", ", log));
        Assert.Equal(BootstrapState.PolicyPending, await StateAsync(ops, ids[0]));
        Assert.Equal(BootstrapState.PolicyPending, await StateAsync(ops, ids[1]));
    }

    [Fact]
    public async Task CancelAsync_SlotHolderCancelled_QueuedBootstrapStarts()
    {
        var ops = _fixture.Operations(Limits(tier3: 1));
        var ids = await InitiateAsync(ops, "TIER_3", "TIER_3");
        var probe = new ConcurrencyProbe { HoldIf = (record, command) => command is StartProfiling && record.BootstrapId == ids[0] };

        var running = Worker(ops, probe, "a").RunOnceAsync(None);
        await probe.WhenEnteredAsync(1);
        var whileFull = await Worker(ops, probe, "b").RunOnceAsync(None);
        await ops.CancelAsync(ids[0], Actor.Human("jane.doe"), "not needed", None);
        await Worker(ops, probe, "b").RunUntilIdleAsync(None);
        probe.Release.SetResult();
        await running;

        Assert.Null(whileFull);
        Assert.Equal(BootstrapState.Cancelled, await StateAsync(ops, ids[0]));
        Assert.Equal(BootstrapState.PolicyPending, await StateAsync(ops, ids[1]));
    }

    [Fact]
    public async Task ApproveAsync_ApprovedWhileTierFull_SigningWaitsForASlot()
    {
        var ops = _fixture.Operations(Limits(tier1: 1));
        var ids = await InitiateAsync(ops, "TIER_1");
        var probe = new ConcurrencyProbe { HoldIf = (record, command) => command is StartProfiling && record.BootstrapId != ids[0] };
        await Worker(ops, probe, "a").RunUntilIdleAsync(None);
        ids.AddRange(await InitiateAsync(ops, "TIER_1", "TIER_1"));

        var second = Worker(ops, probe, "b").RunOnceAsync(None);
        await probe.WhenEnteredAsync(1);
        await ops.ApproveAsync(ids[0], Actor.Human("jane.doe"), None);
        var whileFull = await Worker(ops, probe, "c").RunOnceAsync(None);
        var queued = await ops.ListQueuedAsync(None);
        var approvedState = await StateAsync(ops, ids[0]);
        probe.Release.SetResult();
        await second;
        await Worker(ops, probe, "c").RunUntilIdleAsync(None);

        Assert.Null(whileFull);
        Assert.Equal(BootstrapState.PolicyApproved, approvedState);
        // The approved bootstrap was initiated first, so it is ahead of the still-queued third one.
        Assert.Equal([ids[0], ids[2]], queued.Select(q => q.BootstrapId));
        Assert.Equal(BootstrapState.SignalReady, await StateAsync(ops, ids[0]));
        Assert.Equal(BootstrapState.PolicyPending, await StateAsync(ops, ids[1]));
        Assert.Equal(BootstrapState.PolicyPending, await StateAsync(ops, ids[2]));
        Assert.Equal(1, probe.MaxPerTier["TIER_1"]);
    }

    [Fact]
    public async Task RunOnceAsync_ProfilingLimitOne_SecondProfileWaitsUntilTheFirstEnds()
    {
        var ops = _fixture.Operations(Limits(jobs: 1));
        var ids = await InitiateAsync(ops, "TIER_2", "TIER_2");
        var probe = new ConcurrencyProbe { HoldIf = (_, command) => command is StartProfiling };

        var first = Worker(ops, probe, "a").RunOnceAsync(None);
        await probe.WhenEnteredAsync(1);
        var secondSteps = await Worker(ops, probe, "b").RunOnceAsync(None);
        var waiting = (await ops.FindAsync(ids[1], None))!;
        var third = await Worker(ops, probe, "c").RunOnceAsync(None);
        probe.Release.SetResult();
        await first;
        await Worker(ops, probe, "c").RunUntilIdleAsync(None);

        Assert.Equal(1, secondSteps); // registration only
        Assert.Equal(BootstrapState.Profiling, waiting.Record.CurrentStep);
        Assert.Null(waiting.LeaseOwner);
        Assert.Null(third);
        Assert.Equal(1, probe.MaxProfiling);
        Assert.Equal(BootstrapState.PolicyPending, await StateAsync(ops, ids[0]));
        Assert.Equal(BootstrapState.PolicyPending, await StateAsync(ops, ids[1]));
    }

    [Fact]
    public async Task RunOnceAsync_TierLimitRaisedWithConfigSet_RunningWorkersHonourIt()
    {
        var ops = _fixture.Operations();
        var settings = new WorkspaceSettings(_fixture.Workspace.DatabasePath, _fixture.Clock);
        await settings.SetAsync(WorkspaceSettings.Tier3Limit, "1", None);
        var ids = await InitiateAsync(ops, "TIER_3", "TIER_3");
        var probe = new ConcurrencyProbe { HoldIf = (_, command) => command is ValidateRegistration };

        var first = Worker(ops, probe, "a").RunOnceAsync(None);
        await probe.WhenEnteredAsync(1);
        var atOne = await Worker(ops, probe, "b").RunOnceAsync(None);
        await settings.SetAsync(WorkspaceSettings.Tier3Limit, "2", None);
        var second = Worker(ops, probe, "b").RunOnceAsync(None);
        await probe.WhenEnteredAsync(2);
        probe.Release.SetResult();
        await Task.WhenAll(first, second);

        Assert.Null(atOne);
        Assert.Equal(ids, probe.Admitted);
    }

    [Fact]
    public async Task RunUntilIdleAsync_TwoProcessesOnOneDatabase_NeverExceedTheLimitsAndAllFinish()
    {
        var settings = Limits(global: 3, tier3: 2, zeroCooling: true);
        var tiers = Enumerable.Range(0, 12).Select(i => i % 3 == 0 ? "TIER_2" : "TIER_3").ToArray();
        var ids = await InitiateAsync(_fixture.Operations(settings), tiers);
        var probe = new ConcurrencyProbe { Yield = true };
        var (one, two) = (_fixture.Operations(settings), _fixture.Operations(settings));

        await Task.WhenAll(
            Task.Run(() => Pool(one, probe, 3, "p1-").RunUntilIdleAsync(None)),
            Task.Run(() => Pool(two, probe, 3, "p2-").RunUntilIdleAsync(None)));
        await Pool(one, probe, 1, "p3-").RunUntilIdleAsync(None);

        Assert.InRange(probe.MaxHolding, 1, 3);
        Assert.InRange(probe.MaxPerTier["TIER_3"], 1, 2);
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal(tiers[i] == "TIER_3" ? BootstrapState.SignalReady : BootstrapState.PolicyPending, await StateAsync(one, ids[i]));
        }

        Assert.Equal(0, await _fixture.CountAsync("SELECT COUNT(*) FROM bootstraps WHERE holds_slot = 1"));
        Assert.True((await new SqliteAuditLog(_fixture.Workspace.DatabasePath).VerifyAsync(None)).IsValid);
    }

    [Theory]
    [InlineData("concurrency.tier_1", "0")]
    [InlineData("concurrency.tier_2", "-3")]
    [InlineData("concurrency.tier_3", "five")]
    [InlineData("concurrency.max_profiling_jobs", "2.5")]
    public async Task SetAsync_InvalidLimit_NamesTheKeyAndStoresNothing(string key, string value)
    {
        var settings = new WorkspaceSettings(_fixture.Workspace.DatabasePath, _fixture.Clock);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => settings.SetAsync(key, value, None));

        Assert.StartsWith($"{key}: '{value}' must be a whole number of 1 or more", error.Message);
        Assert.Equal(0, await _fixture.CountAsync("SELECT COUNT(*) FROM settings"));
    }

    [Fact]
    public async Task ResolveAsync_TierLimitsStored_AppliedOverDefaults()
    {
        var settings = new WorkspaceSettings(_fixture.Workspace.DatabasePath, _fixture.Clock);
        await settings.SetAsync(WorkspaceSettings.Tier1Limit, "2", None);
        await settings.SetAsync(WorkspaceSettings.Tier3Limit, " 7 ", None);

        var resolved = await settings.ResolveAsync(OrchestratorSettings.Default, None);

        Assert.Equal(new ConcurrencyLimits { Tier1 = 2, Tier2 = 10, Tier3 = 7 }, resolved.Concurrency);
        Assert.Equal(("10", true), await settings.GetAsync(WorkspaceSettings.Tier2Limit, None));
    }
}
