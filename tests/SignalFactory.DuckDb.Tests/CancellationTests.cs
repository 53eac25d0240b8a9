namespace SignalFactory.DuckDb.Tests;

public class CancellationTests
{
    // 10^12 joined rows, each multiplied and summed (a plain count(*) of a cross join is answered without the
    // join): hours of work, so only an interrupt ends it.
    private const string LongQuery = "SELECT sum(a.range * b.range) FROM range(1000000000) a, range(1000) b";

    [Fact]
    public async Task QueryAsync_TokenCancelled_InterruptsQueryAndConnectionStillWorks()
    {
        using var db = new MemoryDb();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => db.Connection.QueryAsync(LongQuery, [], cts.Token));

        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.Equal(DuckDbErrorType.Interrupt, Assert.IsType<DuckDbException>(error.InnerException).ErrorType);
        Assert.Equal(42, db.Connection.ExecuteScalar<int>("SELECT 42"));
    }

    [Fact]
    public async Task QueryAsync_CancelledRightAway_StillInterrupts()
    {
        // Cancelling before DuckDB has started the query: the interrupt is repeated until the query sees it.
        using var db = new MemoryDb();
        using var cts = new CancellationTokenSource();

        var task = db.Connection.QueryAsync(LongQuery, [], cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Equal(1, db.Connection.ExecuteScalar<int>("SELECT 1"));
    }

    [Fact]
    public async Task QueryAsync_AlreadyCancelledToken_ThrowsWithoutRunning()
    {
        using var db = new MemoryDb();
        db.Connection.Execute("CREATE TABLE t (a INTEGER)");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => db.Connection.QueryAsync("INSERT INTO t VALUES (1)", [], new CancellationToken(canceled: true)));

        Assert.Equal(0L, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task QueryAsync_WithParameters_ReturnsResult()
    {
        using var db = new MemoryDb();

        using var result = await db.Connection.QueryAsync("SELECT $1 + $2", [40, 2], CancellationToken.None);

        Assert.True(result.Read());
        Assert.Equal(42, result.GetInt32(0));
    }

    [Fact]
    public async Task QueryAsync_DuckDbError_IsNotACancellation()
    {
        using var db = new MemoryDb();

        var error = await Assert.ThrowsAsync<DuckDbException>(
            () => db.Connection.QueryAsync("SELECT * FROM missing", CancellationToken.None));

        Assert.Equal(DuckDbErrorType.Catalog, error.ErrorType);
    }

    [Fact]
    public async Task Interrupt_FromAnotherThread_StopsASynchronousQuery()
    {
        using var db = new MemoryDb();
        var running = Task.Run(() => db.Connection.Query(LongQuery));

        // Interrupt only acts while a query runs, so keep asking until the query has stopped.
        while (!running.IsCompleted)
        {
            db.Connection.Interrupt();
            await Task.WhenAny(running, Task.Delay(10));
        }

        var error = await Assert.ThrowsAsync<DuckDbException>(() => running);
        Assert.Equal(DuckDbErrorType.Interrupt, error.ErrorType);
        Assert.Equal(3, db.Connection.ExecuteScalar<int>("SELECT 3"));
    }
}
