using System.Collections.Concurrent;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.Runtime;

/// <summary>
/// Step timeouts (LLD §2.7) in the worker, driven by a manual clock with timers, and the out-of-memory chain
/// (LLD §2.8) through the durable runtime.
/// </summary>
public sealed class StepTimeoutTests : IAsyncLifetime
{
    private static readonly OrchestratorSettings ZeroCooling =
        OrchestratorSettings.Default with { Tier3 = OrchestratorSettings.Default.Tier3 with { Approval = TimeSpan.Zero } };

    private readonly TimerClock _clock = new(RuntimeFixture.Start);
    private TestWorkspace _workspace = null!;

    public async Task InitializeAsync() => _workspace = await TestWorkspace.CreateAsync();

    public Task DisposeAsync()
    {
        _workspace.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunUntilIdleAsync_ProfilingRunsPastTier1Timeout_StepCancelledThenRetriedAfterBackoff()
    {
        var ops = Operations();
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), false, CancellationToken.None)).BootstrapId;
        var executor = new BlockingExecutor(c => c is StartProfiling);

        var run = Worker(ops, executor).RunUntilIdleAsync(CancellationToken.None);
        await executor.Blocked.Task;
        _clock.Advance(TimeSpan.FromMinutes(29));
        var cancelledBefore = executor.Cancelled;
        _clock.Advance(TimeSpan.FromMinutes(1));
        await run;
        var timedOut = (await ops.FindAsync(id, CancellationToken.None))!;

        // The retry timer (60 s) brings a new attempt, which this time finishes.
        executor.BlockWhen = _ => false;
        _clock.Advance(TimeSpan.FromSeconds(60));
        await Worker(ops, executor).RunUntilIdleAsync(CancellationToken.None);
        var retried = (await ops.FindAsync(id, CancellationToken.None))!;
        var audit = await new SqliteAuditLog(_workspace.DatabasePath).ReadAsync(id, CancellationToken.None);

        Assert.Equal(0, cancelledBefore);
        Assert.Equal(1, executor.Cancelled);
        Assert.Equal(BootstrapState.ProfilingFailed, timedOut.Record.CurrentStep);
        Assert.Equal("profiling timed out after 30 min", timedOut.Record.Steps.Profiling.ErrorMessage);
        Assert.Equal(1, timedOut.Record.Steps.Profiling.RetryCount);
        Assert.False(timedOut.Record.Timers.ContainsKey(TimerKind.ProfilingTimeout));
        Assert.Equal(RuntimeFixture.Start.AddMinutes(30).AddSeconds(60), timedOut.NextDueAt);
        Assert.Contains(executor.Ran, c => c is StopProfiling);
        Assert.Equal(BootstrapState.PolicyPending, retried.Record.CurrentStep);
        Assert.Equal(2, executor.Ran.Count(c => c is StartProfiling));
        Assert.Single(audit, r => r.Action == AuditActions.RetryScheduled && r.Details["step"] == "profiling");
        Assert.True((await new SqliteAuditLog(_workspace.DatabasePath).VerifyAsync(CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task RunUntilIdleAsync_CertificationRunsPast10Minutes_CertificationTimedOutSchedulesRetry()
    {
        var ops = Operations(ZeroCooling);
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_3"), false, CancellationToken.None)).BootstrapId;
        var executor = new BlockingExecutor(c => c is InitCertifiedView);

        var run = Worker(ops, executor, ZeroCooling).RunUntilIdleAsync(CancellationToken.None);
        await executor.Blocked.Task;
        _clock.Advance(TimeSpan.FromMinutes(10));
        await run;
        var final = (await ops.FindAsync(id, CancellationToken.None))!;

        Assert.Equal(1, executor.Cancelled);
        Assert.Equal(BootstrapState.Certifying, final.Record.CurrentStep);
        Assert.Equal("certification init timed out after 10 min", final.Record.Steps.CertificationInit.ErrorMessage);
        Assert.Equal(1, final.Record.Steps.CertificationInit.RetryCount);
        // Retry policy for certification: 1 s × 2⁰ after the timeout.
        Assert.Equal(RuntimeFixture.Start.AddMinutes(10).AddSeconds(1), final.NextDueAt);
    }

    [Fact]
    public async Task RunUntilIdleAsync_RerunAfterCrashWithDeadlinePassed_AnswersTimeoutWithoutRunningTheStep()
    {
        var ops = Operations();
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_3"), false, CancellationToken.None)).BootstrapId;
        var dying = new BlockingExecutor(c => c is StartProfiling);
        using var kill = new CancellationTokenSource();
        var run = Worker(ops, dying, workerId: "worker-a").RunUntilIdleAsync(kill.Token);
        await dying.Blocked.Task;
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        // The process "died" holding its lease; by the time another worker claims it the 15 min are over.
        _clock.Advance(TimeSpan.FromMinutes(16));
        var fresh = new BlockingExecutor(_ => false);
        await Worker(ops, fresh, workerId: "worker-b").RunOnceAsync(CancellationToken.None);
        var final = (await ops.FindAsync(id, CancellationToken.None))!;

        Assert.DoesNotContain(fresh.Ran, c => c is StartProfiling);
        Assert.Equal(BootstrapState.ProfilingFailed, final.Record.CurrentStep);
        Assert.Equal("profiling timed out after 15 min", final.Record.Steps.Profiling.ErrorMessage);
    }

    [Fact]
    public async Task RunUntilIdleAsync_OutOfMemoryFullThenSampled_SyntheticAttemptOnceEachVisibleInStepAndAudit()
    {
        var ops = Operations();
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_2"), false, CancellationToken.None)).BootstrapId;
        var executor = new BlockingExecutor(_ => false)
        {
            Answer = c => c is StartProfiling { Mode: not ProfilingMode.Synthetic } start
                ? new ProfilingOutOfMemory($"out of memory in {start.Mode} mode")
                : null,
        };

        await Worker(ops, executor).RunUntilIdleAsync(CancellationToken.None);
        var final = (await ops.FindAsync(id, CancellationToken.None))!;
        var audit = await new SqliteAuditLog(_workspace.DatabasePath).ReadAsync(id, CancellationToken.None);

        var starts = executor.Ran.OfType<StartProfiling>().ToList();
        Assert.Equal(
            [
                new StartProfiling(ProfilingMode.Full, null, 7, null),
                new StartProfiling(ProfilingMode.Sampled, 0.10, 7, "PROFILING_OOM_RETRY"),
                new StartProfiling(ProfilingMode.Synthetic, null, null, "PROFILING_OOM_FALLBACK"),
            ],
            starts);
        Assert.Equal(BootstrapState.PolicyPending, final.Record.CurrentStep);
        var profiling = final.Record.Steps.Profiling;
        Assert.Equal(StepStatus.Completed, profiling.Status);
        Assert.Equal(0, profiling.RetryCount);
        Assert.Equal("synthetic", profiling.Metadata["profiling_mode"]);
        Assert.Equal("PROFILING_OOM_FALLBACK", profiling.Metadata["fallback_reason"]);
        Assert.Equal("out of memory in Sampled mode", profiling.ErrorMessage);
        var fallbacks = audit.Where(r => r.Action == AuditActions.ProfilingFallback).Select(r => (r.Details["from_mode"], r.Details["to_mode"])).ToList();
        Assert.Equal([("full", "sampled"), ("sampled", "synthetic")], fallbacks);
    }

    [Fact]
    public async Task CancelAsync_WhileProfilingRuns_StepInterruptedAtNextHeartbeatAndBootstrapCancelled()
    {
        var ops = Operations();
        var id = (await ops.InitiateAsync(RuntimeFixture.Request("TIER_2"), false, CancellationToken.None)).BootstrapId;
        var executor = new BlockingExecutor(c => c is StartProfiling);
        var worker = new BootstrapWorker(ops, executor, _clock, "worker-a", new BootstrapWorkerOptions(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15)));

        var run = worker.RunUntilIdleAsync(CancellationToken.None);
        await executor.Blocked.Task;
        await ops.CancelAsync(id, Actor.Human("jane"), "wrong table", CancellationToken.None);
        var stillRunning = executor.Cancelled;
        _clock.Advance(TimeSpan.FromSeconds(15));
        await run.WaitAsync(TimeSpan.FromMinutes(1)); // a guard against hanging when the step is never interrupted
        var final = (await ops.FindAsync(id, CancellationToken.None))!;

        Assert.Equal(0, stillRunning);
        Assert.Equal(1, executor.Cancelled);
        Assert.Equal(BootstrapState.Cancelled, final.Record.CurrentStep);
        Assert.Empty(final.Pending);
        Assert.Null(final.LeaseOwner);
        Assert.Contains(executor.Ran, c => c is StopProfiling);
        Assert.True((await new SqliteAuditLog(_workspace.DatabasePath).VerifyAsync(CancellationToken.None)).IsValid);
    }

    private BootstrapOperations Operations(OrchestratorSettings? settings = null) =>
        new(_workspace.DatabasePath, settings ?? OrchestratorSettings.Default, _clock);

    private BootstrapWorker Worker(BootstrapOperations ops, IBootstrapStepExecutor executor, OrchestratorSettings? settings = null, string workerId = "worker-a") =>
        new(settings is null ? ops : Operations(settings), executor, _clock, workerId, new BootstrapWorkerOptions(TimeSpan.FromSeconds(60), TimeSpan.FromHours(1)));

    /// <summary>Answers steps with success; a command matching <see cref="BlockWhen"/> waits until cancelled.</summary>
    private sealed class BlockingExecutor(Func<BootstrapCommand, bool> blockWhen) : IBootstrapStepExecutor
    {
        private int _cancelled;

        public Func<BootstrapCommand, bool> BlockWhen { get; set; } = blockWhen;

        public Func<BootstrapCommand, BootstrapEvent?>? Answer { get; init; }

        public ConcurrentQueue<BootstrapCommand> Ran { get; } = new();

        public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Cancelled => Volatile.Read(ref _cancelled);

        public async Task<BootstrapEvent?> ExecuteAsync(BootstrapRecord record, BootstrapCommand command, CancellationToken cancellationToken)
        {
            Ran.Enqueue(command);
            if (BlockWhen(command))
            {
                Blocked.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _cancelled);
                    throw;
                }
            }

            return Answer?.Invoke(command) ?? command switch
            {
                ValidateRegistration => new RegistrationSucceeded(),
                StartProfiling => new ProfilingSucceeded($"baselines/{record.BootstrapId}/baseline.json"),
                GeneratePolicy generate => new PolicyGenerated($"policies/{record.BootstrapId}/attempt-{generate.Attempt}.yaml"),
                SignPolicy => new PolicySigned($"policies/{record.BootstrapId}/policy_bundle.yaml", "key-1"),
                InitCertifiedView => new CertificationSucceeded($"certifications/{record.BootstrapId}.json"),
                _ => null,
            };
        }
    }
}
