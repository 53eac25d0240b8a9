using System.CommandLine;
using SignalFactory.Cli.Hosting;

namespace SignalFactory.Cli.Policy;

/// <summary><c>sf policy …</c>: generate, show and verify signed policy bundles; print org templates.</summary>
internal static class PolicyCommand
{
    public static Command Create(CliConsole console) =>
        new("policy", "Generate signed policy_bundle.yaml files from baselines, show and verify them")
        {
            PolicyGenerateCommand.Create(console),
            PolicyShowCommand.Create(console),
            PolicyVerifyCommand.Create(console),
            PolicyTemplateCommand.Create(console),
        };
}
