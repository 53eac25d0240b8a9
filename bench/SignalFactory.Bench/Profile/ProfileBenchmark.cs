using System.Diagnostics;
using System.Globalization;
using SignalFactory.DuckDb;
using SignalFactory.Examples.Lake;
using SignalFactory.Profiling.Engine;
using SignalFactory.Storage.Delta;
using SignalFactory.Storage.Hive;

namespace SignalFactory.Bench.Profile;

/// <summary>
/// <c>profile</c>: generates an example lake (not timed), then times on the same files of <c>orders_enriched</c>,
/// warm cache, interleaved runs: R1 (min and max of every column: every value read once, the floor for anything
/// that looks at all the data), R2 (DuckDB's SUMMARIZE) and our full profile. Prints medians, best times, ratios,
/// rows/s and each phase's peak resident memory.
/// </summary>
internal static class ProfileBenchmark
{
    private const double TargetVersusR1 = 2.5;
    private const double TargetVersusR2 = 0.5;
    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        ProfileBenchOptions options;
        try
        {
            options = ProfileBenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("profile: " + ex.Message).ConfigureAwait(false);
            return 2;
        }

        var lake = options.Directory ?? Path.Combine(Path.GetTempPath(), "sf-bench-lake-" + Guid.NewGuid().ToString("N"));
        var table = options.Table ?? Path.Combine(lake, ExampleLakeSchema.OrdersTableName);
        try
        {
            if (options.Table is null && !Directory.Exists(Path.Combine(table, "_delta_log")))
            {
                await GenerateAsync(lake, options, ct).ConfigureAwait(false);
            }

            var request = await RequestAsync(table, options, ct).ConfigureAwait(false);
            return options.OnlyOurs
                ? await ProfileOnceAsync(request, options, ct).ConfigureAwait(false)
                : await CompareAsync(table, request, options, ct).ConfigureAwait(false);
        }
        finally
        {
            if (options.Directory is null && options.Table is null && Directory.Exists(lake))
            {
                Directory.Delete(lake, recursive: true);
            }
        }
    }

    private static async Task GenerateAsync(string lake, ProfileBenchOptions options, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        Console.WriteLine(string.Create(s_culture,
            $"generating the example lake: {options.Partitions} partitions × {options.RowsPerPartition:N0} rows into {lake} (not timed)…"));
        var generator = new ExampleLakeGenerator(new DuckDbOptions { Threads = options.Threads });
        await generator.GenerateAsync(
            lake,
            new ExampleLakeOptions { Days = options.Partitions, RowsPerPartition = options.RowsPerPartition, Seed = 42 },
            progress: null,
            ct).ConfigureAwait(false);
        Console.WriteLine(string.Create(s_culture, $"generated in {watch.Elapsed.TotalSeconds:F1} s"));
    }

    private static async Task<ProfileScanRequest> RequestAsync(string table, ProfileBenchOptions options, CancellationToken ct)
    {
        ProfileScanRequest request;
        if (Directory.Exists(Path.Combine(table, "_delta_log")))
        {
            using var database = DuckDbDatabase.Open();
            using var connection = database.Connect();
            var snapshot = await new DeltaTableReader(connection).ReadSnapshotAsync(table, null, ct).ConfigureAwait(false);
            request = ScanRequests.ForDelta(snapshot);
        }
        else
        {
            request = ScanRequests.ForHive(HivePartitionDiscovery.Discover(table, ct));
        }

        return request with { Threads = options.Threads, MemoryLimit = options.MemoryLimit };
    }

    private static async Task<int> ProfileOnceAsync(ProfileScanRequest request, ProfileBenchOptions options, CancellationToken ct)
    {
        for (var run = 0; run < (options.Runs ?? 1); run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var result = await new DuckDbProfiler().ProfileAsync(request, ct).ConfigureAwait(false);
            Console.WriteLine(string.Create(s_culture,
                $"profiled {result.RowsScanned:N0} rows, {result.Columns.Count} columns, {result.Partitions.Count} partitions in " +
                $"{result.Elapsed.TotalSeconds:F2} s (CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s); " +
                $"process peak {Mib(PeakMemory.Read())}"));
            if (options.Verbose)
            {
                Console.WriteLine("  steps: " + string.Join(", ", result.Steps.Select(s => string.Create(s_culture, $"{s.Step} {s.Elapsed.TotalSeconds:F2}s"))));
            }
        }

        return 0;
    }

    private static async Task<int> CompareAsync(string table, ProfileScanRequest request, ProfileBenchOptions options, CancellationToken ct)
    {
        var files = request.Files.Select(f => f.Path).ToArray();
        var duckDbOptions = new DuckDbOptions { Threads = options.Threads, MemoryLimit = options.MemoryLimit };
        var columns = new List<string>();
        using (var database = DuckDbDatabase.Open(null, duckDbOptions))
        using (var connection = database.Connect())
        using (var schema = await connection.QueryAsync("SELECT * FROM read_parquet($1, hive_partitioning = false) LIMIT 0", [files], ct)
            .ConfigureAwait(false))
        {
            for (var i = 0; i < schema.ColumnCount; i++)
            {
                columns.Add(DuckDbSql.QuoteIdentifier(schema.GetName(i)));
            }
        }

        var r1Sql = $"SELECT {string.Join(", ", columns.Select(c => $"min({c}), max({c})"))} FROM read_parquet($1, hive_partitioning = false)";
        const string R2Sql = "SUMMARIZE SELECT * FROM read_parquet($1, hive_partitioning = false)";
        long rows = 0;
        var partitions = 0;
        var r1 = new Phase("R1 min/max of every column");
        var r2 = new Phase("R2 SUMMARIZE");
        var ours = new Phase("ours: full profile");

        await RunQueryAsync(duckDbOptions, r1Sql, files, ct).ConfigureAwait(false); // warm the page cache
        var runs = options.Runs ?? 3;
        for (var run = 0; run < runs; run++)
        {
            await r1.MeasureAsync(() => RunQueryAsync(duckDbOptions, r1Sql, files, ct)).ConfigureAwait(false);
            await r2.MeasureAsync(() => RunQueryAsync(duckDbOptions, R2Sql, files, ct)).ConfigureAwait(false);
            await ours.MeasureAsync(async () =>
            {
                var result = await new DuckDbProfiler().ProfileAsync(request, ct).ConfigureAwait(false);
                rows = result.RowsScanned;
                partitions = result.Partitions.Count;
                if (run == 0)
                {
                    Console.WriteLine(string.Create(s_culture,
                        $"our profile: mode {result.Mode}, {result.RowsScanned:N0} rows scanned, sketches on {result.SketchRows:N0} rows, " +
                        $"{result.Columns.Count} columns, {result.Partitions.Count} partitions, {result.SkippedFiles.Count} files skipped"));
                }

                if (options.Verbose)
                {
                    Console.WriteLine("  steps: " + string.Join(", ", result.Steps.Select(s => string.Create(s_culture, $"{s.Step} {s.Elapsed.TotalSeconds:F2}s"))));
                }
            }).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(s_culture,
            $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(table))}: {rows:N0} rows, {request.Files.Count} files, " +
            $"{partitions} partitions, {columns.Count} columns, " +
            $"{options.Threads} threads, memory_limit {options.MemoryLimit}, DuckDB {DuckDbDatabase.LibraryVersion}; " +
            $"{runs} runs each, interleaved"));
        Console.WriteLine($"{"",-30} {"median",9} {"best",9} {"rows/s",12} {"CPU median",11} {"peak RSS",10}");
        foreach (var phase in new[] { r1, r2, ours })
        {
            Console.WriteLine(string.Create(s_culture,
                $"{phase.Name,-30} {phase.Median,8:F2}s {phase.Best,8:F2}s {rows / phase.Median / 1e6,10:F1} M {phase.CpuMedian,10:F2}s {Mib(phase.PeakBytes),10}"));
        }

        var versusR1 = ours.Median / r1.Median;
        var versusR2 = ours.Median / r2.Median;
        Console.WriteLine(string.Create(s_culture,
            $"CPU time: ours/R1 = {ours.CpuMedian / r1.CpuMedian:F2}×, ours/R2 = {ours.CpuMedian / r2.CpuMedian:F2}× (steadier than wall time on a busy machine)"));
        Console.WriteLine(string.Create(s_culture,
            $"ours/R1 = {versusR1:F2}× (target ≤ {TargetVersusR1}×: {(versusR1 <= TargetVersusR1 ? "met" : "MISSED")}); " +
            $"ours/R2 = {versusR2:F2}× (target ≤ {TargetVersusR2}×: {(versusR2 <= TargetVersusR2 ? "met" : "MISSED")})"));
        return 0;
    }

    // Each run opens its own database, as the profiler does: no contender reuses another's DuckDB caches.
    private static async Task RunQueryAsync(DuckDbOptions options, string sql, string[] files, CancellationToken ct)
    {
        using var database = DuckDbDatabase.Open(null, options);
        using var connection = database.Connect();
        using var result = await connection.QueryAsync(sql, [files], ct).ConfigureAwait(false);
        while (result.Read())
        {
        }
    }

    private static string Mib(long? bytes) =>
        bytes is { } b ? string.Create(s_culture, $"{b / 1024.0 / 1024.0:F0} MiB") : "n/a";

    /// <summary>Wall times and the peak resident memory of one contender.</summary>
    private sealed class Phase(string name)
    {
        private readonly List<double> _seconds = [];
        private readonly List<double> _cpuSeconds = [];

        public string Name { get; } = name;

        public long? PeakBytes { get; private set; }

        public double Median => _seconds.Order().ElementAt(_seconds.Count / 2);

        public double Best => _seconds.Min();

        public double CpuMedian => _cpuSeconds.Order().ElementAt(_cpuSeconds.Count / 2);

        public async Task MeasureAsync(Func<Task> action)
        {
            GC.Collect();
            var reset = PeakMemory.Reset();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await action().ConfigureAwait(false);
            _seconds.Add(watch.Elapsed.TotalSeconds);
            _cpuSeconds.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            if (reset && PeakMemory.Read() is { } peak)
            {
                PeakBytes = Math.Max(PeakBytes ?? 0, peak);
            }
        }
    }
}
