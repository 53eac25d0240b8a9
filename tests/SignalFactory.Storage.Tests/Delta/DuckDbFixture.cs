using SignalFactory.DuckDb;

namespace SignalFactory.Storage.Tests.Delta;

/// <summary>An in-memory DuckDB database and one connection, shared by the tests of one class (run serially).</summary>
public sealed class DuckDbFixture : IDisposable
{
    public DuckDbFixture()
    {
        Database = DuckDbDatabase.Open();
        Connection = Database.Connect();
    }

    public DuckDbDatabase Database { get; }

    public DuckDbConnection Connection { get; }

    /// <summary>The test's own row count of a Parquet file: DuckDB's count(*) over read_parquet.</summary>
    public long CountRows(string parquetPath) =>
        Connection.ExecuteScalar<long>("SELECT count(*) FROM read_parquet($1)", parquetPath);

    public void Dispose()
    {
        Connection.Dispose();
        Database.Dispose();
    }
}
