using System.CommandLine;
using System.Globalization;
using SignalFactory.Cli.Hosting;
using SignalFactory.Registry;
using Spectre.Console;

namespace SignalFactory.Cli.Registry;

/// <summary><c>sf registry list</c>: latest version of each dataset, filtered and paged.</summary>
internal static class ListCommand
{
    public static Command Create(CliConsole console)
    {
        var tier = new Option<string?>("--tier") { Description = "TIER_1, TIER_2 or TIER_3" };
        var status = new Option<string?>("--status") { Description = "REGISTERED, BOOTSTRAPPING, SIGNAL_READY or DECOMMISSIONED" };
        var format = new Option<string?>("--format") { Description = "delta or parquet" };
        var owner = new Option<string?>("--owner") { Description = "owner_team" };
        var pageSize = new Option<int>("--page-size")
        {
            Description = $"Datasets per page (1-{RegistryQuery.MaxPageSize})",
            DefaultValueFactory = _ => 50,
        };
        var pageToken = new Option<string?>("--page-token") { Description = "Token printed by the previous page" };
        var json = GlobalOptions.Json();
        var command = new Command("list", "List registered datasets (latest versions), with filters and pagination")
        {
            tier, status, format, owner, pageSize, pageToken, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await WorkspaceAccess.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            var store = workspace.CreateRegistryStore(console.Clock);
            RegistryPage page;
            try
            {
                page = await store.ListAsync(
                    new RegistryQuery(
                        parse.GetValue(tier),
                        parse.GetValue(status),
                        parse.GetValue(format),
                        parse.GetValue(owner),
                        parse.GetValue(pageSize),
                        parse.GetValue(pageToken)),
                    ct).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidInputException(ex.Message);
            }

            if (parse.GetValue(json))
            {
                CliJson.Write(console, new
                {
                    items = page.Items.Select(d => new
                    {
                        urn = d.Urn,
                        version = d.Version,
                        tier = d.Tier,
                        format = d.Format,
                        runtime = d.Runtime,
                        status = d.Status,
                        owner_team = d.OwnerTeam,
                        updated_at = d.UpdatedAt,
                    }).ToList(),
                    next_page_token = page.NextPageToken,
                });
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("URN", "VERSION", "TIER", "FORMAT", "STATUS", "OWNER", "UPDATED");
            foreach (var d in page.Items)
            {
                table.AddRow(
                    Markup.Escape(d.Urn),
                    d.Version.ToString(CultureInfo.InvariantCulture),
                    d.Tier,
                    d.Format,
                    d.Status,
                    Markup.Escape(d.OwnerTeam),
                    d.UpdatedAt.ToString("u", CultureInfo.InvariantCulture));
            }

            console.Ansi.Write(table);
            console.Output.WriteLine($"{page.Items.Count} dataset(s) on this page.");
            if (page.NextPageToken is { } next)
            {
                console.Output.WriteLine($"Next page: --page-token {next}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
