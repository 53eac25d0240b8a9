using System.Diagnostics;
using System.Text;
using SignalFactory.Cli.Bootstrap;
using SignalFactory.Cli.Tests.Support;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Cli.Tests.Bootstrap;

/// <summary>
/// A real <c>sf worker</c> child process is killed (SIGKILL) in the middle of profiling; a fresh worker finishes the
/// bootstrap from what the store holds. Nothing waits a fixed time: the test polls the workspace database.
/// </summary>
public sealed class WorkerKillTests(BigTableFixture big) : IClassFixture<BigTableFixture>
{
    private const string Urn = "ds://analytics/big_events";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Worker_KilledMidProfile_FreshWorkerFinishesWithOneBaselineOnePolicyAndValidAudit()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("big_events.yaml"), LakeTables.Manifest(Urn, big.Table));
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "bootstrap", "big_events.yaml")).ExitCode);
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "config", "set", "approval.tier3_cooling_period", "0h")).ExitCode);

        var output = new StringBuilder();
        using var child = StartWorker(dir.Path, output);
        var (owner, _) = await WaitForAsync(dir.Path, row => row.State == "PROFILING" && row.LeaseOwner is not null, child, output);
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        var afterKill = (await LakeTables.ReadRowAsync(dir.Path, Urn))!.Value;
        var baselinesAfterKill = LakeTables.BaselineVersions(dir.Path, "analytics/big_events");

        // The killed worker's lease (2 s) must run out before anyone may take the bootstrap over.
        await WaitForAsync(dir.Path, row => row.LeaseExpiresAt < TimeProvider.System.GetUtcNow(), null, output);
        var fresh = await CliRun.InAsync(dir.Path, "worker", "--once");
        var status = await CliRun.InAsync(dir.Path, "bootstrap", "status", Urn, "--json");
        var verify = await CliRun.InAsync(dir.Path, "audit", "verify");

        Assert.True(child.ExitCode != 0, "the worker was killed, not finished: " + output);
        Assert.Equal("PROFILING", afterKill.State);
        Assert.Equal(owner, afterKill.LeaseOwner);
        Assert.Equal(0, baselinesAfterKill);
        Assert.Equal(0, fresh.ExitCode);
        var entry = status.Json().GetProperty("bootstraps")[0];
        Assert.Equal("SIGNAL_READY", entry.GetProperty("state").GetString());
        Assert.Equal(1, LakeTables.BaselineVersions(dir.Path, "analytics/big_events"));
        Assert.Equal(1, LakeTables.PolicyVersions(dir.Path, "analytics/big_events"));
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("audit trail intact", verify.Output, StringComparison.Ordinal);

        // One audit record per transition: the killed attempt stored nothing, so no step appears twice.
        var id = entry.GetProperty("bootstrap_id").GetString()!;
        var audit = await new SqliteAuditLog(Path.Combine(dir.Path, ".sf", "state.db")).ReadAsync(id, CancellationToken.None);
        var actions = audit.Select(r => r.Action).ToList();
        Assert.Equal(actions.Distinct().Count(), actions.Count);
        Assert.Single(actions, a => a == AuditActions.Profiled);
        Assert.Equal(
            [AuditActions.Initiated, AuditActions.Registered, AuditActions.Profiled, AuditActions.PolicyGenerated,
             AuditActions.Approved, AuditActions.Signed, AuditActions.Certified],
            actions);
    }

    [Fact]
    public async Task Worker_ProfileRunsPastItsTimeout_ProfilerCancelledNoBaselineAndRetryScheduled()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("big.yaml"), LakeTables.Manifest("ds://analytics/big", big.Table));
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "bootstrap", "big.yaml")).ExitCode);
        // A 3M-row profile cannot finish in 200 ms: the worker cancels it (the DuckDB query is interrupted) and stores the timeout.
        var settings = OrchestratorSettings.Default with { Tier3 = OrchestratorSettings.Default.Tier3 with { Profiling = TimeSpan.FromMilliseconds(200) } };
        await using var host = await InProcessHost.OpenAsync(dir.Path, settings);

        await host.Worker(new ProfilingStep(host.Workspace, TimeProvider.System)).RunUntilIdleAsync(CancellationToken.None);
        var stored = (await host.Operations.FindAsync("ds://analytics/big", CancellationToken.None))!;

        Assert.Equal(BootstrapState.ProfilingFailed, stored.Record.CurrentStep);
        Assert.StartsWith("profiling timed out", stored.Record.Steps.Profiling.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, stored.Record.Steps.Profiling.RetryCount);
        Assert.True(stored.Record.Timers.ContainsKey(TimerKind.ProfilingRetry));
        Assert.Equal(0, LakeTables.BaselineVersions(dir.Path, "analytics/big"));
    }

    private static Process StartWorker(string workspaceFolder, StringBuilder output)
    {
        var sf = Path.Combine(AppContext.BaseDirectory, "sf.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workspaceFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { sf, "worker", "--lease", "2s", "--poll-seconds", "1", "--workspace", Path.Combine(workspaceFolder, ".sf") })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("SF_WORKSPACE");
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    // Polls the bootstraps row until the condition holds; fails (with the child's output) if the child exits first.
    private static async Task<(string? LeaseOwner, DateTimeOffset? LeaseExpiresAt)> WaitForAsync(
        string root,
        Func<(string State, string? LeaseOwner, DateTimeOffset? LeaseExpiresAt), bool> condition,
        Process? child,
        StringBuilder output)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Patience)
        {
            if (await LakeTables.ReadRowAsync(root, Urn) is { } row && condition(row))
            {
                return (row.LeaseOwner, row.LeaseExpiresAt);
            }

            Assert.False(child?.HasExited ?? false, "the worker exited before the awaited state: " + output);
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }

        Assert.Fail($"condition not reached within {Patience}: {output}");
        return default;
    }
}

/// <summary>One 3 × 1M-row table shared by the tests that need a profile lasting seconds (written once: it is the slow part).</summary>
public sealed class BigTableFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public BigTableFixture()
    {
        Table = _folder.Combine("lake", "big_events");
        LakeTables.Write(Table, partitions: 3, rowsPerPartition: 1_000_000);
    }

    public string Table { get; }

    public void Dispose() => _folder.Dispose();
}
