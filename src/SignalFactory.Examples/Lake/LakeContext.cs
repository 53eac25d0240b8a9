using SignalFactory.DuckDb;
using SignalFactory.Examples.Lake.Tables;

namespace SignalFactory.Examples.Lake;

/// <summary>What every table writer of one run shares: the connection, options, calendar and progress.</summary>
internal sealed class LakeContext(
    DuckDbConnection connection,
    ExampleLakeOptions options,
    IProgress<ExampleLakeProgress>? progress,
    int stepsTotal,
    CancellationToken cancellationToken)
{
    private int _stepsDone;
    private long _rowsWritten;

    public DuckDbConnection Connection { get; } = connection;

    public ExampleLakeOptions Options { get; } = options;

    public LakeCalendar Calendar { get; } = new(options);

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public long SeedParameter { get; } = GeneratorSql.SeedParameter(options.Seed);

    /// <summary>Row ranges [start, end) of the files of a partition with <paramref name="rows"/> rows.</summary>
    public IEnumerable<(int Index, long Start, long End)> FileSlices(long rows)
    {
        var index = 0;
        for (long start = 0; start < rows; start += Options.MaxRowsPerFile)
        {
            yield return (index++, start, Math.Min(rows, start + Options.MaxRowsPerFile));
        }
    }

    /// <summary>Writes one slice of a table to a zstd Parquet file; cancelling interrupts DuckDB mid-write.</summary>
    public Task CopyToParquetAsync(string select, string file, params object?[] parameters)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return RunAsync(GeneratorSql.CopyToParquet(select, file), parameters);
    }

    /// <summary>Runs a statement with bound parameters and discards its result; cancelling interrupts DuckDB.</summary>
    public async Task RunAsync(string sql, params object?[] parameters)
    {
        using var result = await Connection.QueryAsync(sql, parameters, CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts a finished partition write and reports it.</summary>
    public void Step(string table, string partition, long rows)
    {
        _stepsDone++;
        _rowsWritten += rows;
        progress?.Report(new ExampleLakeProgress(table, partition, _stepsDone, stepsTotal, _rowsWritten));
    }
}
