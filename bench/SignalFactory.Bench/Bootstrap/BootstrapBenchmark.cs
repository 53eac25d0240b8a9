using System.Diagnostics;
using System.Globalization;
using SignalFactory.Cli.Hosting;
using SignalFactory.Core.Manifests;
using SignalFactory.DuckDb;
using SignalFactory.Profiling.Dispatch;

namespace SignalFactory.Bench.Bootstrap;

/// <summary>
/// <c>bootstrap</c>: writes <c>--count</c> small Hive-partitioned Parquet tables (DuckDB) and their Tier-3
/// <c>dataset.yaml</c> files (not timed), sets the Tier-3 cooling period to 0h, then times
/// <c>sf bootstrap manifests/*.yaml --wait --parallel N</c> run in-process: registration, validation, profiling,
/// policy generation and signing, auto-approval, certification, every step through the orchestrator with the default
/// concurrency limits (Tier-3: 5 at once). Reference in the same run: the same tables profiled directly with
/// <see cref="DatasetProfiler"/>, one after another.
/// </summary>
internal static class BootstrapBenchmark
{
    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var count = Options.Int(args, "--count", 500);
        var partitions = Options.Int(args, "--partitions", 3);
        var rows = Options.Int(args, "--rows", 2000);
        var parallel = Options.Int(args, "--parallel", 4);
        var skipReference = args.Contains("--no-reference");
        var root = Path.Combine(Path.GetTempPath(), "sf-bench-bootstrap-" + Guid.NewGuid().ToString("N"));
        var manifests = Path.Combine(root, "manifests");
        Directory.CreateDirectory(manifests);
        Directory.CreateDirectory(Path.Combine(root, "tables"));
        try
        {
            var watch = Stopwatch.StartNew();
            await WriteTablesAsync(root, count, partitions, rows, ct).ConfigureAwait(false);
            Console.WriteLine(string.Create(s_culture,
                $"wrote {count} tables × {partitions} partitions × {rows:N0} rows and their manifests in {watch.Elapsed.TotalSeconds:F1} s (not timed)"));

            var workspace = Path.Combine(root, "ws");
            await SfAsync(root, ["init", "--workspace", workspace], ct).ConfigureAwait(false);
            await SfAsync(root, ["config", "set", "approval.tier3_cooling_period", "0h", "--workspace", workspace], ct).ConfigureAwait(false);

            Profile.PeakMemory.Reset();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            var files = Directory.GetFiles(manifests, "*.yaml").Order(StringComparer.Ordinal).ToArray();
            var output = await SfAsync(root, ["bootstrap", .. files, "--wait", "--parallel", parallel.ToString(s_culture), "--json", "--workspace", workspace], ct)
                .ConfigureAwait(false);
            var total = watch.Elapsed;
            var totalCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var peak = Profile.PeakMemory.Read();
            if (args.Contains("--dump"))
            {
                await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "sf-bench-bootstrap.json"), output, ct).ConfigureAwait(false);
            }

            var ready = CountOccurrences(output, "\"state\": \"SIGNAL_READY\"") + CountOccurrences(output, "\"state\":\"SIGNAL_READY\"");

            TimeSpan? reference = null;
            var referenceCpu = TimeSpan.Zero;
            if (!skipReference)
            {
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                watch.Restart();
                await ProfileDirectlyAsync(files, ct).ConfigureAwait(false);
                reference = watch.Elapsed;
                referenceCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(s_culture,
                $"bootstrap benchmark: {count} Tier-3 Parquet datasets ({partitions} partitions × {rows:N0} rows), cooling 0h, " +
                $"default concurrency limits, --parallel {parallel}, {Environment.ProcessorCount} cores"));
            Console.WriteLine(string.Create(s_culture,
                $"  registration → SIGNAL_READY   {total.TotalSeconds,8:F1} s   {count / total.TotalMinutes,7:F0} datasets/min   " +
                $"{total.TotalMilliseconds / count,6:F0} ms/dataset   CPU {totalCpu.TotalSeconds:F1} s   {ready}/{count} SIGNAL_READY"));
            if (reference is { } r)
            {
                Console.WriteLine(string.Create(s_culture,
                    $"  reference: DatasetProfiler, serial   {r.TotalSeconds,8:F1} s   {r.TotalMilliseconds / count,6:F0} ms/dataset   CPU {referenceCpu.TotalSeconds:F1} s   " +
                    $"ratio bootstrap/reference {total / r:F2}×"));
            }

            Console.WriteLine(string.Create(s_culture, $"  peak memory (VmHWM) during the bootstrap run   {(peak ?? 0) / 1024.0 / 1024.0:F0} MiB"));
            var met = total < TimeSpan.FromMinutes(5) * (count / 500.0);
            Console.WriteLine($"  target: {count} datasets in under {5 * count / 500.0:F1} min: {(met ? "met" : "MISSED")}");
            return ready == count ? 0 : 1;
        }
        finally
        {
            if (!args.Contains("--keep"))
            {
                Directory.Delete(root, recursive: true);
            }
            else
            {
                Console.WriteLine($"kept {root}");
            }
        }
    }

    // One DuckDB database writes every table: a base of `rows × partitions` rows, shifted per table so no two tables
    // are identical, copied out Hive-partitioned by dt.
    private static async Task WriteTablesAsync(string root, int count, int partitions, int rows, CancellationToken ct)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        await ExecuteAsync(connection, string.Create(s_culture, $"""
            CREATE TABLE base AS
            SELECT range AS order_id,
                   (range * 7919) % 1000 / 10.0 AS amount,
                   ['books', 'games', 'garden', 'music', 'tools'][(range % 5) + 1] AS category,
                   CASE WHEN range % 10 = 0 THEN NULL ELSE 'c' || (range % 977) END AS customer,
                   TIMESTAMP '2026-03-01 00:00:00' + to_seconds(range * 13) AS created_at,
                   strftime(DATE '2026-03-01' + CAST(range // {rows} AS INTEGER), '%Y-%m-%d') AS dt
            FROM range({(long)rows * partitions});
            """), ct).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            var name = "table_" + i.ToString("D4", s_culture);
            var path = Path.Combine(root, "tables", name);
            await ExecuteAsync(connection, string.Create(s_culture,
                $"COPY (SELECT order_id + {i} AS order_id, amount + {i % 50} AS amount, category, customer, created_at, dt FROM base) " +
                $"TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT PARQUET, PARTITION_BY (dt));"), ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(root, "manifests", name + ".yaml"), Manifest(name, path), ct).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DuckDbConnection connection, string sql, CancellationToken ct)
    {
        using var result = await connection.QueryAsync(sql, ct).ConfigureAwait(false);
        while (result.Read())
        {
        }
    }

    private static string Manifest(string name, string path) => $"""
        urn: "ds://bench/{name}"
        owner_team: "bench"
        tier: TIER_3
        runtime: python
        storage:
          format: parquet
          gold: "{path}"
          partition_key: "dt"
        orchestration:
          platform: airflow
          dag_id: "bench"
          task_id: "{name}"
          schedule: "0 6 * * *"
        slo:
          freshness:
            expected_update_by: "06:00 UTC daily"
            grace_period: "30m"
            max_staleness_hours: 24
          volume:
            min_rows_per_partition: 100
            anomaly_threshold_pct: 40
        enforcement_model: post_write
        """;

    private static async Task ProfileDirectlyAsync(string[] files, CancellationToken ct)
    {
        var profiler = new DatasetProfiler();
        foreach (var file in files)
        {
            var manifest = ManifestLoader.Load(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false), file).Manifest
                ?? throw new InvalidOperationException($"{file} does not validate");
            await profiler.ProfileAsync(manifest, new ProfileOptions { BootstrapId = "bench" }, null, ct).ConfigureAwait(false);
        }
    }

    private static async Task<string> SfAsync(string root, string[] args, CancellationToken ct)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = CliConsole.ForCapture(TextWriter.Synchronized(output), TextWriter.Synchronized(error), root);
        var exit = await SfApp.RunAsync(args, console, ct).ConfigureAwait(false);
        if (exit != 0)
        {
            var shown = output.ToString();
            throw new InvalidOperationException($"sf {args[0]} failed ({exit}): {error}\n{shown[..Math.Min(shown.Length, 4000)]}");
        }

        return output.ToString();
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
