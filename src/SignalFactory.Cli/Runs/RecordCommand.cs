using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Profiling.Refinement;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Runs;

/// <summary>
/// <c>sf runs record URN --rows N [--duration-ms MS] [--null-rate COL=R …] [--known-bad] [--run-id ID] [--json]</c>:
/// records one real run of a registered dataset, judges it against the baseline in force and refines a synthetic
/// baseline after 7 good runs (LLD §5.3).
/// </summary>
internal static class RecordCommand
{
    public static Command Create(CliConsole console)
    {
        var urnArgument = new Argument<string>("URN") { Description = "Registered dataset URN, e.g. ds://curated/orders_enriched" };
        var rows = new Option<long>("--rows") { Description = "Rows the run wrote (≥ 0)", Required = true };
        var durationMs = new Option<long?>("--duration-ms") { Description = "Job duration in milliseconds (≥ 0)" };
        var nullRates = new Option<string[]>("--null-rate")
        {
            Description = "Null share of a column, COLUMN=RATE with RATE from 0 to 1; repeatable",
            AllowMultipleArgumentsPerToken = true,
        };
        var knownBad = new Option<bool>("--known-bad") { Description = "The run is known to be wrong: keep it in the history, never use it for baselines" };
        var runId = new Option<string?>("--run-id") { Description = "The pipeline's run id; recording the same id again changes nothing" };
        var json = GlobalOptions.Json();
        var command = new Command("record", "Record a run's row count (and duration, null rates); prints the verdict and any refinement")
        {
            urnArgument,
            rows,
            durationMs,
            nullRates,
            knownBad,
            runId,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var urn = parse.GetRequiredValue(urnArgument);
            CliArguments.RequireUrn(urn);

            var metrics = new RunMetrics
            {
                RowCount = NotNegative(parse.GetValue(rows), "--rows"),
                DurationMs = parse.GetValue(durationMs) is { } ms ? NotNegative(ms, "--duration-ms") : null,
                NullRates = NullRateArguments.Parse(parse.GetValue(nullRates) ?? []),
                IsKnownBad = parse.GetValue(knownBad),
                RunId = RunIdOrNull(parse.GetValue(runId)),
            };

            var workspace = await OpenWorkspaceAsync(console, parse, ct).ConfigureAwait(false);
            var dataset = await workspace.CreateRegistryStore(console.Clock).GetAsync(urn, null, ct).ConfigureAwait(false)
                ?? throw new InvalidInputException($"{urn} is not registered in {workspace.RootPath}; register its dataset.yaml first (sf registry register)");

            var store = workspace.CreateBaselineStore(console.Clock);
            var seeded = await BaselineSeeding.EnsureAsync(store, workspace.CreateArtifactStore(), dataset, console.Clock, ct).ConfigureAwait(false);
            RunRecordResult result;
            try
            {
                result = await new BaselineAutoRefiner(store, console.Clock).RecordRunAsync(urn, metrics, ct).ConfigureAwait(false);
            }
            catch (BaselineConcurrencyException ex)
            {
                throw new CliException($"{ex.Message} Other writers kept changing it; try again.", ExitCodes.Conflict);
            }

            if (parse.GetValue(json))
            {
                CliJson.Write(console, RunOutput.ToJson(result, seeded));
            }
            else
            {
                RunOutput.Print(console, result, seeded);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static long NotNegative(long value, string option) =>
        value >= 0 ? value : throw new InvalidInputException($"{option} must be 0 or more; got {value}");

    private static string? RunIdOrNull(string? runId) => runId switch
    {
        null => null,
        _ when string.IsNullOrWhiteSpace(runId) => throw new InvalidInputException("--run-id must not be blank"),
        _ => runId,
    };

    private static async Task<Workspace> OpenWorkspaceAsync(CliConsole console, ParseResult parse, CancellationToken ct)
    {
        var workspace = WorkspaceAccess.Resolve(console, parse);
        try
        {
            await workspace.OpenWithBaselinesAsync(create: false, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WorkspaceNotFoundException or WorkspaceFormatException)
        {
            throw new InvalidInputException(ex.Message);
        }

        return workspace;
    }
}
