using System.CommandLine;
using System.Globalization;
using SignalFactory.Cli.Hosting;

namespace SignalFactory.Cli.Registry;

/// <summary><c>sf registry get URN [--version N]</c>: one registered manifest, latest by default.</summary>
internal static class GetCommand
{
    public static Command Create(CliConsole console)
    {
        var urnArgument = new Argument<string>("URN") { Description = "Dataset URN, e.g. ds://curated/orders_enriched" };
        var version = new Option<int?>("--version") { Description = "A registered version (default: the latest)" };
        var json = GlobalOptions.Json();
        var command = new Command("get", "Show a registered dataset.yaml and its registry record")
        {
            urnArgument,
            version,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var urn = parse.GetRequiredValue(urnArgument);
            CliArguments.RequireUrn(urn);

            var requested = CliArguments.RequireVersion(parse.GetValue(version));

            var workspace = await WorkspaceAccess.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            var store = workspace.CreateRegistryStore(console.Clock);
            var dataset = await store.GetAsync(urn, requested, ct).ConfigureAwait(false);
            if (dataset is null)
            {
                var versions = await store.GetVersionsAsync(urn, ct).ConfigureAwait(false);
                throw new InvalidInputException(versions.Count == 0
                    ? $"{urn} is not registered in {workspace.RootPath}"
                    : $"{urn} has no version {requested}; registered versions: {string.Join(", ", versions)}");
            }

            var allVersions = await store.GetVersionsAsync(urn, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                CliJson.Write(console, new
                {
                    urn = dataset.Urn,
                    version = dataset.Version,
                    versions = allVersions,
                    status = dataset.Status,
                    tier = dataset.Tier,
                    format = dataset.Format,
                    runtime = dataset.Runtime,
                    enforcement_model = dataset.EnforcementModel,
                    owner_team = dataset.OwnerTeam,
                    registered_by = dataset.RegisteredBy,
                    registered_at = dataset.RegisteredAt,
                    updated_at = dataset.UpdatedAt,
                    bootstrap_id = dataset.BootstrapId,
                    content_hash = dataset.ContentHash,
                    yaml = dataset.YamlContent,
                });
                return ExitCodes.Ok;
            }

            var o = console.Output;
            o.WriteLine($"# {dataset.Urn}  version {dataset.Version} of {allVersions.Count}  status {dataset.Status}");
            o.WriteLine($"# registered {dataset.RegisteredAt.ToString("u", CultureInfo.InvariantCulture)} by {dataset.RegisteredBy}; {dataset.ContentHash}");
            o.Write(dataset.YamlContent);
            if (!dataset.YamlContent.EndsWith('\n'))
            {
                o.WriteLine();
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
