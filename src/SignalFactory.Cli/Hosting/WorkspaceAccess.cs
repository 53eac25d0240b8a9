using System.CommandLine;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Hosting;

/// <summary>Finds and opens the workspace a command works in, turning workspace problems into exit-2 messages.</summary>
internal static class WorkspaceAccess
{
    public static Workspace Resolve(CliConsole console, ParseResult parse) =>
        Workspace.Resolve(
            parse.GetValue(GlobalOptions.Workspace),
            name => console.Environment.TryGetValue(name, out var value) ? value : null,
            console.CurrentDirectory);

    /// <summary>Opens (and with <paramref name="create"/> initialises) the workspace and applies pending migrations.</summary>
    public static async Task<Workspace> OpenAsync(CliConsole console, ParseResult parse, bool create, CancellationToken ct)
    {
        var workspace = Resolve(console, parse);
        try
        {
            await workspace.OpenAsync(create, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WorkspaceNotFoundException or WorkspaceFormatException)
        {
            throw new InvalidInputException(ex.Message);
        }

        return workspace;
    }
}
