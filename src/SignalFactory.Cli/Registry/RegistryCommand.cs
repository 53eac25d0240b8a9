using System.CommandLine;
using SignalFactory.Cli.Hosting;

namespace SignalFactory.Cli.Registry;

/// <summary><c>sf registry …</c>: the Dataset Registry (register, get, list).</summary>
internal static class RegistryCommand
{
    public static Command Create(CliConsole console) =>
        new("registry", "Register, read and list dataset.yaml manifests in the workspace's Dataset Registry")
        {
            RegisterCommand.Create(console),
            GetCommand.Create(console),
            ListCommand.Create(console),
        };
}
