using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Store;

namespace SignalFactory.Cli.Profile;

/// <summary><c>sf baseline show URN [--version N] [--json]</c>: a stored baseline, the latest by default.</summary>
internal static class BaselineCommand
{
    public static Command Create(CliConsole console) =>
        new("baseline", "Read the baselines stored by 'sf profile'")
        {
            Show(console),
        };

    private static Command Show(CliConsole console)
    {
        var urnArgument = new Argument<string>("URN") { Description = "Dataset URN, e.g. ds://curated/orders_enriched" };
        var version = new Option<int?>("--version") { Description = "A stored history version (default: the latest)" };
        var json = GlobalOptions.Json();
        var command = new Command("show", "Show a dataset's baseline: partitions, volume, columns, PII, fingerprint, timing, warnings")
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
            var store = new BaselineStore(workspace.CreateArtifactStore());
            StoredBaseline? stored;
            try
            {
                stored = requested is { } n
                    ? await store.GetVersionAsync(urn, n, ct).ConfigureAwait(false)
                    : await store.GetLatestAsync(urn, ct).ConfigureAwait(false);
            }
            catch (BaselineFormatException ex)
            {
                throw new CliException($"the stored baseline is damaged: {ex.Message}", ExitCodes.Failed);
            }

            if (stored is null)
            {
                var versions = await store.GetVersionsAsync(urn, ct).ConfigureAwait(false);
                throw new InvalidInputException(versions.Count == 0
                    ? $"{urn} has no baseline in {workspace.RootPath}; run 'sf profile {urn}' first"
                    : $"{urn} has no baseline version {requested}; stored versions: {string.Join(", ", versions)}");
            }

            if (parse.GetValue(json))
            {
                console.Output.Write(System.Text.Encoding.UTF8.GetString(stored.Json));
                return ExitCodes.Ok;
            }

            var versionText = stored.Version == 0 ? "not in history" : $"version {stored.Version}";
            BaselineSummary.Write(console, stored.Baseline, $"{stored.Key} ({versionText})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
