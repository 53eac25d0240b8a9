using System.CommandLine;
using System.Globalization;
using SignalFactory.Cli.Hosting;
using SignalFactory.Examples.Lake;
using Spectre.Console;

namespace SignalFactory.Cli.Examples;

/// <summary><c>sf examples lake DIR</c>: a deterministic example lake for demos, tests and benchmarks.</summary>
internal static class ExamplesCommand
{
    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string>("DIR") { Description = "Folder to create (must be empty or absent)" };
        var options = new LakeOptions();
        var json = GlobalOptions.Json();
        var lake = new Command("lake", "Write an example lake: an orders Delta table, two Hive-partitioned Parquet tables, one manifest per tier")
        {
            directory,
            json,
        };
        options.AddTo(lake);
        lake.SetAction(async (parse, ct) =>
        {
            var target = Path.GetFullPath(parse.GetRequiredValue(directory), console.CurrentDirectory);
            var result = await GenerateAsync(console, target, options.Read(parse), ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                CliJson.Write(console, result);
            }
            else
            {
                PrintSummary(console, result);
            }

            return ExitCodes.Ok;
        });
        return new Command("examples", "Example data for trying Signal Factory out") { lake };
    }

    /// <summary>Generates with a progress bar on a terminal; maps generator refusals to exit codes.</summary>
    internal static async Task<ExampleLakeResult> GenerateAsync(CliConsole console, string target, ExampleLakeOptions options, CancellationToken ct)
    {
        var generator = new ExampleLakeGenerator();
        try
        {
            if (!console.IsInteractive)
            {
                return await generator.GenerateAsync(target, options, progress: null, ct).ConfigureAwait(false);
            }

            return await console.Ansi.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Writing example lake");
                    var progress = new SynchronousProgress<ExampleLakeProgress>(p =>
                    {
                        task.MaxValue = p.StepsTotal;
                        task.Value = p.StepsDone;
                        task.Description = $"{p.Table} dt={p.Partition}";
                    });
                    return await generator.GenerateAsync(target, options, progress, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        catch (ExampleLakeException ex)
        {
            throw new CliException(ex.Message, ex.Error switch
            {
                ExampleLakeError.InvalidOption => ExitCodes.InvalidInput,
                ExampleLakeError.TargetNotEmpty => ExitCodes.Conflict,
                _ => ExitCodes.Failed,
            });
        }
    }

    internal static void PrintSummary(CliConsole console, ExampleLakeResult result)
    {
        var table = new Table().AddColumns("TABLE", "FORMAT", "URN", "TIER", "PARTITIONS", "ROWS", "FILES");
        foreach (var t in result.Tables)
        {
            table.AddRow(
                t.Name,
                t.Format == ExampleTableFormat.Delta ? "delta" : "parquet",
                Markup.Escape(t.Urn),
                t.Tier,
                t.Partitions.Count.ToString(CultureInfo.InvariantCulture),
                t.TotalRows.ToString("N0", CultureInfo.InvariantCulture),
                t.FileCount.ToString(CultureInfo.InvariantCulture));
        }

        console.Output.WriteLine($"Example lake written to {result.Directory}");
        console.Ansi.Write(table);
    }

    /// <summary>Progress reported on the caller's thread: the generator reports in order and the display must not lag.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

/// <summary>The size options shared by <c>sf examples lake</c> and <c>sf quickstart</c>.</summary>
internal sealed class LakeOptions
{
    private readonly Option<int> _days = new("--days") { Description = "Daily partitions per table", DefaultValueFactory = _ => 10 };
    private readonly Option<int> _rows = new("--rows-per-partition") { Description = "Rows in each orders and events partition", DefaultValueFactory = _ => 10_000 };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of the deterministic data", DefaultValueFactory = _ => 42 };

    public void AddTo(Command command)
    {
        command.Options.Add(_days);
        command.Options.Add(_rows);
        command.Options.Add(_seed);
    }

    public ExampleLakeOptions Read(ParseResult parse) => new()
    {
        Days = parse.GetValue(_days),
        RowsPerPartition = parse.GetValue(_rows),
        Seed = parse.GetValue(_seed),
    };
}
