using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Policy.Signing;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Cli.Policy;

/// <summary>
/// <c>sf kill-switch URN --reason R [--as NAME] [--release]</c> (HLD §10.2): turns validation off for a dataset
/// (or back on with <c>--release</c>) by re-signing its bundle with a record of who, when and why. The bundle in
/// force must verify first; the new one is written with history.
/// </summary>
internal static class KillSwitchCommand
{
    public static Command Create(CliConsole console)
    {
        var urnArgument = new Argument<string>("URN") { Description = "Dataset URN, e.g. ds://curated/orders_enriched" };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the signed bundle)", Required = true };
        var actor = new Option<string?>("--as") { Description = "Who, recorded as human:NAME (default: the login name)" };
        var release = new Option<bool>("--release") { Description = "Release the kill switch: validation back on" };
        var json = GlobalOptions.Json();
        var command = new Command("kill-switch", "Disable (or with --release re-enable) validation of a dataset by re-signing its policy bundle")
        {
            urnArgument,
            reason,
            actor,
            release,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var urn = CliArguments.RequireUrn(parse.GetRequiredValue(urnArgument));
            var workspace = await WorkspaceAccess.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            var current = await PolicyCli.RequireBundleAsync(workspace, urn, ct).ConfigureAwait(false);
            var who = "human:" + (parse.GetValue(actor) ?? Environment.UserName);
            var keys = PolicyCli.Keys(console, workspace.RootPath);
            var source = PolicyCli.PathOf(workspace, ArtifactKeys.PolicyBundle(urn));
            var text = parse.GetRequiredValue(reason);
            var result = parse.GetValue(release)
                ? KillSwitchService.Release(current, text, who, keys, console.Clock, source)
                : KillSwitchService.Engage(current, text, who, keys, console.Clock, source);

            int? version = null;
            if (result.Status == PolicyCommandStatus.Ok && result.Changed)
            {
                version = (await PolicyCli.Store(workspace).SaveAsync(result.Bundle!, null, ct).ConfigureAwait(false)).Version;
            }

            if (parse.GetValue(json))
            {
                CliJson.Write(console, new
                {
                    urn,
                    status = result.Status.ToString().ToLowerInvariant(),
                    changed = result.Changed,
                    message = result.Message,
                    version,
                    validation_enabled = result.Bundle?.Bundle.Security.ValidationEnabled,
                    actor = who,
                });
            }
            else if (result.Status == PolicyCommandStatus.Ok)
            {
                console.Output.WriteLine(version is null ? result.Message : $"{result.Message}; written as version {version}");
            }
            else
            {
                console.WriteError(result.Message);
            }

            return PolicyCli.ExitCode(result.Status);
        });
        return command;
    }
}
