using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Policy.Signing;

namespace SignalFactory.Cli.Policy;

/// <summary>
/// <c>sf policy verify FILE [--trusted-key PEM…]</c>: exit 0 when the file is a validly signed bundle, 1 when it is
/// refused (tampered, unsigned, unknown key, invalid content), 2 when it cannot be read or is not a policy bundle
/// at all. Trusted keys: <c>--trusted-key</c> when given, else the workspace's and <c>SF_TRUSTED_KEYS</c>.
/// </summary>
internal static class PolicyVerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A policy_bundle.yaml file" };
        var trusted = new Option<string[]>("--trusted-key")
        {
            Description = "Public key file or folder of *.pem to trust instead of the workspace's keys (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = GlobalOptions.Json();
        var command = new Command("verify", "Check a policy bundle's signature, canonical form and content") { file, trusted, json };
        command.SetAction((parse, _) =>
        {
            var workspace = WorkspaceAccess.Resolve(console, parse);
            var keys = PolicyCli.Keys(console, workspace.IsInitialized ? workspace.RootPath : null,
                [.. (parse.GetValue(trusted) ?? []).Select(p => Path.GetFullPath(p, console.CurrentDirectory))]);
            var path = Path.GetFullPath(parse.GetRequiredValue(file), console.CurrentDirectory);
            var result = PolicyVerifyService.Verify(path, keys);

            // A file that is not a bundle at all is bad input (2), not a refused bundle (1).
            var status = result.Failure == PolicyBundleVerificationFailure.Malformed ? PolicyCommandStatus.InvalidInput : result.Status;
            if (parse.GetValue(json))
            {
                CliJson.Write(console, new
                {
                    valid = status == PolicyCommandStatus.Ok,
                    failure = result.Failure?.ToString(),
                    message = result.Message,
                    urn = result.Bundle?.Bundle.DatasetUrn,
                    key_id = result.Bundle?.KeyId,
                    validation_enabled = result.Bundle?.Bundle.Security.ValidationEnabled,
                });
            }
            else if (status == PolicyCommandStatus.Ok)
            {
                console.Output.WriteLine(result.Message);
            }
            else
            {
                console.WriteError(status == PolicyCommandStatus.Failed ? "refused: " + result.Message : result.Message);
            }

            return Task.FromResult(PolicyCli.ExitCode(status));
        });
        return command;
    }
}
