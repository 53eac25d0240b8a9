using System.CommandLine;
using System.Globalization;
using SignalFactory.Cli.Hosting;
using SignalFactory.Profiling.Dispatch;
using SignalFactory.Profiling.Store;
using Spectre.Console;

namespace SignalFactory.Cli.Profile;

/// <summary>
/// <c>sf profile URN|FILE [--json] [--sample-rate R] [--memory-limit SIZE] [--threads N]</c>: profiles a table into a
/// baseline. A URN profiles the registered dataset and stores <c>baseline.json</c> (with history) in the workspace;
/// a FILE is validated and profiled without registering or storing anything — a dry run before registration.
/// </summary>
internal static class ProfileCommand
{
    public static Command Create(CliConsole console)
    {
        var target = new Argument<string>("URN|FILE")
        {
            Description = "A registered dataset (ds://zone/name; its baseline is stored) or a dataset.yaml file (profiled only)",
        };
        var sampleRate = new Option<double?>("--sample-rate")
        {
            Description = "Force a sampled scan reading this share (0 < R <= 1) of the row groups",
        };
        var memoryLimit = new Option<string>("--memory-limit")
        {
            Description = "DuckDB memory limit for the scan, e.g. 512MB or 2GB",
            DefaultValueFactory = _ => ProfileOptions.DefaultMemoryLimit,
        };
        var threads = new Option<int?>("--threads") { Description = "DuckDB threads (default: all cores)" };
        var json = GlobalOptions.Json();
        var command = new Command("profile", "Profile a dataset's table into baseline.json (volume, schema, null rates, histograms, PII, timing)")
        {
            target,
            sampleRate,
            memoryLimit,
            threads,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = Options(parse.GetValue(sampleRate), parse.GetValue(memoryLimit)!, parse.GetValue(threads));
            var resolved = await ProfileTarget.ResolveAsync(console, parse, parse.GetRequiredValue(target), ct).ConfigureAwait(false);
            options = options with { BootstrapId = resolved.BootstrapId ?? GeneratedBootstrapId(console) };
            var asJson = parse.GetValue(json);

            var outcome = await RunAsync(console, resolved, options, showProgress: console.IsInteractive && !asJson, ct).ConfigureAwait(false);
            StoredBaseline? stored = null;
            if (resolved.IsRegistered)
            {
                stored = await new BaselineStore(resolved.Workspace!.CreateArtifactStore())
                    .SaveAsync(resolved.Urn, outcome.Json, ct)
                    .ConfigureAwait(false);
            }

            if (asJson)
            {
                console.Output.Write(System.Text.Encoding.UTF8.GetString(outcome.Json));
                return ExitCodes.Ok;
            }

            BaselineSummary.Write(console, outcome.Baseline, Header(outcome, resolved));
            console.Output.WriteLine(stored is null
                ? $"Not stored: {resolved.Source} was profiled as a file. Register it and run 'sf profile {resolved.Urn}' to keep the baseline."
                : $"Stored as baseline version {stored.Version}{(stored.Created ? "" : " (unchanged)")}: {stored.Key}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ProfileOptions Options(double? sampleRate, string memoryLimit, int? threads)
    {
        if (sampleRate is { } rate && (double.IsNaN(rate) || rate <= 0 || rate > 1))
        {
            throw new InvalidInputException($"--sample-rate must be more than 0 and at most 1; got {rate.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!DatasetProfiler.IsValidMemoryLimit(memoryLimit))
        {
            throw new InvalidInputException($"--memory-limit '{memoryLimit}' is not a memory size; write e.g. 512MB, 1GB or 2GiB");
        }

        if (threads is < 1)
        {
            throw new InvalidInputException($"--threads must be 1 or more; got {threads}");
        }

        return new ProfileOptions { BootstrapId = "pending", SampleRate = sampleRate, MemoryLimit = memoryLimit.Trim(), Threads = threads };
    }

    private static async Task<ProfileOutcome> RunAsync(
        CliConsole console, ProfileTarget target, ProfileOptions options, bool showProgress, CancellationToken ct)
    {
        var profiler = new DatasetProfiler(console.Clock);
        try
        {
            if (!showProgress)
            {
                return await profiler.ProfileAsync(target.Manifest, options, null, ct).ConfigureAwait(false);
            }

            ProfileOutcome? outcome = null;
            await console.Ansi.Status()
                .Spinner(Spinner.Known.Dots)
                .StartAsync($"Profiling {Markup.Escape(target.Urn)}", async context =>
                {
                    var progress = new StatusProgress(context);
                    outcome = await profiler.ProfileAsync(target.Manifest, options, progress, ct).ConfigureAwait(false);
                })
                .ConfigureAwait(false);
            return outcome!;
        }
        catch (DatasetProfilingException ex) when (ex.Failure == ProfilingFailure.InvalidLocation)
        {
            throw new InvalidInputException(ex.Message);
        }
        catch (DatasetProfilingException ex)
        {
            throw new CliException(ex.Message, ExitCodes.Failed);
        }
    }

    private static string Header(ProfileOutcome outcome, ProfileTarget target)
    {
        var m = outcome.Baseline.ProfilingMetadata;
        var mode = m.ProfilingMode == "sampled"
            ? $"sampled scan ({m.SampleRate.ToString("0.####", CultureInfo.InvariantCulture)} of the rows)"
            : "full scan";
        return $"Profiled {target.Source}: {outcome.Format} table {outcome.TableLocation}\n"
            + $"{outcome.ScannedPartitions.Count} of {outcome.PartitionsDiscovered} partition(s) read, {mode}, "
            + $"{m.TotalRowsSampled.ToString("N0", CultureInfo.InvariantCulture)} rows in {(m.DurationMs ?? 0).ToString("N0", CultureInfo.InvariantCulture)} ms";
    }

    private static string GeneratedBootstrapId(CliConsole console) =>
        "profile-" + console.Clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Shows each report as the status line; synchronous, so the line follows the profiler step by step.</summary>
    private sealed class StatusProgress(StatusContext context) : IProgress<ProfileProgress>
    {
        public void Report(ProfileProgress value) => context.Status(Markup.Escape(value.Message));
    }
}
