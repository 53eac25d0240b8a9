using System.Globalization;
using SignalFactory.DuckDb;
using SignalFactory.Examples.Lake.Delta;
using SignalFactory.Examples.Lake.Tables;

namespace SignalFactory.Examples.Lake;

/// <summary>
/// Writes a realistic, deterministic example lake for demos, tests and benchmarks:
/// <c>orders_enriched</c> (Delta, Tier-1), <c>customer_events</c> (Hive-partitioned Parquet, Tier-2),
/// <c>web_sessions</c> (small Hive-partitioned Parquet, Tier-3), and a <c>dataset.yaml</c> for each under
/// <c>manifests/</c>. Rows are generated inside DuckDB; the same options give byte-identical data files and logs.
/// </summary>
public sealed class ExampleLakeGenerator
{
    private const int MaxDays = 3_660;
    private const long MaxRowKeys = 4_000_000_000;

    private readonly DuckDbOptions? _duckDbOptions;

    /// <summary>Creates a generator; <paramref name="duckDbOptions"/> can cap DuckDB's threads or memory.</summary>
    public ExampleLakeGenerator(DuckDbOptions? duckDbOptions = null) => _duckDbOptions = duckDbOptions;

    /// <summary>
    /// Generates the lake into <paramref name="directory"/>, which must not exist or be empty (or, with
    /// <see cref="ExampleLakeOptions.Overwrite"/>, hold an earlier example lake). Nothing is left behind on failure.
    /// </summary>
    /// <exception cref="ExampleLakeException">An option is out of range or the directory cannot be used.</exception>
    public async Task<ExampleLakeResult> GenerateAsync(
        string directory,
        ExampleLakeOptions options,
        IProgress<ExampleLakeProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw Invalid("a target directory is required.");
        }

        Validate(options);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        TargetDirectory.EnsureUsable(target, options.Overwrite);

        return await GenerateCoreAsync(target, options, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ExampleLakeResult> GenerateCoreAsync(
        string target, ExampleLakeOptions options, IProgress<ExampleLakeProgress>? progress, CancellationToken cancellationToken)
    {
        var staging = TargetDirectory.CreateStaging(target);
        try
        {
            var tables = await WriteTablesAsync(staging, target, options, progress, cancellationToken).ConfigureAwait(false);
            WriteMarker(staging, options);
            cancellationToken.ThrowIfCancellationRequested();
            TargetDirectory.Publish(staging, target, options.Overwrite);
            return new ExampleLakeResult(target, tables, tables.Select(t => t.ManifestPath).ToArray());
        }
        catch
        {
            TargetDirectory.Discard(staging);
            throw;
        }
    }

    private async Task<List<ExampleLakeTable>> WriteTablesAsync(
        string staging, string target, ExampleLakeOptions options, IProgress<ExampleLakeProgress>? progress, CancellationToken cancellationToken)
    {
        using var database = DuckDbDatabase.Open(null, _duckDbOptions);
        using var connection = database.Connect();
        // Row order decides the bytes of every file: keep DuckDB's insertion order even if a caller's options relax it.
        connection.Execute("SET preserve_insertion_order = true");
        foreach (var macro in GeneratorSql.Macros)
        {
            connection.Execute(macro);
        }

        var steps = DeltaTableWriter.Steps(options.Days) + (2 * options.Days);
        var context = new LakeContext(connection, options, progress, steps, cancellationToken);
        connection.Execute(CustomersSql.Create);
        await context.RunAsync(CustomersSql.Insert, context.SeedParameter).ConfigureAwait(false);

        var sessionRows = Math.Max(1, options.RowsPerPartition / ExampleLakeSchema.WebSessionsRowDivisor);

        var orders = await new DeltaTableWriter(context, Path.Combine(staging, ExampleLakeSchema.OrdersTableName))
            .WriteAsync().ConfigureAwait(false);
        var events = await new HiveTableWriter(context, Path.Combine(staging, ExampleLakeSchema.CustomerEventsTableName),
                ExampleLakeSchema.CustomerEvents, CustomerEventsSql.Select)
            .WriteAsync(options.RowsPerPartition, arrivalHourUtc: 7, salt: 3).ConfigureAwait(false);
        var sessions = await new HiveTableWriter(context, Path.Combine(staging, ExampleLakeSchema.WebSessionsTableName),
                ExampleLakeSchema.WebSessions, WebSessionsSql.Select)
            .WriteAsync(sessionRows, arrivalHourUtc: 8, salt: 4).ConfigureAwait(false);

        var specs = ExampleManifests.For(target, options);
        var outcomes = new[] { orders, events, sessions };
        var tables = new List<ExampleLakeTable>();
        Directory.CreateDirectory(Path.Combine(staging, ExampleLakeSchema.ManifestFolder));
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var fileName = spec.Table + ".yaml";
            File.WriteAllText(
                Path.Combine(staging, ExampleLakeSchema.ManifestFolder, fileName), ManifestWriter.Render(spec, options.EndDate));
            tables.Add(new ExampleLakeTable(
                spec.Table,
                spec.Format == "delta" ? ExampleTableFormat.Delta : ExampleTableFormat.Parquet,
                spec.Gold,
                spec.Urn,
                spec.Tier,
                outcomes[i].Partitions,
                outcomes[i].TotalRows,
                outcomes[i].FileCount,
                Path.Combine(target, ExampleLakeSchema.ManifestFolder, fileName)));
        }

        return tables;
    }

    private static void WriteMarker(string staging, ExampleLakeOptions options) =>
        File.WriteAllText(Path.Combine(staging, TargetDirectory.MarkerFileName), string.Create(CultureInfo.InvariantCulture,
            $"{{\"generator\":\"sf examples lake\",\"days\":{options.Days},\"rows_per_partition\":{options.RowsPerPartition},"
            + $"\"seed\":{options.Seed},\"end_date\":\"{options.EndDate:yyyy-MM-dd}\",\"max_rows_per_file\":{options.MaxRowsPerFile}}}\n"));

    private static void Validate(ExampleLakeOptions options)
    {
        if (options.Days is < 1 or > MaxDays)
        {
            throw Invalid($"Days must be between 1 and {MaxDays} (got {options.Days}).");
        }

        if (options.RowsPerPartition < 1)
        {
            throw Invalid($"RowsPerPartition must be at least 1 (got {options.RowsPerPartition}).");
        }

        if (options.MaxRowsPerFile < 1)
        {
            throw Invalid($"MaxRowsPerFile must be at least 1 (got {options.MaxRowsPerFile}).");
        }

        if ((long)options.Days * options.RowsPerPartition > MaxRowKeys)
        {
            throw Invalid($"Days × RowsPerPartition must not exceed {MaxRowKeys:N0} rows per table.");
        }

        if (options.EndDate.AddDays(1 - options.Days).Year < 1971 || options.EndDate.Year > 9000)
        {
            throw Invalid("EndDate must leave every partition date between 1971 and 9000.");
        }
    }

    private static ExampleLakeException Invalid(string message) =>
        new(ExampleLakeError.InvalidOption, string.Create(CultureInfo.InvariantCulture, $"Invalid example lake option: {message}"));
}
