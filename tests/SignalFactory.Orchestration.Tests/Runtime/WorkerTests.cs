using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Tests.Runtime;

public sealed class WorkerTests : IAsyncLifetime
{
    private static readonly Actor Jane = Actor.Human("jane.doe");
    private RuntimeFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await RuntimeFixture.CreateAsync();

    public Task DisposeAsync()
    {
        _fixture.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunUntilIdleAsync_Tier1_StopsAtPolicyPendingAndApprovalReachesSignalReady()
    {
        var ops = _fixture.Operations();
        var executor = new ScriptedExecutor();
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), false, CancellationToken.None)).BootstrapId;

        await _fixture.Worker(executor).RunUntilIdleAsync(CancellationToken.None);
        var pending = (await ops.FindAsync(id, CancellationToken.None))!;
        await ops.ApproveAsync(id, Jane, CancellationToken.None);
        await _fixture.Worker(executor).RunUntilIdleAsync(CancellationToken.None);
        var done = (await ops.FindAsync(id, CancellationToken.None))!;

        Assert.Equal(BootstrapState.PolicyPending, pending.Record.CurrentStep);
        Assert.Empty(pending.Pending);
        Assert.Null(pending.LeaseOwner);
        // Waiting for a human: next due is the approval timeout (Tier-1: 5 days), not now.
        Assert.Equal(RuntimeFixture.Start.AddDays(5), pending.NextDueAt);
        Assert.Equal(BootstrapState.SignalReady, done.Record.CurrentStep);
        Assert.Equal($"baselines/{id}/baseline.json", done.Record.Steps.Profiling.ArtifactUri);
        Assert.Equal(1, executor.Count("ValidateRegistration"));
        Assert.Equal(1, executor.Count("StartProfiling"));
        Assert.Equal(1, executor.Count("GeneratePolicy"));
        Assert.Equal(1, executor.Count("SignPolicy"));
        Assert.Equal(1, executor.Count("InitCertifiedView"));
        Assert.True((await new SqliteAuditLog(_fixture.Workspace.DatabasePath).VerifyAsync(CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task RunUntilIdleAsync_Tier3DefaultCooling_WaitsUntilTheClockPasses48Hours()
    {
        var ops = _fixture.Operations();
        var executor = new ScriptedExecutor();
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_3"), false, CancellationToken.None)).BootstrapId;

        await _fixture.Worker(executor).RunUntilIdleAsync(CancellationToken.None);
        var waiting = (await ops.FindAsync(id, CancellationToken.None))!;
        _fixture.Clock.Advance(TimeSpan.FromHours(47));
        var early = await _fixture.Worker(executor).RunUntilIdleAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromHours(1));
        await _fixture.Worker(executor).RunUntilIdleAsync(CancellationToken.None);
        var done = (await ops.FindAsync(id, CancellationToken.None))!;

        Assert.Equal(BootstrapState.PolicyPending, waiting.Record.CurrentStep);
        Assert.Equal(RuntimeFixture.Start.AddHours(48), waiting.NextDueAt);
        Assert.Equal(0, early);
        Assert.Equal(BootstrapState.SignalReady, done.Record.CurrentStep);
    }

    [Fact]
    public async Task RunUntilIdleAsync_Tier3ZeroCooling_AutoApprovesAtOnce()
    {
        var settings = OrchestratorSettings.Default with { Tier3 = OrchestratorSettings.Default.Tier3 with { Approval = TimeSpan.Zero } };
        var ops = _fixture.Operations(settings);
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_3"), false, CancellationToken.None)).BootstrapId;

        await _fixture.Worker(new ScriptedExecutor(), settings: settings).RunUntilIdleAsync(CancellationToken.None);

        Assert.Equal(BootstrapState.SignalReady, (await ops.FindAsync(id, CancellationToken.None))!.Record.CurrentStep);
    }

    [Fact]
    public async Task RunOnceAsync_WorkerKilledMidProfiling_FreshWorkerFinishesAfterLeaseExpires()
    {
        var ops = _fixture.Operations();
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), false, CancellationToken.None)).BootstrapId;
        var dying = new ScriptedExecutor { BlockOn = typeof(StartProfiling) };
        using var kill = new CancellationTokenSource();
        var run = _fixture.Worker(dying, "worker-a").RunUntilIdleAsync(kill.Token);
        await dying.Blocked.Task;
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var orphaned = (await ops.FindAsync(id, CancellationToken.None))!;

        var fresh = new ScriptedExecutor();
        var whileLeased = await _fixture.Worker(fresh, "worker-b").RunOnceAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        await _fixture.Worker(fresh, "worker-b").RunUntilIdleAsync(CancellationToken.None);
        var resumed = (await ops.FindAsync(id, CancellationToken.None))!;

        Assert.Equal(BootstrapState.Profiling, orphaned.Record.CurrentStep);
        Assert.Equal("worker-a", orphaned.LeaseOwner);
        Assert.Null(whileLeased);
        Assert.Equal(BootstrapState.PolicyPending, resumed.Record.CurrentStep);
        Assert.Equal(0, dying.Count("StartProfiling"));
        Assert.Equal(1, fresh.Count("StartProfiling"));
        Assert.Equal(1, fresh.Count("GeneratePolicy"));
        Assert.Equal($"baselines/{id}/baseline.json", resumed.Record.Steps.Profiling.ArtifactUri);
        Assert.Equal(1L, await _fixture.CountAsync("SELECT COUNT(*) FROM bootstraps;"));
        // REGISTERED→PROFILING by worker-a, PROFILING→PROFILED→POLICY_PENDING by worker-b: version 1 + 3.
        Assert.Equal(4, resumed.Record.Version);
        Assert.True((await new SqliteAuditLog(_fixture.Workspace.DatabasePath).VerifyAsync(CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task RunOnceAsync_SlowWorkerLosesExpiredLease_ItsLateResultIsRefused()
    {
        var ops = _fixture.Operations();
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), false, CancellationToken.None)).BootstrapId;
        var slow = new ScriptedExecutor { BlockOn = typeof(StartProfiling) };
        var slowRun = _fixture.Worker(slow, "worker-a").RunUntilIdleAsync(CancellationToken.None);
        await slow.Blocked.Task;

        // No heartbeat arrives (the fixture's interval is an hour): the lease runs out and worker-b takes over.
        _fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        var fast = new ScriptedExecutor();
        await _fixture.Worker(fast, "worker-b").RunUntilIdleAsync(CancellationToken.None);
        slow.Release.SetResult();
        await slowRun;
        var final = (await ops.FindAsync(id, CancellationToken.None))!;
        var audit = await new SqliteAuditLog(_fixture.Workspace.DatabasePath).ReadAsync(id, CancellationToken.None);

        Assert.Equal(BootstrapState.PolicyPending, final.Record.CurrentStep);
        Assert.Equal(4, final.Record.Version);
        Assert.Equal(1, fast.Count("GeneratePolicy"));
        Assert.Equal(0, slow.Count("GeneratePolicy"));
        // initiated, registration, profiling, policy generated: one audit record per stored transition, none from worker-a's late result.
        Assert.Equal(final.Record.Version, audit.Count);
    }

    [Fact]
    public async Task RunOnceAsync_CancelledByHumanWhileStepRuns_WorkerDropsItsResult()
    {
        var ops = _fixture.Operations();
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), false, CancellationToken.None)).BootstrapId;
        var executor = new ScriptedExecutor { BlockOn = typeof(StartProfiling) };
        var run = _fixture.Worker(executor).RunUntilIdleAsync(CancellationToken.None);
        await executor.Blocked.Task;

        await ops.CancelAsync(id, Jane, "not needed", CancellationToken.None);
        executor.Release.SetResult();
        await run;
        await _fixture.Worker(executor, "worker-b").RunUntilIdleAsync(CancellationToken.None);
        var final = (await ops.FindAsync(id, CancellationToken.None))!;

        Assert.Equal(BootstrapState.Cancelled, final.Record.CurrentStep);
        Assert.Null(final.Record.Steps.Profiling.ArtifactUri);
        Assert.Equal(0, executor.Count("GeneratePolicy"));
        Assert.Equal(0L, await _fixture.CountAsync("SELECT active FROM bootstraps;"));
    }

    [Fact]
    public async Task RejectAsync_FourRejections_RegeneratesThreeTimesThenPauses()
    {
        var ops = _fixture.Operations();
        var executor = new ScriptedExecutor();
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_2"), false, CancellationToken.None)).BootstrapId;
        await _fixture.Worker(executor).RunUntilIdleAsync(CancellationToken.None);

        for (var i = 1; i <= 4; i++)
        {
            await ops.RejectAsync(id, Jane, $"too strict {i}", $"relax rule {i}", CancellationToken.None);
            await _fixture.Worker(executor).RunUntilIdleAsync(CancellationToken.None);
        }

        var final = (await ops.FindAsync(id, CancellationToken.None))!.Record;
        Assert.Equal(BootstrapState.PolicyRejected, final.CurrentStep);
        Assert.True(final.RegenerationPaused);
        Assert.Equal(4, final.RejectionCount);
        Assert.Equal(4, executor.Count("GeneratePolicy"));
        Assert.Equal(1, executor.Count("Escalate"));
        await Assert.ThrowsAsync<Orchestration.Runtime.BootstrapOperationException>(() => ops.ApproveAsync(id, Jane, CancellationToken.None));
    }

    [Fact]
    public async Task RollbackAsync_SignalReady_KillSwitchAndRolledBackWithReason()
    {
        var settings = OrchestratorSettings.Default with { Tier3 = OrchestratorSettings.Default.Tier3 with { Approval = TimeSpan.Zero } };
        var ops = _fixture.Operations(settings);
        var executor = new ScriptedExecutor();
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_3"), false, CancellationToken.None)).BootstrapId;
        await _fixture.Worker(executor, settings: settings).RunUntilIdleAsync(CancellationToken.None);

        await ops.RollbackAsync("ds://curated/orders", Jane, "false positives", CancellationToken.None);
        await _fixture.Worker(executor, settings: settings).RunUntilIdleAsync(CancellationToken.None);
        var final = (await ops.FindAsync(id, CancellationToken.None))!;

        Assert.Equal(BootstrapState.RolledBack, final.Record.CurrentStep);
        Assert.Equal("false positives", final.Record.Reason);
        Assert.Equal($"baselines/{id}/baseline.json", final.Record.Steps.Profiling.ArtifactUri);
        Assert.Equal(1, executor.Count("ApplyKillSwitch"));
        Assert.Empty(final.Pending);
    }

    [Fact]
    public async Task RunUntilIdleAsync_ProfilingThrows_BecomesProfilingFailedWithRetryTimer()
    {
        var ops = _fixture.Operations();
        var executor = new ScriptedExecutor { Override = c => c is StartProfiling ? throw new IOException("disk gone") : null };
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), false, CancellationToken.None)).BootstrapId;

        await _fixture.Worker(executor).RunUntilIdleAsync(CancellationToken.None);
        var failed = (await ops.FindAsync(id, CancellationToken.None))!;

        Assert.Equal(BootstrapState.ProfilingFailed, failed.Record.CurrentStep);
        Assert.Equal(RuntimeFixture.Start.AddSeconds(60), failed.NextDueAt);
    }
}
