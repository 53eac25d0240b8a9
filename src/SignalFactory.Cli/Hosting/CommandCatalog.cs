using System.CommandLine;
using SignalFactory.Cli.Validate;

namespace SignalFactory.Cli.Hosting;

/// <summary>Every top-level command, in the order <c>sf --help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliConsole console)
    {
        yield return ValidateCommand.Create(console);
    }
}
