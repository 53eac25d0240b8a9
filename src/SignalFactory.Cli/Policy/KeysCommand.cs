using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Policy.Signing;

namespace SignalFactory.Cli.Policy;

/// <summary><c>sf keys generate [--force]</c>: the workspace's policy signing key pair.</summary>
internal static class KeysCommand
{
    public static Command Create(CliConsole console)
    {
        var force = new Option<bool>("--force") { Description = "Replace an existing key pair (its public key stays trusted for bundles it signed)" };
        var json = GlobalOptions.Json();
        var generate = new Command("generate", "Create the workspace's ECDSA P-256 key pair for signing policy bundles (keys/policy-signing.pem, mode 0600)")
        {
            force,
            json,
        };
        generate.SetAction(async (parse, ct) =>
        {
            var workspace = await WorkspaceAccess.OpenAsync(console, parse, create: true, ct).ConfigureAwait(false);
            var result = KeysGenerateService.Generate(workspace.RootPath, parse.GetValue(force));
            if (parse.GetValue(json))
            {
                CliJson.Write(console, new
                {
                    status = result.Status.ToString().ToLowerInvariant(),
                    message = result.Message,
                    key_id = result.KeyPair?.KeyId,
                    private_key = result.KeyPair?.PrivateKeyPath,
                    public_key = result.KeyPair?.PublicKeyPath,
                    retired_public_key = result.KeyPair?.RetiredPublicKeyPath,
                });
            }
            else if (result.Status == PolicyCommandStatus.Ok)
            {
                console.Output.WriteLine(result.Message);
            }
            else
            {
                console.WriteError(result.Message);
            }

            return PolicyCli.ExitCode(result.Status);
        });
        return new Command("keys", "Manage the keys that sign policy bundles") { generate };
    }
}
