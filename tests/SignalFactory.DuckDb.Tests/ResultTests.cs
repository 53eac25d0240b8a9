namespace SignalFactory.DuckDb.Tests;

public class ResultTests
{
    [Fact]
    public void Read_ManyChunks_ReturnsEveryRowInOrder()
    {
        const long N = 10_000; // ~5 data chunks of 2,048 rows
        using var db = new MemoryDb();

        using var result = db.Connection.Query("SELECT range AS i, range * 2 AS j FROM range(10000)");
        long rows = 0, sumI = 0, sumJ = 0;
        while (result.Read())
        {
            Assert.Equal(rows, result.GetInt64(0)); // range() yields 0, 1, 2, … in order
            sumI += result.GetInt64(0);
            sumJ += result.GetInt64(1);
            rows++;
        }

        Assert.Equal(N, rows);
        Assert.Equal(N * (N - 1) / 2, sumI);
        Assert.Equal(N * (N - 1), sumJ);
        Assert.False(result.Read());
    }

    [Fact]
    public void IsNull_AcrossChunks_FollowsEachChunksValidityMask()
    {
        using var db = new MemoryDb();

        using var result = db.Connection.Query(
            "SELECT CASE WHEN range % 3 = 0 THEN NULL ELSE range::VARCHAR END FROM range(5000)");
        var nulls = 0;
        var row = 0;
        while (result.Read())
        {
            Assert.Equal(row % 3 == 0, result.IsNull(0));
            if (result.IsNull(0))
            {
                nulls++;
            }
            else
            {
                Assert.Equal(row.ToString(System.Globalization.CultureInfo.InvariantCulture), result.GetString(0));
            }

            row++;
        }

        Assert.Equal(5000, row);
        Assert.Equal(1667, nulls); // 0, 3, …, 4998
    }

    [Fact]
    public void Query_Insert_ReportsRowsChanged()
    {
        using var db = new MemoryDb();
        db.Connection.Execute("CREATE TABLE t (a BIGINT)");

        using var result = db.Connection.Query("INSERT INTO t SELECT * FROM range(7)");

        Assert.Equal(7, result.RowsChanged);
    }

    [Fact]
    public void Execute_SeveralStatements_RunsThemAll()
    {
        using var db = new MemoryDb();

        db.Connection.Execute("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2); INSERT INTO t VALUES (3);");

        Assert.Equal(3L, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void ExecuteScalar_NoRowsOrNull_GivesDefault()
    {
        using var db = new MemoryDb();

        Assert.Equal(0, db.Connection.ExecuteScalar<int>("SELECT 1 WHERE false"));
        Assert.Null(db.Connection.ExecuteScalar<long?>("SELECT NULL::BIGINT"));
        Assert.Null(db.Connection.ExecuteScalar<string>("SELECT NULL::VARCHAR"));
        Assert.Equal(5, db.Connection.ExecuteScalar<int>("SELECT $1::BIGINT", 5));
    }

    [Fact]
    public void Getters_BeforeRead_Throw()
    {
        using var db = new MemoryDb();
        using var result = db.Connection.Query("SELECT 1");

        Assert.Throws<InvalidOperationException>(() => result.GetValue(0));
    }

    [Fact]
    public void Columns_NamesAndOrdinals_AreReported()
    {
        using var db = new MemoryDb();
        using var result = db.Connection.Query("SELECT 1 AS first, 2 AS \"Second\"");

        Assert.Equal(2, result.ColumnCount);
        Assert.Equal("first", result.GetName(0));
        Assert.Equal("Second", result.GetName(1));
        Assert.Equal(1, result.GetOrdinal("Second"));
        Assert.Equal(1, result.GetOrdinal("second"));
        Assert.Throws<ArgumentException>(() => result.GetOrdinal("third"));
        Assert.Throws<ArgumentOutOfRangeException>(() => result.GetName(2));
    }

    [Fact]
    public void Rows_ReturnsEachRowsValues()
    {
        using var db = new MemoryDb();
        using var result = db.Connection.Query("SELECT * FROM (VALUES (1, 'a'), (2, NULL)) t(n, s) ORDER BY n");

        var rows = result.Rows().ToList();

        Assert.Equal([new object?[] { 1, "a" }, new object?[] { 2, null }], rows);
    }

    [Fact]
    public void Result_OutlivesItsConnection()
    {
        using var db = DuckDbDatabase.Open();
        var connection = db.Connect();
        var result = connection.Query("SELECT range FROM range(3000)");
        connection.Dispose();

        var rows = 0;
        while (result.Read())
        {
            rows++;
        }

        result.Dispose();
        Assert.Equal(3000, rows);
    }
}
