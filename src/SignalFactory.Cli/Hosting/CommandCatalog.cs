using System.CommandLine;
using SignalFactory.Cli.Examples;
using SignalFactory.Cli.Init;
using SignalFactory.Cli.Policy;
using SignalFactory.Cli.Profile;
using SignalFactory.Cli.Quickstart;
using SignalFactory.Cli.Registry;
using SignalFactory.Cli.Validate;

namespace SignalFactory.Cli.Hosting;

/// <summary>Every top-level command, in the order <c>sf --help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliConsole console)
    {
        yield return QuickstartCommand.Create(console);
        yield return InitCommand.Create(console);
        yield return ValidateCommand.Create(console);
        yield return RegistryCommand.Create(console);
        yield return ProfileCommand.Create(console);
        yield return BaselineCommand.Create(console);
        yield return Runs.RunsCommand.Create(console);
        yield return PolicyCommand.Create(console);
        yield return KeysCommand.Create(console);
        yield return KillSwitchCommand.Create(console);
        yield return Certify.CertifyCommand.Create(console);
        yield return ExamplesCommand.Create(console);
        yield return Bootstrap.BootstrapCliCommand.Create(console);
        yield return Bootstrap.DecisionCommands.Approve(console);
        yield return Bootstrap.DecisionCommands.Reject(console);
        yield return Bootstrap.DecisionCommands.Cancel(console);
        yield return Bootstrap.DecisionCommands.Rollback(console);
        yield return Bootstrap.OperationsCommands.Worker(console);
        yield return Bootstrap.OperationsCommands.Audit(console);
        yield return Bootstrap.OperationsCommands.Config(console);
        yield return Notify.OutboxCommands.Create(console);
        yield return Fleet.FleetCommand.Create(console);
    }
}
