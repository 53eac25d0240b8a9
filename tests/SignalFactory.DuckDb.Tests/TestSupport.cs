namespace SignalFactory.DuckDb.Tests;

/// <summary>Locates the repository and the shared test data without hard-coded machine paths.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    public static string RepoRoot => s_repoRoot.Value;

    /// <summary>
    /// <c>../shared/testdata</c> next to the repository; from a git worktree nested one level deeper, the nearest
    /// ancestor folder that has <c>shared/testdata</c>.
    /// </summary>
    public static string TestData
    {
        get
        {
            for (var dir = Directory.GetParent(RepoRoot); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "testdata");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"No shared/testdata folder above the repository root '{RepoRoot}'.");
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SignalFactory.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SignalFactory.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("sf-duckdb-tests-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>An in-memory database with one connection.</summary>
internal sealed class MemoryDb : IDisposable
{
    public MemoryDb(DuckDbOptions? options = null)
    {
        Database = DuckDbDatabase.Open(null, options);
        Connection = Database.Connect();
    }

    public DuckDbDatabase Database { get; }

    public DuckDbConnection Connection { get; }

    /// <summary>The single value of a one-row, one-column query, as GetValue returns it.</summary>
    public object? Single(string sql, params object?[] parameters)
    {
        using var result = Connection.Query(sql, parameters);
        Assert.True(result.Read(), "expected one row");
        var value = result.GetValue(0);
        Assert.False(result.Read(), "expected only one row");
        return value;
    }

    public void Dispose()
    {
        Connection.Dispose();
        Database.Dispose();
    }
}

/// <summary>Writes SQL string literals for test-only statements such as COPY ... TO, whose target cannot be a parameter.</summary>
internal static class SqlText
{
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
