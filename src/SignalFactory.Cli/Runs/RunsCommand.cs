using System.CommandLine;
using SignalFactory.Cli.Hosting;

namespace SignalFactory.Cli.Runs;

/// <summary><c>sf runs …</c>: real pipeline runs, recorded into the Baseline Store (auto-refinement, LLD §5.3).</summary>
internal static class RunsCommand
{
    public static Command Create(CliConsole console) =>
        new("runs", "Record real runs of registered datasets; after 7 good runs a synthetic baseline is computed from them")
        {
            RecordCommand.Create(console),
        };
}
