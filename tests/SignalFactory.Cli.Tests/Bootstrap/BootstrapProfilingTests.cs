using System.Text.Json;
using SignalFactory.Cli.Bootstrap;
using SignalFactory.Cli.Tests.Support;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.Sqlite;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Store;
using SignalFactory.Policy.Certification.Store;
using SignalFactory.Policy.Signing;
using SignalFactory.Profiling.Dispatch;
using SignalFactory.Profiling.Engine;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Tests.Bootstrap;

/// <summary>The profiling step of a real bootstrap: synthetic baselines, a real DuckDB out-of-memory, a real step timeout.</summary>
public sealed class BootstrapProfilingTests
{
    [Fact]
    public async Task Bootstrap_SkipProfilingInManifest_StoresLldSyntheticBaselineAndReachesSignalReady()
    {
        using var dir = new TempFolder();
        var table = dir.Combine("lake", "events");
        LakeTables.Write(table, partitions: 3, rowsPerPartition: 100);
        await File.WriteAllTextAsync(dir.Combine("events.yaml"), LakeTables.Manifest("ds://analytics/events", table, skipProfiling: true));
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "registry", "register", "events.yaml")).ExitCode);
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "config", "set", "approval.tier3_cooling_period", "0h")).ExitCode);

        var run = await CliRun.InAsync(dir.Path, "bootstrap", "ds://analytics/events", "--wait", "--json");
        var status = await CliRun.InAsync(dir.Path, "bootstrap", "status", "ds://analytics/events");
        var json = await CliRun.InAsync(dir.Path, "bootstrap", "status", "ds://analytics/events", "--json");

        Assert.Equal(0, run.ExitCode);
        var entry = json.Json().GetProperty("bootstraps")[0];
        Assert.Equal("SIGNAL_READY", entry.GetProperty("state").GetString());
        var metadata = entry.GetProperty("steps").GetProperty("profiling").GetProperty("metadata");
        Assert.Equal("synthetic", metadata.GetProperty("profiling_mode").GetString());
        Assert.Equal("SKIP_PROFILING_REQUESTED", metadata.GetProperty("fallback_reason").GetString());
        Assert.Equal("true", metadata.GetProperty("is_synthetic").GetString());
        Assert.Equal("SKIP_PROFILING_REQUESTED", metadata.GetProperty("synthetic_reason").GetString());
        Assert.Contains("synthetic baseline (SKIP_PROFILING_REQUESTED)", status.Output, StringComparison.Ordinal);

        // LLD §4.6, TIER_3 defaults: avg 10,000, stddev 5,000, 3σ → bounds max(0, 10,000 − 15,000) = 0 and 25,000.
        using var baseline = JsonDocument.Parse(await File.ReadAllBytesAsync(
            Path.Combine(LakeTables.DatasetFolder(dir.Path, "analytics/events"), "baseline.json")));
        var meta = baseline.RootElement.GetProperty("profiling_metadata");
        Assert.True(meta.GetProperty("is_synthetic").GetBoolean());
        Assert.Equal("LOW", meta.GetProperty("confidence").GetString());
        Assert.Equal("SKIP_PROFILING_REQUESTED", meta.GetProperty("synthetic_reason").GetString());
        Assert.Equal(7, meta.GetProperty("auto_refine_after_runs").GetInt32());
        Assert.Equal("synthetic", meta.GetProperty("profiling_engine").GetString());
        Assert.Equal(0, meta.GetProperty("total_rows_sampled").GetInt64());
        var volume = baseline.RootElement.GetProperty("volume");
        Assert.Equal(10_000, volume.GetProperty("avg_row_count").GetDouble());
        Assert.Equal(0, volume.GetProperty("anomaly_lower_bound").GetDouble());
        Assert.Equal(25_000, volume.GetProperty("anomaly_upper_bound").GetDouble());
        Assert.Equal(entry.GetProperty("bootstrap_id").GetString(), baseline.RootElement.GetProperty("bootstrap_id").GetString());
        Assert.Equal(1, LakeTables.BaselineVersions(dir.Path, "analytics/events"));
        Assert.Equal(1, LakeTables.PolicyVersions(dir.Path, "analytics/events"));
    }

    [Fact]
    public async Task Worker_RealOutOfMemoryInFullAndSampledMode_FallsBackToSyntheticOnceEach()
    {
        using var dir = new TempFolder();
        var table = dir.Combine("lake", "wide");
        // Row groups of 10,000 uncompressed ~1 KB strings under an 8 MB DuckDB limit: reading them cannot fit.
        LakeTables.Write(table, partitions: 3, rowsPerPartition: 10_000, repeatStrings: 40);
        await File.WriteAllTextAsync(dir.Combine("wide.yaml"), LakeTables.Manifest("ds://analytics/wide", table, tier: "TIER_1"));
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "bootstrap", "wide.yaml")).ExitCode);
        await using var host = await InProcessHost.OpenAsync(dir.Path, OrchestratorSettings.Default);

        await host.Worker(new ProfilingStep(host.Workspace, TimeProvider.System) { MemoryLimit = "8MB", Threads = 1 }).RunUntilIdleAsync(CancellationToken.None);
        var stored = (await host.Operations.FindAsync("ds://analytics/wide", CancellationToken.None))!;
        var audit = await new SqliteAuditLog(host.Workspace.DatabasePath).ReadAsync(stored.Record.BootstrapId, CancellationToken.None);

        Assert.True(stored.Record.CurrentStep == BootstrapState.PolicyPending, $"{stored.Record.CurrentStep}: {stored.Record.Reason}");
        var profiling = stored.Record.Steps.Profiling;
        Assert.Equal("synthetic", profiling.Metadata["profiling_mode"]);
        Assert.Equal("PROFILING_OOM_FALLBACK", profiling.Metadata["synthetic_reason"]);
        Assert.Equal(0, profiling.RetryCount);
        Assert.Contains("out of memory", profiling.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        var fallbacks = audit.Where(r => r.Action == AuditActions.ProfilingFallback).Select(r => (r.Details["from_mode"], r.Details["to_mode"])).ToList();
        Assert.Equal([("full", "sampled"), ("sampled", "synthetic")], fallbacks);
        Assert.Single(audit, r => r.Action == AuditActions.Profiled);
        Assert.Equal(1, LakeTables.BaselineVersions(dir.Path, "analytics/wide"));
        using var baseline = JsonDocument.Parse(await File.ReadAllBytesAsync(
            Path.Combine(LakeTables.DatasetFolder(dir.Path, "analytics/wide"), "baseline.json")));
        var meta = baseline.RootElement.GetProperty("profiling_metadata");
        Assert.Equal("PROFILING_OOM_FALLBACK", meta.GetProperty("synthetic_reason").GetString());
        Assert.Contains(meta.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "PROFILING_OUT_OF_MEMORY");
    }

    [Fact]
    public async Task Bootstrap_ProfilingMemoryLimitSettingTiny_ProfilingRunsOutOfMemoryAndFallsBackToSynthetic()
    {
        using var dir = new TempFolder();
        var table = dir.Combine("lake", "wide");
        // The data of the test above: under the 1GB default it profiles; under 8 MB reading it cannot fit.
        LakeTables.Write(table, partitions: 3, rowsPerPartition: 10_000, repeatStrings: 40);
        await File.WriteAllTextAsync(dir.Combine("wide.yaml"), LakeTables.Manifest("ds://analytics/wide", table, tier: "TIER_1"));
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "registry", "register", "wide.yaml")).ExitCode);
        var before = await CliRun.InAsync(dir.Path, "config", "get", "profiling.memory_limit");
        var set = await CliRun.InAsync(dir.Path, "config", "set", "profiling.memory_limit", "8MB");
        var after = await CliRun.InAsync(dir.Path, "config", "get", "profiling.memory_limit");

        var run = await CliRun.InAsync(dir.Path, "bootstrap", "ds://analytics/wide", "--wait", "--json");

        Assert.Equal("1GB (default)", before.Output.Trim());
        Assert.Equal(0, set.ExitCode);
        Assert.Equal("8MB", after.Output.Trim());
        Assert.Equal(0, run.ExitCode);
        await using var host = await InProcessHost.OpenAsync(dir.Path, OrchestratorSettings.Default);
        var stored = (await host.Operations.FindAsync("ds://analytics/wide", CancellationToken.None))!;
        Assert.True(stored.Record.CurrentStep == BootstrapState.PolicyPending, $"{stored.Record.CurrentStep}: {stored.Record.Reason}");
        var profiling = stored.Record.Steps.Profiling;
        Assert.Equal("synthetic", profiling.Metadata["profiling_mode"]);
        Assert.Equal("PROFILING_OOM_FALLBACK", profiling.Metadata["synthetic_reason"]);
        Assert.Contains("out of memory", profiling.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        var audit = await new SqliteAuditLog(host.Workspace.DatabasePath).ReadAsync(stored.Record.BootstrapId, CancellationToken.None);
        var fallbacks = audit.Where(r => r.Action == AuditActions.ProfilingFallback).Select(r => (r.Details["from_mode"], r.Details["to_mode"])).ToList();
        Assert.Equal([("full", "sampled"), ("sampled", "synthetic")], fallbacks);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("1G")]
    [InlineData("512 M B")]
    [InlineData("1,5GB")]
    [InlineData("")]
    public async Task ConfigSet_ProfilingMemoryLimitNotAMemorySize_ExitsTwoAndStoresNothing(string value)
    {
        using var dir = new TempFolder();
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "init")).ExitCode);
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "config", "set", "profiling.memory_limit", "512MB")).ExitCode);

        var result = await CliRun.InAsync(dir.Path, "config", "set", "profiling.memory_limit", value);
        var after = await CliRun.InAsync(dir.Path, "config", "get", "profiling.memory_limit");

        Assert.False(DatasetProfiler.IsValidMemoryLimit(value)); // sf profile --memory-limit refuses it too
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("profiling.memory_limit", result.Error, StringComparison.Ordinal);
        Assert.Contains("not a memory size", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal("512MB", after.Output.Trim());
    }

    [Theory]
    [InlineData("512MB", "512MB")]
    [InlineData(" 2GiB ", "2GiB")]
    [InlineData("1.5gb", "1.5gb")]
    public async Task ConfigSet_ProfilingMemoryLimitMemorySize_Stored(string value, string shown)
    {
        using var dir = new TempFolder();
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "init")).ExitCode);

        var result = await CliRun.InAsync(dir.Path, "config", "set", "profiling.memory_limit", value);
        var after = await CliRun.InAsync(dir.Path, "config", "get", "profiling.memory_limit");

        Assert.True(DatasetProfiler.IsValidMemoryLimit(value)); // the grammar of sf profile --memory-limit
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(shown, after.Output.Trim());
    }

    [Fact]
    public void DefaultProfilingMemoryLimit_IsTheProfilersDefault() =>
        Assert.Equal(ProfileOptions.DefaultMemoryLimit, WorkspaceSettings.DefaultProfilingMemoryLimit);

    [Fact]
    public void OutOfMemoryMessage_DuckDbOutOfMemoryInsideAnotherError_Recognised()
    {
        var duck = new SignalFactory.DuckDb.DuckDbException("Out of Memory Error: failed to allocate 16.0 MiB", SignalFactory.DuckDb.DuckDbErrorType.OutOfMemory);
        var wrapped = new InvalidOperationException("reading footers failed", duck);

        var fromWrapped = ProfilingStep.OutOfMemoryMessage(wrapped, "64MB", ProfilingMode.Full);
        var fromEngine = ProfilingStep.OutOfMemoryMessage(new ProfilingOutOfMemoryException("engine ran out"), "64MB", ProfilingMode.Sampled);
        var other = ProfilingStep.OutOfMemoryMessage(new IOException("disk"), "64MB", ProfilingMode.Full);

        Assert.Contains("memory_limit 64MB", fromWrapped, StringComparison.Ordinal);
        Assert.Contains("full mode", fromWrapped, StringComparison.Ordinal);
        Assert.Equal("engine ran out", fromEngine);
        Assert.Null(other);
    }
}

