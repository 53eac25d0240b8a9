using System.Globalization;
using SignalFactory.DuckDb;
using SignalFactory.Profiling.Engine;

namespace SignalFactory.Profiling.Tests.Engine;

/// <summary>Where the shared test data lives: <c>../shared/testdata</c> from the repository root.</summary>
internal static class EngineTestData
{
    private static readonly Lazy<string> s_root = new(FindTestData);

    public static string Root => s_root.Value;

    public static string ParquetData => Path.Combine(Root, "parquet", "data");

    public static string ParquetBadData => Path.Combine(Root, "parquet", "bad_data");

    public static string DeltaTable(string name) => Path.Combine(Root, "delta", name);

    private static string FindTestData()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SignalFactory.slnx")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("SignalFactory.slnx not found above " + AppContext.BaseDirectory);
        }

        // A git worktree sits deeper than the main checkout: look upwards from ../ for shared/testdata.
        for (var up = directory.Parent; up is not null; up = up.Parent)
        {
            var candidate = Path.Combine(up.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("../shared/testdata not found above " + directory.FullName);
    }
}

/// <summary>A fresh temp folder, deleted on dispose.</summary>
internal sealed class EngineTempFolder : IDisposable
{
    public EngineTempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sf-engine-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string relative)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// An in-memory DuckDB for the tests' own writing and independent checks: plain per-column queries that do not go
/// through the profiler.
/// </summary>
internal sealed class TestDuckDb : IDisposable
{
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();

    public TestDuckDb()
    {
        Connection = _database.Connect();
        Connection.Execute("SET TimeZone = 'UTC'");
    }

    public DuckDbConnection Connection { get; }

    /// <summary>Writes the rows of <paramref name="select"/> to a Parquet file (the path is the test's own temp path).</summary>
    public void WriteParquet(string select, string path, string options = "FORMAT parquet")
    {
        Connection.Execute($"COPY ({select}) TO '{path.Replace("'", "''", StringComparison.Ordinal)}' ({options})");
    }

    public long Scalar(string sql, params object?[] parameters) =>
        Convert.ToInt64(Connection.ExecuteScalar<object>(sql, parameters), CultureInfo.InvariantCulture);

    public string? Text(string sql, params object?[] parameters) => Connection.ExecuteScalar<string>(sql, parameters);

    public long CountRows(string file) => Scalar("SELECT count(*) FROM read_parquet($1, hive_partitioning = false)", file);

    /// <summary>Null count, min and max (as DuckDB text) of one column of the files, by one plain query.</summary>
    public (long Nulls, string? Min, string? Max) Column(IReadOnlyList<string> files, string column)
    {
        var q = DuckDbSql.QuoteIdentifier(column);
        using var result = Connection.Query(
            $"SELECT count(*) - count({q}), CAST(min({q}) AS VARCHAR), CAST(max({q}) AS VARCHAR) " +
            "FROM read_parquet($1, union_by_name = true, hive_partitioning = false)",
            files.ToArray());
        result.Read();
        return (result.GetInt64(0), result.IsNull(1) ? null : result.GetString(1), result.IsNull(2) ? null : result.GetString(2));
    }

    public void Dispose()
    {
        Connection.Dispose();
        _database.Dispose();
    }
}

internal static class ProfileAssertions
{
    public static ColumnScanProfile Column(this ProfileScanResult result, string name) =>
        result.Columns.SingleOrDefault(c => c.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"no column '{name}' in [{string.Join(", ", result.Columns.Select(c => c.Name))}]");

    public static ProfileScanRequest Request(params string[] files) =>
        new() { Files = [.. files.Select(f => new ScanFile(f))], Threads = 2 };
}
