namespace SignalFactory.DuckDb.Tests;

public class DatabaseTests
{
    [Fact]
    public void Open_NoPath_IsInMemoryAndRunsQueries()
    {
        using var db = DuckDbDatabase.Open();
        using var connection = db.Connect();

        Assert.Equal(":memory:", db.Path);
        Assert.Equal(2, connection.ExecuteScalar<int>("SELECT 1 + 1"));
    }

    [Fact]
    public void Open_TwoInMemoryDatabases_DoNotShareTables()
    {
        using var first = new MemoryDb();
        using var second = new MemoryDb(); // same ":memory:" path, separate database
        first.Connection.Execute("CREATE TABLE t (a INTEGER)");

        var error = Assert.Throws<DuckDbException>(() => second.Connection.Execute("SELECT * FROM t"));
        Assert.Equal(DuckDbErrorType.Catalog, error.ErrorType);
    }

    [Fact]
    public void Open_File_PersistsDataAcrossReopen()
    {
        using var temp = new TempDirectory();
        var path = temp.File("state.duckdb");
        using (var db = DuckDbDatabase.Open(path))
        using (var connection = db.Connect())
        {
            connection.Execute("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2), (3);");
        }

        Assert.True(File.Exists(path));
        using (var db = DuckDbDatabase.Open(path))
        using (var connection = db.Connect())
        {
            Assert.Equal(3L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
            Assert.Equal(6L, connection.ExecuteScalar<long>("SELECT sum(a) FROM t"));
        }
    }

    [Fact]
    public void Open_PathIsADirectory_ThrowsDuckDbExceptionWithDuckDbsMessage()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(temp.Path));

        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MemoryLimitOption_IsHonoured()
    {
        // 512 MiB is printed by DuckDB as "512.0 MiB".
        using var db = new MemoryDb(new DuckDbOptions { MemoryLimit = "512MiB" });

        Assert.Equal("512.0 MiB", db.Connection.ExecuteScalar<string>("SELECT current_setting('memory_limit')"));
    }

    [Fact]
    public void Open_ThreadsAndOtherSettings_AreHonoured()
    {
        var options = new DuckDbOptions
        {
            Threads = 1,
            Settings = new Dictionary<string, string> { ["default_order"] = "desc" },
        };
        using var db = new MemoryDb(options);

        Assert.Equal(1L, db.Connection.ExecuteScalar<long>("SELECT current_setting('threads')"));
        Assert.Equal("DESC", db.Connection.ExecuteScalar<string>("SELECT current_setting('default_order')"));
    }

    [Fact]
    public void Open_UnknownOption_ThrowsNamingTheOption()
    {
        var options = new DuckDbOptions { Settings = new Dictionary<string, string> { ["no_such_option"] = "1" } };

        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(null, options));

        Assert.Contains("no_such_option", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_DatabaseBeforeConnection_ConnectionKeepsWorkingUntilDisposed()
    {
        var db = DuckDbDatabase.Open();
        using var connection = db.Connect();
        db.Dispose();

        Assert.Equal(7, connection.ExecuteScalar<int>("SELECT 7"));
        Assert.Throws<ObjectDisposedException>(() => db.Connect());
    }

    [Fact]
    public void Dispose_Connection_LaterCallsThrowObjectDisposed()
    {
        using var db = DuckDbDatabase.Open();
        var connection = db.Connect();
        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => connection.Execute("SELECT 1"));
    }

    [Fact]
    public void LibraryVersion_IsTheFetchedRelease()
    {
        // The build fetches the npm package 1.5.6-r.1, which carries DuckDB v1.5.6.
        Assert.Equal("v1.5.6", DuckDbDatabase.LibraryVersion);
    }
}
