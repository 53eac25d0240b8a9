namespace SignalFactory.DuckDb.Tests;

public class ErrorTests
{
    [Fact]
    public void Query_SyntaxError_ThrowsDuckDbExceptionWithDuckDbsMessage()
    {
        using var db = new MemoryDb();

        var error = Assert.Throws<DuckDbException>(() => db.Connection.Query("SELEC 1"));

        Assert.Equal(DuckDbErrorType.Parser, error.ErrorType);
        Assert.StartsWith("Parser Error: syntax error at or near \"SELEC\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_SyntaxError_ThrowsDuckDbExceptionWithCategory()
    {
        using var db = new MemoryDb();

        var error = Assert.Throws<DuckDbException>(() => db.Connection.Prepare("SELEC $1"));

        Assert.Equal(DuckDbErrorType.Parser, error.ErrorType);
        Assert.Contains("syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_MissingTable_IsACatalogError()
    {
        using var db = new MemoryDb();

        var error = Assert.Throws<DuckDbException>(() => db.Connection.Query("SELECT * FROM missing_table"));

        Assert.Equal(DuckDbErrorType.Catalog, error.ErrorType);
        Assert.Contains("missing_table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_BadCastWithParameters_IsAConversionError()
    {
        using var db = new MemoryDb();

        var error = Assert.Throws<DuckDbException>(() => db.Connection.Query("SELECT $1::INTEGER", "not a number"));

        Assert.Equal(DuckDbErrorType.Conversion, error.ErrorType);
    }

    [Fact]
    public void Query_OverMemoryLimit_IsAnOutOfMemoryError()
    {
        // A 20 MB limit cannot hold a 20-million-element list (160 MB of BIGINTs), and one list cannot spill.
        using var db = new MemoryDb(new DuckDbOptions { MemoryLimit = "20MB", Threads = 1 });

        var error = Assert.Throws<DuckDbException>(() => db.Connection.Query("SELECT list(range) FROM range(20000000)"));

        Assert.Equal(DuckDbErrorType.OutOfMemory, error.ErrorType);
        Assert.True(error.IsOutOfMemory);
        Assert.Equal(42, db.Connection.ExecuteScalar<int>("SELECT 42"));
    }

    [Fact]
    public void Connection_AfterAnError_StillWorks()
    {
        using var db = new MemoryDb();
        Assert.Throws<DuckDbException>(() => db.Connection.Execute("SELECT * FROM nowhere"));

        Assert.Equal(1, db.Connection.ExecuteScalar<int>("SELECT 1"));
    }

    [Fact]
    public void Transaction_FailedStatementInside_CanBeRolledBack()
    {
        using var db = new MemoryDb();
        db.Connection.Execute("CREATE TABLE t (a INTEGER PRIMARY KEY)");
        db.Connection.Execute("BEGIN; INSERT INTO t VALUES (1);");

        var error = Assert.Throws<DuckDbException>(() => db.Connection.Execute("INSERT INTO t VALUES (1)"));
        db.Connection.Execute("ROLLBACK");

        Assert.Equal(DuckDbErrorType.Constraint, error.ErrorType);
        Assert.Equal(0L, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }
}
