using System.Globalization;
using System.Text.RegularExpressions;
using SignalFactory.Cli.Bootstrap;
using SignalFactory.Cli.Tests.Support;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Policy.Signing;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Tests.Bootstrap;

/// <summary>
/// CERT_DEFERRED → first write on real files: the gold table is gone when certification runs, the bootstrap defers,
/// the example lake generator's Delta table is then written to the gold location, and the probe timer (driven by a
/// fake clock) completes the bootstrap.
/// </summary>
public sealed partial class DeferredCertificationTests(BootstrapLakeFixture lake) : IClassFixture<BootstrapLakeFixture>
{
    private const string Urn = "ds://curated/orders_enriched";

    [Fact]
    public async Task Bootstrap_GoldMissingAtCertification_DefersThenFirstWriteProbeReachesSignalReady()
    {
        using var cwd = new TempFolder();
        var (manifest, gold) = lake.CopyOrders(cwd);
        var started = await CliRun.InAsync(cwd.Path, "bootstrap", manifest, "--wait", "--json");
        var id = started.Json().GetProperty("bootstraps")[0].GetProperty("bootstrap_id").GetString()!;

        // Profiled and pending approval; the table then disappears before certification (not written yet).
        Directory.Delete(gold, recursive: true);
        var approved = await CliRun.InAsync(cwd.Path, "approve", id, "--as", "jane", "--json");
        Assert.Equal(0, approved.ExitCode);
        Assert.Equal("CERT_DEFERRED", approved.Json().GetProperty("state").GetString());
        Assert.True(approved.Json().GetProperty("timers").TryGetProperty(nameof(TimerKind.FirstWriteProbe), out _));

        var clock = new ManualClock(TimeProvider.System.GetUtcNow());
        var (operations, worker) = await WorkerAsync(cwd, clock);

        // Nothing is due until the poll interval (5 min by default) has passed.
        Assert.Equal(0, await worker.RunUntilIdleAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await worker.RunUntilIdleAsync(CancellationToken.None));
        Assert.Equal(BootstrapState.CertDeferred, (await operations.FindAsync(id, CancellationToken.None))!.Record.CurrentStep);

        // The first write: a real Delta table appears at the gold location.
        BootstrapLakeFixture.CopyFolder(lake.Orders, gold);
        clock.Advance(TimeSpan.FromMinutes(5));
        await worker.RunUntilIdleAsync(CancellationToken.None);

        var final = (await operations.FindAsync(id, CancellationToken.None))!.Record;
        Assert.Equal(BootstrapState.SignalReady, final.CurrentStep);
        Assert.Empty(final.Timers);
        var certified = await CliRun.InAsync(cwd.Path, "certify", Urn, "--json");
        Assert.Equal("CERTIFIED", certified.Json().GetProperty("status").GetString());
        Assert.Equal(HighestCommit(gold), certified.Json().GetProperty("pointer").GetProperty("version").GetInt64());
        Assert.Equal(id, certified.Json().GetProperty("record").GetProperty("bootstrap_id").GetString());
        Assert.Equal(0, (await CliRun.InAsync(cwd.Path, "audit", "verify")).ExitCode);
    }

    [Fact]
    public async Task Status_CertDeferred_SaysWhatItWaitsFor()
    {
        using var cwd = new TempFolder();
        var (manifest, gold) = lake.CopyOrders(cwd);
        var started = await CliRun.InAsync(cwd.Path, "bootstrap", manifest, "--wait", "--json");
        var id = started.Json().GetProperty("bootstraps")[0].GetProperty("bootstrap_id").GetString()!;
        Directory.Delete(gold, recursive: true);
        await CliRun.InAsync(cwd.Path, "approve", id, "--as", "jane");

        var status = await CliRun.InAsync(cwd.Path, "bootstrap", "status", id);

        Assert.Contains("CERT_DEFERRED", status.Output, StringComparison.Ordinal);
        Assert.Contains("first write", status.Output, StringComparison.Ordinal);
        Assert.Contains("sf worker", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_FirstWritePoll_IsAcceptedWhenPositive()
    {
        using var cwd = new TempFolder();
        await File.WriteAllTextAsync(cwd.Combine("orders.yaml"), Manifests.Delta("ds://curated/orders"));
        await CliRun.InAsync(cwd.Path, "registry", "register", "orders.yaml");

        var before = await CliRun.InAsync(cwd.Path, "config", "get", "certification.first_write_poll");
        var set = await CliRun.InAsync(cwd.Path, "config", "set", "certification.first_write_poll", "30s");
        var zero = await CliRun.InAsync(cwd.Path, "config", "set", "certification.first_write_poll", "0s");
        var after = await CliRun.InAsync(cwd.Path, "config", "get", "certification.first_write_poll");

        Assert.Equal("5m (default)", before.Output.Trim());
        Assert.Equal(0, set.ExitCode);
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("certification.first_write_poll", zero.Error, StringComparison.Ordinal);
        Assert.Equal("30s", after.Output.Trim());
    }

    private static async Task<(BootstrapOperations, BootstrapWorker)> WorkerAsync(TempFolder cwd, TimeProvider clock)
    {
        var workspace = Workspace.Resolve(null, new Dictionary<string, string?>(), cwd.Path);
        await workspace.OpenAsync(create: false, CancellationToken.None);
        var operations = new BootstrapOperations(workspace.DatabasePath, OrchestratorSettings.Default, clock);
        var executor = new WorkspaceStepExecutor(workspace, clock, new KeySources { WorkspaceRoot = workspace.RootPath });
        return (operations, new BootstrapWorker(operations, executor, clock, "test-worker"));
    }

    private static long HighestCommit(string tableRoot) =>
        Directory.EnumerateFiles(Path.Combine(tableRoot, "_delta_log"))
            .Select(Path.GetFileName)
            .Where(name => CommitName().IsMatch(name!))
            .Select(name => long.Parse(name![..20], CultureInfo.InvariantCulture))
            .Max();

    [GeneratedRegex(@"^\d{20}\.json$")]
    private static partial Regex CommitName();

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
