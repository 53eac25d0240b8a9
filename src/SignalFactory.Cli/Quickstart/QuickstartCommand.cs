using System.CommandLine;
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
        var options = new LakeOptions();
        var command = new Command("quickstart", "Run the main job on the embedded default: example lake -> validate -> register")
        {
            lakeDirectory,
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
                console.Output.WriteLine($"Step 1/2  example lake: reusing {lake}");
            }
            else
            {
                console.Output.WriteLine($"Step 1/2  example lake: writing {lake}");
                var result = await ExamplesCommand.GenerateAsync(console, lake, options.Read(parse), ct).ConfigureAwait(false);
                ExamplesCommand.PrintSummary(console, result);
            }

            console.Output.WriteLine("Step 2/2  validate and register the manifests");
            var registered = await RegisterCommand.RegisterAsync(console, parse, [manifests], "autopilot", ct).ConfigureAwait(false);
            RegisterCommand.PrintTable(console, registered);

            var workspaceFlag = $"--workspace {Quote(workspace.RootPath)}";
            console.Output.WriteLine();
            console.Output.WriteLine("Next:");
            console.Output.WriteLine($"  sf registry list {workspaceFlag}");
            console.Output.WriteLine($"  sf registry get {registered[0].Dataset.Urn} {workspaceFlag}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
