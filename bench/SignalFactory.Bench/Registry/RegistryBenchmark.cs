using System.Diagnostics;
using System.Globalization;
using SignalFactory.Cli.Hosting;
using YamlDotNet.RepresentationModel;

namespace SignalFactory.Bench.Registry;

/// <summary>
/// Registers N generated manifests through the real <c>sf registry register</c> path (parse, validate, one SQLite
/// transaction, atomic artifact writes) and compares it with a reference measured in the same run: reading and
/// YAML-parsing the same files, the floor for anything that looks at every manifest.
/// </summary>
internal static class RegistryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = Options.Int(args, "--count", 1000);
        var root = Path.Combine(Path.GetTempPath(), "sf-bench-registry-" + Guid.NewGuid().ToString("N"));
        var manifests = Directory.CreateDirectory(Path.Combine(root, "manifests")).FullName;
        try
        {
            for (var i = 0; i < count; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(manifests, $"m{i:D5}.yaml"), Manifest(i)).ConfigureAwait(false);
            }

            var reference = Time(() => ParseAll(manifests));
            var first = await TimeAsync(() => RegisterAsync(root)).ConfigureAwait(false);
            var again = await TimeAsync(() => RegisterAsync(root)).ConfigureAwait(false);

            Console.WriteLine($"registry benchmark: {count} manifests");
            Console.WriteLine($"  reference  read + YAML parse        {reference.TotalMilliseconds,9:F0} ms");
            Console.WriteLine($"  register   all new (1 transaction)  {first.TotalMilliseconds,9:F0} ms  {first.TotalMilliseconds / count,6:F2} ms/manifest  ratio {first / reference,5:F1}x reference");
            Console.WriteLine($"  register   all unchanged            {again.TotalMilliseconds,9:F0} ms  {again.TotalMilliseconds / count,6:F2} ms/manifest  ratio {again / reference,5:F1}x reference");
            Console.WriteLine($"  peak memory (VmHWM)                 {PeakMemory.Megabytes(),9:F0} MiB");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task RegisterAsync(string root)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = CliConsole.ForCapture(output, error, root);
        var exit = await SfApp.RunAsync(["registry", "register", "manifests", "--json"], console).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new InvalidOperationException($"registration failed ({exit}): {error}");
        }
    }

    private static void ParseAll(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
    }

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action().ConfigureAwait(false);
        return watch.Elapsed;
    }

    private static string Manifest(int i)
    {
        var tier = (i % 3) + 1;
        var name = "table_" + i.ToString("D5", CultureInfo.InvariantCulture);
        return $"""
            urn: "ds://bench/{name}"
            owner_team: "team-{i % 17}"
            tier: TIER_{tier}
            runtime: spark
            storage:
              format: delta
              gold: "s3://lake/gold/{name}/"
              partition_key: "dt"
            orchestration:
              platform: airflow
              dag_id: "dag_{i % 40}"
              task_id: "{name}"
              schedule: "0 {i % 24} * * *"
            slo:
              freshness:
                expected_update_by: "06:00 UTC daily"
                grace_period: "30m"
                max_staleness_hours: 24
              volume:
                min_rows_per_partition: {1000 + i}
                anomaly_threshold_pct: 40
            enforcement_model: post_write
            """;
    }
}
