using SignalFactory.DuckDb;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// An <see cref="IAcceptedValuesSource"/> over the Parquet files the baseline was profiled from: one DuckDB
/// <c>GROUP BY</c> per column, the column name quoted by <see cref="DuckDbSql.QuoteIdentifier"/> and the file list and
/// limit bound as parameters. Reads at most limit + 1 groups, so a column with many values costs little. A column
/// that cannot be read (missing in a file, Delta column mapping renaming it physically) yields null, never an error.
/// </summary>
public sealed class ParquetAcceptedValuesSource : IAcceptedValuesSource, IDisposable
{
    private readonly DuckDbDatabase _database;
    private readonly DuckDbConnection _connection;
    private readonly string[] _files;

    /// <summary>A source over <paramref name="files"/> (local Parquet paths), with its own in-memory DuckDB.</summary>
    public ParquetAcceptedValuesSource(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new ArgumentException("at least one Parquet file is needed", nameof(files));
        }

        _files = [.. files];
        _database = DuckDbDatabase.Open(null, new DuckDbOptions { Threads = 2, MemoryLimit = "1GB" });
        _connection = _database.Connect();
    }

    /// <inheritdoc />
    public async Task<ColumnValueCounts?> ReadAsync(string column, int maxDistinct, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDistinct, 1);
        var name = DuckDbSql.QuoteIdentifier(column);
        var sql = $"SELECT CAST({name} AS VARCHAR) AS v, count(*) AS n FROM read_parquet($1, union_by_name = true) "
            + $"WHERE {name} IS NOT NULL GROUP BY v ORDER BY v LIMIT $2";
        try
        {
            using var result = await _connection.QueryAsync(sql, [_files, (long)maxDistinct + 1], cancellationToken).ConfigureAwait(false);
            var values = new List<KeyValuePair<string, long>>();
            while (result.Read())
            {
                values.Add(KeyValuePair.Create(result.GetString(0), result.GetInt64(1)));
            }

            return values.Count > maxDistinct
                ? null
                : new ColumnValueCounts([.. values.OrderBy(v => v.Key, StringComparer.Ordinal)]);
        }
        catch (DuckDbException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }
}
