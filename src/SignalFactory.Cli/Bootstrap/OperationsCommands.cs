using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Core.Scheduling;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.Store;

namespace SignalFactory.Cli.Bootstrap;

/// <summary><c>sf worker [--once]</c>, <c>sf audit verify</c>, <c>sf config set/get KEY</c>.</summary>
internal static class OperationsCommands
{
    public static Command Worker(CliConsole console)
    {
        var once = new Option<bool>("--once") { Description = "Process until nothing is due, then exit" };
        var poll = new Option<int>("--poll-seconds") { Description = "Seconds between polls when idle (default 5)", DefaultValueFactory = _ => 5 };
        var parallel = ParallelOption();
        var lease = new Option<string?>("--lease")
        {
            Description = "How long a claim lasts without a heartbeat, e.g. 60s (default) or 2m; another worker may take over a "
                + "crashed worker's bootstrap after it. Heartbeats come every quarter of it",
        };
        var command = new Command("worker", "Run due bootstrap steps and timers (leases make several workers safe)") { once, poll, parallel, lease };
        command.SetAction(async (parse, ct) =>
        {
            var leaseOptions = LeaseOptions(parse.GetValue(lease));
            var services = await BootstrapServices.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            var progress = new BootstrapProgress(console);
            var pollSeconds = parse.GetValue(poll);
            if (pollSeconds < 1)
            {
                throw new InvalidInputException("--poll-seconds must be 1 or more");
            }

            var worker = services.CreatePool(ParallelValue(parse, parallel), progress, leaseOptions);

            do
            {
                await progress.RememberAsync(services.Operations, ct).ConfigureAwait(false);
                var steps = await progress.RunAsync("looking for due work", worker.RunUntilIdleAsync, ct).ConfigureAwait(false);
                if (parse.GetValue(once))
                {
                    console.Output.WriteLine($"{steps} transition(s); nothing more is due");
                    return ExitCodes.Ok;
                }

                await Task.Delay(TimeSpan.FromSeconds(pollSeconds), console.Clock, ct).ConfigureAwait(false);
            }
            while (!ct.IsCancellationRequested);

            return ExitCodes.Ok;
        });
        return command;
    }

    // --lease: at least 1 s (heartbeats every quarter of it must reach SQLite in time); default BootstrapWorkerOptions.Default.
    private static BootstrapWorkerOptions LeaseOptions(string? text)
    {
        if (text is null)
        {
            return BootstrapWorkerOptions.Default;
        }

        if (!DurationParser.TryParse(text, out var lease, out var error) || lease < TimeSpan.FromSeconds(1))
        {
            throw new InvalidInputException($"--lease '{text}': {error ?? "must be at least 1s"}");
        }

        return new BootstrapWorkerOptions(lease, lease / 4);
    }

    /// <summary><c>--parallel N</c> of <c>sf worker</c> and <c>sf bootstrap --wait</c>.</summary>
    public static Option<int> ParallelOption() => new("--parallel")
    {
        Description = $"In-process workers (default {DefaultParallel}). They share the workspace's concurrency limits (sf config "
            + "concurrency.*), which hold across processes too; profiling uses several cores itself, so more rarely helps on a small machine",
        DefaultValueFactory = _ => DefaultParallel,
    };

    public static int ParallelValue(ParseResult parse, Option<int> option)
    {
        var value = parse.GetValue(option);
        return value is >= 1 and <= 64 ? value : throw new InvalidInputException($"--parallel: {value} must be between 1 and 64");
    }

    private const int DefaultParallel = 4;

    public static Command Audit(CliConsole console)
    {
        var json = GlobalOptions.Json();
        var verify = new Command("verify", "Check the audit trail's hash chain; exit 1 when it was tampered with") { json };
        verify.SetAction(async (parse, ct) =>
        {
            var services = await BootstrapServices.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            var result = await new SqliteAuditLog(services.Workspace.DatabasePath).VerifyAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                CliJson.Write(console, result);
            }
            else
            {
                console.Output.WriteLine(result.IsValid
                    ? $"audit trail intact: {result.RecordsVerified} record(s), last hash {result.LastVerifiedHash}"
                    : $"audit trail BROKEN after {result.RecordsVerified} verified record(s): {result.FirstBreak}");
            }

            return result.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return new Command("audit", "The bootstrap audit trail") { verify };
    }

    public static Command Config(CliConsole console)
    {
        var key = new Argument<string>("KEY") { Description = "One of: " + string.Join(", ", WorkspaceSettings.Keys) };
        var value = new Argument<string>("VALUE") { Description = "The value (durations like 48h, 0h; whole numbers)" };
        var set = new Command("set", "Set a workspace setting") { key, value };
        set.SetAction(async (parse, ct) =>
        {
            var services = await BootstrapServices.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            try
            {
                await services.Settings.SetAsync(parse.GetValue(key)!, parse.GetValue(value)!, ct).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidInputException(ex.Message.Split(" (Parameter")[0]);
            }

            console.Output.WriteLine($"{parse.GetValue(key)} = {parse.GetValue(value)!.Trim()}");
            return ExitCodes.Ok;
        });
        var getKey = new Argument<string>("KEY") { Description = "One of: " + string.Join(", ", WorkspaceSettings.Keys) };
        var get = new Command("get", "Show a workspace setting") { getKey };
        get.SetAction(async (parse, ct) =>
        {
            var services = await BootstrapServices.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            try
            {
                var (current, isDefault) = await services.Settings.GetAsync(parse.GetValue(getKey)!, ct).ConfigureAwait(false);
                // Sinks (notify.*) are off by default: an empty value reads as "not set".
                console.Output.WriteLine(current.Length == 0 ? "(not set)" : isDefault ? $"{current} (default)" : current);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidInputException(ex.Message.Split(" (Parameter")[0]);
            }

            return ExitCodes.Ok;
        });
        return new Command("config", "Workspace settings") { set, get };
    }
}
