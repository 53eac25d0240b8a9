using System.CommandLine;
using SignalFactory.Cli.Hosting;

namespace SignalFactory.Cli.Init;

/// <summary><c>sf init</c>: creates the workspace folder (state database and artifact store).</summary>
internal static class InitCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("init", "Create the workspace (default ./.sf, or --workspace / $SF_WORKSPACE); safe to run again");
        command.SetAction(async (parse, ct) =>
        {
            var workspace = WorkspaceAccess.Resolve(console, parse);
            var existed = workspace.IsInitialized;
            var opened = await WorkspaceAccess.OpenAsync(console, parse, create: true, ct).ConfigureAwait(false);
            console.Output.WriteLine(existed
                ? $"Workspace {opened.RootPath} is already initialised."
                : $"Initialised workspace {opened.RootPath}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