/// <summary>The workspace of a folder opened in-process, with operations on chosen settings and the system clock.</summary>
internal sealed class InProcessHost(Workspace workspace, BootstrapOperations operations) : IAsyncDisposable
{
    public Workspace Workspace { get; } = workspace;

    public BootstrapOperations Operations { get; } = operations;

    public static async Task<InProcessHost> OpenAsync(string folder, OrchestratorSettings settings)
    {
        var workspace = Workspace.Resolve(null, _ => null, folder);
        await workspace.OpenAsync(false, [.. OrchestrationMigrations.All, .. CertificationMigrations.All], CancellationToken.None);
        return new InProcessHost(workspace, new BootstrapOperations(workspace.DatabasePath, settings, TimeProvider.System));
    }

    public BootstrapWorker Worker(ProfilingStep profiling) =>
        new(Operations, new WorkspaceStepExecutor(Workspace, TimeProvider.System, new KeySources { WorkspaceRoot = Workspace.RootPath }) { Profiling = profiling },
            TimeProvider.System, "test-worker");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>The profiling command run twice for one transition (a worker killed after saving) and once for the next.</summary>
public sealed class ProfilingStepIdempotencyTests
{
    [Fact]
    public async Task ProfileAsync_SameTransitionTwice_OneBaselineVersionSecondAnswerReused()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("events.yaml"), LakeTables.Manifest("ds://analytics/events", dir.Combine("lake"), skipProfiling: true));
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "registry", "register", "events.yaml")).ExitCode);
        await using var host = await InProcessHost.OpenAsync(dir.Path, OrchestratorSettings.Default);
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var machine = new BootstrapStateMachine(OrchestratorSettings.Default);
        var request = new BootstrapInitRequest("ds://analytics/events", "TIER_3", "post_write", "python", "parquet", "human:jane",
            "registry://ds://analytics/events@v1", SkipProfiling: true);
        var started = machine.Start(request, "boot-2026-03-02-001", clock.GetUtcNow());
        var profiling = machine.Apply(started.Record, new RegistrationSucceeded(), clock.GetUtcNow());
        var command = profiling.Commands.OfType<StartProfiling>().Single();
        var step = new ProfilingStep(host.Workspace, clock);

        var first = (ProfilingSucceeded)await step.ProfileAsync(profiling.Record, command, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        var rerun = (ProfilingSucceeded)await step.ProfileAsync(profiling.Record, command, CancellationToken.None);
        var versionsAfterRerun = LakeTables.BaselineVersions(dir.Path, "analytics/events");
        // A later transition (here: the same record one version on, as after a retry) profiles afresh.
        clock.Advance(TimeSpan.FromMinutes(1));
        var next = (ProfilingSucceeded)await step.ProfileAsync(profiling.Record with { Version = profiling.Record.Version + 1 }, command, CancellationToken.None);

        Assert.Equal(ProfilingMode.Synthetic, command.Mode);
        Assert.Equal("1", first.Metadata!["baseline_version"]);
        Assert.Equal("1", rerun.Metadata!["baseline_version"]);
        Assert.Equal("true", rerun.Metadata["reused_after_restart"]);
        Assert.False(first.Metadata.ContainsKey("reused_after_restart"));
        Assert.Equal(first.ArtifactUri, rerun.ArtifactUri);
        Assert.Equal(1, versionsAfterRerun);
        Assert.Equal("2", next.Metadata!["baseline_version"]);
        Assert.Equal(2, LakeTables.BaselineVersions(dir.Path, "analytics/events"));
    }

    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
