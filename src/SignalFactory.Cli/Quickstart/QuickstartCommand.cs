using System.CommandLine;
using SignalFactory.Cli.Bootstrap;
using SignalFactory.Cli.Examples;
using SignalFactory.Cli.Hosting;
using SignalFactory.Cli.Registry;

namespace SignalFactory.Cli.Quickstart;

/// <summary>
/// <c>sf quickstart</c>: the main job on the embedded default. Generates the example lake (once) inside the
/// workspace, then validates and registers its three manifests. Later steps (profile, policy, certify) join it as
/// they land.
/// </summary>
internal static class QuickstartCommand
{
    public static Command Create(CliConsole console)
    {
        var lakeDirectory = new Option<string?>("--lake") { Description = "Where the example lake goes (default: <workspace>/example-lake)" };
        var tier3Cooling = new Option<string?>("--tier3-cooling")
        {
            Description = "Tier-3 auto-approval cooling period for this run only, e.g. 0h (default: sf config approval.tier3_cooling_period, 48h)",
        };
        var options = new LakeOptions();
        var command = new Command("quickstart", "Run the main job on the embedded default: example lake -> validate -> register -> bootstrap")
        {
            lakeDirectory,
            tier3Cooling,
        };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await WorkspaceAccess.OpenAsync(console, parse, create: true, ct).ConfigureAwait(false);
            var lake = parse.GetValue(lakeDirectory) is { } given
                ? Path.GetFullPath(given, console.CurrentDirectory)
                : Path.Combine(workspace.RootPath, "example-lake");
            var manifests = Path.Combine(lake, "manifests");

            console.Output.WriteLine($"Workspace: {workspace.RootPath}");
            if (Directory.Exists(manifests))
            {
                console.Output.WriteLine($"Step 1/3  example lake: reusing {lake}");
            }
            else
            {
                console.Output.WriteLine($"Step 1/3  example lake: writing {lake}");
                var result = await ExamplesCommand.GenerateAsync(console, lake, options.Read(parse), ct).ConfigureAwait(false);
                ExamplesCommand.PrintSummary(console, result);
            }

            console.Output.WriteLine("Step 2/3  validate and register the manifests");
            var registered = await RegisterCommand.RegisterAsync(console, parse, [manifests], "autopilot", ct).ConfigureAwait(false);
            RegisterCommand.PrintTable(console, registered);

            // Step 3: bootstrap every example dataset and run a worker here. A re-run finds them bootstrapped already
            // (conflict) and shows where they stand. The Tier-3 cooling period comes from `sf config` unless
            // --tier3-cooling overrides it for this run; the quick start never changes the stored setting.
            console.Output.WriteLine("Step 3/3  bootstrap: profile, generate and sign the policy, approve, certify");
            var cooling = ParseCooling(parse.GetValue(tier3Cooling));
            var services = await BootstrapServices.OpenAsync(console, parse, create: true, ct, cooling).ConfigureAwait(false);
            var started = await BootstrapCliCommand.StartAsync(console, parse, services, [.. registered.Select(r => r.Dataset.Urn)], force: false, ct).ConfigureAwait(false);
            foreach (var (urn, result) in started.Where(s => !s.Result.Started))
            {
                console.Output.WriteLine($"  {urn}: already bootstrapped by {result.BootstrapId}");
            }

            var final = await BootstrapCliCommand.WaitAsync(services, [.. started.Select(s => s.Result.BootstrapId)], progress: true, ct).ConfigureAwait(false);
            foreach (var stored in final)
            {
                BootstrapOutput.Print(console, stored);
            }

            var workspaceFlag = $"--workspace {Quote(workspace.RootPath)}";
            console.Output.WriteLine();
            console.Output.WriteLine("Next:");
            console.Output.WriteLine($"  sf registry list {workspaceFlag}");
            console.Output.WriteLine($"  sf registry get {registered[0].Dataset.Urn} {workspaceFlag}");
            foreach (var stored in final.Where(f => f.Record.CurrentStep == Orchestration.StateMachine.BootstrapState.PolicyPending))
            {
                console.Output.WriteLine($"  sf approve {stored.Record.BootstrapId} --as NAME {workspaceFlag}   # {stored.Record.DatasetUrn} ({stored.Record.Tier})");
            }

            console.Output.WriteLine($"  sf bootstrap status {workspaceFlag}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static TimeSpan? ParseCooling(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Core.Scheduling.DurationParser.TryParse(text, out var duration, out var error) && duration >= TimeSpan.Zero
            ? duration
            : throw new InvalidInputException($"--tier3-cooling: {error ?? "must not be negative"}");
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
