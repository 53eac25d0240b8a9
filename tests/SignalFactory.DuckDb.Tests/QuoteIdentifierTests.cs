namespace SignalFactory.DuckDb.Tests;

public class QuoteIdentifierTests
{
    [Theory]
    [InlineData("a", "\"a\"")]
    [InlineData("Mixed Case", "\"Mixed Case\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("\"", "\"\"\"\"")]
    public void QuoteIdentifier_Name_IsWrappedAndQuotesDoubled(string name, string expected) =>
        Assert.Equal(expected, DuckDbSql.QuoteIdentifier(name));

    [Theory]
    [InlineData("")]
    [InlineData("a\0b")]
    public void QuoteIdentifier_EmptyOrNul_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => DuckDbSql.QuoteIdentifier(name));

    [Theory]
    [InlineData("a\"; DROP TABLE x; --")]
    [InlineData("it's ; -- \"quoted\" \n newline")]
    [InlineData("select")]
    [InlineData("größe 東京")]
    public void QuoteIdentifier_HostileColumnName_CreatesAndSelectsThatColumn(string name)
    {
        using var db = new MemoryDb();
        db.Connection.Execute("CREATE TABLE x (keep INTEGER); INSERT INTO x VALUES (1);");
        var column = DuckDbSql.QuoteIdentifier(name);

        db.Connection.Execute($"CREATE TABLE t ({column} INTEGER)");
        db.Connection.Query($"INSERT INTO t ({column}) VALUES ($1)", 5).Dispose();
        using var result = db.Connection.Query($"SELECT {column} FROM t");

        Assert.Equal(name, result.GetName(0));
        Assert.True(result.Read());
        Assert.Equal(5, result.GetInt32(0));
        Assert.Equal(1L, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM x")); // nothing was dropped
    }
}
