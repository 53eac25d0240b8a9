using System.CommandLine;

namespace SignalFactory.Cli.Hosting;

/// <summary>Options every command understands.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Workspace = new("--workspace", "-w")
    {
        Description = "Workspace folder (state database and artifacts). Default: $SF_WORKSPACE, else ./.sf",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print machine-readable JSON only",
    };
}
