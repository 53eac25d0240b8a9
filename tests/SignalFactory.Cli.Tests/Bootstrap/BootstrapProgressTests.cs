using System.Text.RegularExpressions;
using SignalFactory.Cli.Bootstrap;
using SignalFactory.Cli.Hosting;
using SignalFactory.Cli.Tests.Support;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Cli.Tests.Bootstrap;

/// <summary>Step-by-step progress of in-process workers: plain lines when piped, nothing but JSON with --json.</summary>
public sealed partial class BootstrapProgressTests(BootstrapLakeFixture lake) : IClassFixture<BootstrapLakeFixture>
{
    [Fact]
    public async Task BootstrapWait_Piped_PrintsOneLinePerStepWithIdUrnStatesAndTime()
    {
        using var cwd = new TempFolder();
        var (manifest, _) = lake.CopyOrders(cwd);

        var result = await CliRun.InAsync(cwd.Path, "bootstrap", manifest, "--wait");

        Assert.Equal(0, result.ExitCode);
        var id = StartedId().Match(result.Output).Groups[1].Value;
        var steps = StepLine().Matches(result.Output).Select(m => (m.Groups["id"].Value, m.Groups["urn"].Value, m.Groups["from"].Value, m.Groups["to"].Value)).ToList();
        Assert.Equal(
            [
                (id, "ds://curated/orders_enriched", "REGISTERED", "PROFILING"),
                (id, "ds://curated/orders_enriched", "PROFILING", "PROFILED"),
                (id, "ds://curated/orders_enriched", "PROFILED", "POLICY_PENDING"),
            ],
            steps);
        Assert.DoesNotContain('\u001b', result.Output);
    }

    [Fact]
    public async Task BootstrapWait_Json_PrintsOnlyJson()
    {
        using var cwd = new TempFolder();
        var (manifest, _) = lake.CopyOrders(cwd);

        var result = await CliRun.InAsync(cwd.Path, "bootstrap", manifest, "--wait", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("→", result.Output, StringComparison.Ordinal);
        Assert.Equal("POLICY_PENDING", result.Json().GetProperty("bootstraps")[0].GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task WorkerOnce_TimerOrStepOfAnotherProcess_NamesTheDataset()
    {
        using var cwd = new TempFolder();
        await File.WriteAllTextAsync(cwd.Combine("orders.yaml"), Manifests.Delta("ds://curated/orders"));
        await CliRun.InAsync(cwd.Path, "bootstrap", "orders.yaml");

        var worker = await CliRun.InAsync(cwd.Path, "worker", "--once");

        Assert.Equal(0, worker.ExitCode);
        Assert.Contains("ds://curated/orders  REGISTERED → PROFILING  (RegistrationSucceeded, ", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CurrentStatus_WhileAStepRuns_NamesBootstrapUrnAndStep_ThenClears()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var progress = new BootstrapProgress(CliConsole.ForCapture(output, error, Path.GetTempPath()));
        var record = new BootstrapStateMachine(OrchestratorSettings.Default)
            .Start(new BootstrapInitRequest("ds://curated/orders", "TIER_1", "inline_sdk", "spark", "delta", "human:jane", "registry://ds://curated/orders@v1"),
                "boot-2026-11-22-007", DateTimeOffset.UnixEpoch).Record;
        string? during = null;
        var executor = progress.Observe(new Probe(() => during = progress.CurrentStatus()));

        await executor.ExecuteAsync(record, new StartProfiling(ProfilingMode.Sampled, 0.1, 7, null), CancellationToken.None);

        Assert.NotNull(during);
        Assert.StartsWith("boot-2026-11-22-007  ds://curated/orders  profiling (sampled, 10% of the rows) (", during, StringComparison.Ordinal);
        Assert.Null(progress.CurrentStatus());
    }

    [Fact]
    public void Line_GivesIdUrnFromToTriggerAndTime()
    {
        var line = BootstrapProgress.Line(
            new WorkerStep("boot-2026-11-22-001", BootstrapState.Profiling, BootstrapState.Profiled, BootstrapTrigger.ProfilingSucceeded),
            "ds://raw/customer_events", TimeSpan.FromSeconds(83));

        Assert.Equal("  boot-2026-11-22-001  ds://raw/customer_events  PROFILING → PROFILED  (ProfilingSucceeded, 1 min 23 s)", line);
    }

    [GeneratedRegex(@"started (boot-\S+)")]
    private static partial Regex StartedId();

    [GeneratedRegex(@"^  (?<id>boot-\S+)  (?<urn>ds://\S+)  (?<from>[A-Z_]+) → (?<to>[A-Z_]+)  \(\w+, \d+\.\d s\)$", RegexOptions.Multiline)]
    private static partial Regex StepLine();

    private sealed class Probe(Action duringStep) : IBootstrapStepExecutor
    {
        public Task<BootstrapEvent?> ExecuteAsync(BootstrapRecord record, BootstrapCommand command, CancellationToken cancellationToken)
        {
            duringStep();
            return Task.FromResult<BootstrapEvent?>(null);
        }
    }
}
