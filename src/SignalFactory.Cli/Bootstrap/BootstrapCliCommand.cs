using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Cli.Registry;
using SignalFactory.Core.Manifests;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Store;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>
/// <c>sf bootstrap FILE|URN… [--wait] [--force] [--json]</c> (files are registered first) and
/// <c>sf bootstrap status [ID|URN] [--json]</c>. A URN with a bootstrap in progress exits 3 and prints the existing id.
/// </summary>
internal static class BootstrapCliCommand
{
    public static Command Create(CliConsole console)
    {
        var targets = new Argument<string[]>("FILE|URN") { Description = "dataset.yaml files (registered first) or registered URNs", Arity = ArgumentArity.ZeroOrMore };
        var wait = new Option<bool>("--wait") { Description = "Run a worker here until every bootstrap started is settled or waits for a human" };
        var force = new Option<bool>("--force") { Description = "Re-initiate a dataset whose bootstrap already completed" };
        var parallel = OperationsCommands.ParallelOption();
        var json = GlobalOptions.Json();
        var command = new Command("bootstrap", "Start bootstraps (validate, profile, generate policy, approve, sign, certify)")
        {
            targets, wait, force, parallel, json, StatusCommand(console),
        };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(targets) ?? [];
            if (given.Length == 0)
            {
                throw new InvalidInputException("give at least one dataset.yaml file or registered URN; run 'sf bootstrap --help' for usage");
            }

            var workers = OperationsCommands.ParallelValue(parse, parallel);
            return await InitiateAsync(console, parse, given, parse.GetValue(force), parse.GetValue(wait) ? workers : 0, parse.GetValue(json), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Initiates one bootstrap per target; shared with the quick start. Returns (urn, result) in order.</summary>
    internal static async Task<IReadOnlyList<(string Urn, InitiationResult Result)>> StartAsync(
        CliConsole console, ParseResult parse, BootstrapServices services, IReadOnlyList<string> given, bool force, CancellationToken ct)
    {
        var files = given.Where(t => !t.StartsWith("ds://", StringComparison.Ordinal)).ToList();
        var urns = given.Where(t => t.StartsWith("ds://", StringComparison.Ordinal)).ToList();
        foreach (var urn in urns)
        {
            CliArguments.RequireUrn(urn);
        }

        if (files.Count > 0)
        {
            var registered = await RegisterCommand.RegisterAsync(console, parse, files, null, ct).ConfigureAwait(false);
            urns.AddRange(registered.Select(r => r.Dataset.Urn));
        }

        var registry = services.Workspace.CreateRegistryStore(console.Clock);
        var requests = new List<BootstrapInitRequest>();
        foreach (var urn in urns.Distinct(StringComparer.Ordinal))
        {
            var dataset = await registry.GetAsync(urn, null, ct).ConfigureAwait(false)
                ?? throw new InvalidInputException($"{urn} is not registered in {services.Workspace.RootPath}; register it with 'sf registry register FILE' or pass the file");
            // The request fields a manifest may carry (LLD §2.3.1): override_profiling_days, skip_profiling.
            var manifest = ManifestLoader.Load(dataset.YamlContent, $"{urn} (registered version {dataset.Version})").Manifest;
            requests.Add(new BootstrapInitRequest(urn, dataset.Tier, dataset.EnforcementModel ?? EnforcementModels.InlineSdk, dataset.Runtime,
                dataset.Format, BootstrapServices.Human(null).ToString(), $"registry://{urn}@v{dataset.Version}",
                manifest?.OverrideProfilingDays, manifest?.SkipProfiling ?? false));
        }

        // Validate every request before starting any, so one bad dataset starts nothing.
        var problems = requests.SelectMany(r => r.Validate().Select(e => $"{r.DatasetUrn}: {e}")).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidInputException(string.Join(Environment.NewLine, problems));
        }

        var results = new List<(string, InitiationResult)>();
        foreach (var request in requests)
        {
            results.Add((request.DatasetUrn, await services.Operations.InitiateAsync(request, force, ct).ConfigureAwait(false)));
        }

        return results;
    }

    /// <summary>
    /// Runs <paramref name="parallel"/> in-process workers until each listed bootstrap is settled or waits for a human
    /// (a queued one waits for a slot: for other bootstraps to progress here or in another worker process); with
    /// <paramref name="progress"/> each transition is printed (and a spinner shows the running step on a terminal).
    /// </summary>
    internal static async Task<IReadOnlyList<StoredBootstrap>> WaitAsync(BootstrapServices services, IReadOnlyList<string> ids, bool progress, CancellationToken ct,
        int parallel = 1)
    {
        if (!progress)
        {
            return await WaitLoopAsync(services, services.CreatePool(parallel, progress: null), ids, ct).ConfigureAwait(false);
        }

        var reporter = new BootstrapProgress(services.Console);
        await reporter.RememberAsync(services.Operations, ct).ConfigureAwait(false);
        var pool = services.CreatePool(parallel, reporter);
        return await reporter.RunAsync("waiting for the next step", token => WaitLoopAsync(services, pool, ids, token), ct).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<StoredBootstrap>> WaitLoopAsync(
        BootstrapServices services, BootstrapWorkerPool worker, IReadOnlyList<string> ids, CancellationToken ct)
    {
        while (true)
        {
            await worker.RunUntilIdleAsync(ct).ConfigureAwait(false);
            var current = new List<StoredBootstrap>();
            foreach (var id in ids)
            {
                current.Add((await services.Operations.FindAsync(id, ct).ConfigureAwait(false))!);
            }

            var busy = current.Where(b => !IsWaitingOrSettled(b.Record)).ToList();
            if (busy.Count == 0)
            {
                return current;
            }

            // Something (a retry timer) is due later: sleep until then on the workspace clock.
            var now = services.Console.Clock.GetUtcNow();
            var next = busy.Select(b => b.NextDueAt ?? now).Min();
            var delay = next - now;
            await Task.Delay(delay < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : delay, services.Console.Clock, ct).ConfigureAwait(false);
        }
    }

    private static bool IsWaitingOrSettled(BootstrapRecord record) =>
        record.CurrentStep.IsSettled() || record.CurrentStep is BootstrapState.PolicyPending
        || (record.CurrentStep is BootstrapState.PolicyRejected && record.RegenerationPaused);

    // waitWorkers: 0 = do not wait; else the in-process workers to run until the started bootstraps settle.
    private static async Task<int> InitiateAsync(CliConsole console, ParseResult parse, string[] given, bool force, int waitWorkers, bool json, CancellationToken ct)
    {
        var services = await BootstrapServices.OpenAsync(console, parse, create: true, ct).ConfigureAwait(false);
        var results = await StartAsync(console, parse, services, given, force, ct).ConfigureAwait(false);
        if (!json)
        {
            foreach (var (urn, result) in results)
            {
                console.Output.WriteLine(result.Started
                    ? $"started {result.BootstrapId}  {urn}"
                    : $"conflict: {urn} — {result.Reason}; existing bootstrap {result.BootstrapId}");
            }
        }

        var startedIds = results.Where(r => r.Result.Started).Select(r => r.Result.BootstrapId).ToList();
        IReadOnlyList<StoredBootstrap> final = [];
        if (waitWorkers > 0 && startedIds.Count > 0)
        {
            final = await WaitAsync(services, startedIds, progress: !json, ct, waitWorkers).ConfigureAwait(false);
            if (!json)
            {
                foreach (var stored in final)
                {
                    BootstrapOutput.Print(console, stored);
                }
            }
        }

        if (json)
        {
            CliJson.Write(console, new
            {
                bootstraps = results.Select(r => new
                {
                    dataset_urn = r.Urn,
                    outcome = r.Result.Started ? "started" : "conflict",
                    bootstrap_id = r.Result.BootstrapId,
                    reason = r.Result.Reason,
                    status = final.FirstOrDefault(f => f.Record.BootstrapId == r.Result.BootstrapId) is { } s && r.Result.Started ? BootstrapOutput.ToJson(s) : null,
                }),
            });
        }

        if (results.Any(r => !r.Result.Started))
        {
            return ExitCodes.Conflict;
        }

        return final.Any(f => f.Record.CurrentStep is BootstrapState.Failed) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static Command StatusCommand(CliConsole console)
    {
        var target = new Argument<string?>("ID|URN") { Description = "A bootstrap id or dataset URN (default: every bootstrap)", Arity = ArgumentArity.ZeroOrOne };
        var json = GlobalOptions.Json();
        var command = new Command("status", "Show bootstraps: state, steps, what happens next") { target, json };
        command.SetAction(async (parse, ct) =>
        {
            var services = await BootstrapServices.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            var which = parse.GetValue(target);
            IReadOnlyList<StoredBootstrap> shown;
            if (which is null)
            {
                shown = await services.Operations.ListAsync(ct).ConfigureAwait(false);
            }
            else
            {
                var found = await services.Operations.FindAsync(which, ct).ConfigureAwait(false)
                    ?? throw new InvalidInputException($"no bootstrap for '{which}'");
                shown = [found];
            }

            var queue = (await services.Operations.ListQueuedAsync(ct).ConfigureAwait(false)).ToDictionary(q => q.BootstrapId, StringComparer.Ordinal);
            if (parse.GetValue(json))
            {
                CliJson.Write(console, new { bootstraps = shown.Select(s => BootstrapOutput.ToJson(s, queue.GetValueOrDefault(s.Record.BootstrapId))) });
            }
            else if (shown.Count == 0)
            {
                console.Output.WriteLine("no bootstraps; start one with 'sf bootstrap FILE|URN'");
            }
            else
            {
                foreach (var stored in shown)
                {
                    BootstrapOutput.Print(console, stored, queue.GetValueOrDefault(stored.Record.BootstrapId));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
