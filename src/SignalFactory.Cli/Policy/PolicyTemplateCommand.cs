using System.CommandLine;
using System.Text;
using SignalFactory.Cli.Hosting;
using SignalFactory.Core.Manifests;
using SignalFactory.Policy.Generation;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Cli.Policy;

/// <summary>
/// <c>sf policy template TIER [--write]</c>: prints the template the generator uses for a tier (the org's, when the
/// workspace has one, else the defaults); <c>--write</c> stores the defaults as the org template to edit.
/// </summary>
internal static class PolicyTemplateCommand
{
    public static Command Create(CliConsole console)
    {
        var tierArgument = new Argument<string>("TIER") { Description = "TIER_1, TIER_2 or TIER_3" };
        var write = new Option<bool>("--write") { Description = "Write the default template to templates/policy/TIER.yaml in the workspace (refused when one exists)" };
        var command = new Command("template", "Print (or start) the org policy template of a tier") { tierArgument, write };
        command.SetAction(async (parse, ct) =>
        {
            var tier = parse.GetRequiredValue(tierArgument);
            if (!Tiers.All.Contains(tier, StringComparer.Ordinal))
            {
                throw new InvalidInputException($"'{tier}' is not a tier; expected {string.Join(", ", Tiers.All)}");
            }

            var workspace = await WorkspaceAccess.OpenAsync(console, parse, create: parse.GetValue(write), ct).ConfigureAwait(false);
            var artifacts = workspace.CreateArtifactStore();
            var key = ArtifactKeys.PolicyTemplate(tier);
            var existing = await artifacts.ReadAsync(key, ct).ConfigureAwait(false);
            if (parse.GetValue(write))
            {
                if (existing is not null)
                {
                    throw new CliException($"{PolicyCli.PathOf(workspace, key)} already exists; edit it instead", ExitCodes.Conflict);
                }

                var text = PolicyTemplateYaml.ToYaml(PolicyDefaults.Template(tier), tier);
                await artifacts.WriteAsync(key, Encoding.UTF8.GetBytes(text), ct).ConfigureAwait(false);
                console.Output.WriteLine($"wrote {PolicyCli.PathOf(workspace, key)}; edit it to change what `sf policy generate` does for {tier}");
                return ExitCodes.Ok;
            }

            if (existing is not null)
            {
                try
                {
                    PolicyTemplateYaml.Parse(existing, key);
                }
                catch (PolicyInputException ex)
                {
                    console.WriteWarning($"the org template does not parse, so the generator refuses it: {ex.Message}");
                }

                console.Output.WriteLine($"# {PolicyCli.PathOf(workspace, key)}");
                console.Output.Write(Encoding.UTF8.GetString(existing));
                return ExitCodes.Ok;
            }

            console.Output.WriteLine($"# no org template for {tier}: the generator's defaults");
            console.Output.Write(PolicyTemplateYaml.ToYaml(PolicyDefaults.Template(tier), tier));
            return ExitCodes.Ok;
        });
        return command;
    }
}
