using SignalFactory.DuckDb;
using SignalFactory.Examples.Lake;

namespace SignalFactory.Examples.Tests.Lake;

[Collection(LakeCollection.Name)]
public sealed class NullRateTests(LakeFixture lake)
{
    public static TheoryData<string, string, double> DocumentedRates => new()
    {
        { "orders_enriched", "discount_pct", 0.10 },
        { "orders_enriched", "coupon_code", 0.70 },
        { "orders_enriched", "notes", 0.95 },
        { "orders_enriched", "customer_phone", 0.05 },
        { "orders_enriched", "order_id", 0.0 },
        { "orders_enriched", "customer_email", 0.0 },
        { "customer_events", "device", 0.20 },
        { "customer_events", "email", 0.0 },
        { "web_sessions", "customer_id", 0.30 },
        { "web_sessions", "referrer", 0.40 },
    };

    [Theory]
    [MemberData(nameof(DocumentedRates))]
    public void Schema_NullRates_AreTheDocumentedOnes(string table, string column, double rate)
    {
        var schema = Schema(table);

        Assert.Equal(rate, schema.NullRates[column].Fraction, precision: 12);
    }

    [Fact]
    public void Orders_NullCountsPerColumn_EqualTheDocumentedRatesExactly() =>
        AssertNullCounts(ExampleLakeSchema.Orders, ActiveOrderFiles(), LakeFixture.RowsPerPartition);

    [Fact]
    public void CustomerEvents_NullCountsPerColumn_EqualTheDocumentedRatesExactly() =>
        AssertNullCounts(ExampleLakeSchema.CustomerEvents, [Glob("customer_events")], LakeFixture.RowsPerPartition);

    [Fact]
    public void WebSessions_NullCountsPerColumn_EqualTheDocumentedRatesExactly() =>
        AssertNullCounts(ExampleLakeSchema.WebSessions, [Glob("web_sessions")], LakeFixture.RowsPerPartition / 10);

    private static void AssertNullCounts(ExampleTableSchema schema, IReadOnlyList<string> files, int rowsPerPartition)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        foreach (var column in schema.Columns)
        {
            // Rows per partition is a whole number of cycles, so each partition has exactly rows × rate nulls.
            Assert.Equal(0, rowsPerPartition % column.Nulls.CycleLength);
            var expected = (long)LakeFixture.Days * rowsPerPartition / column.Nulls.CycleLength * column.Nulls.NullsPerCycle;
            var quoted = DuckDbSql.QuoteIdentifier(column.Name);
            var nulls = files.Sum(f => connection.ExecuteScalar<long>($"SELECT count(*) - count({quoted}) FROM read_parquet($1)", f));
            Assert.True(expected == nulls, $"{schema.Name}.{column.Name}: expected {expected} nulls, found {nulls}");
        }
    }

    private List<string> ActiveOrderFiles() => DeltaLogReplay.Read(lake.OrdersDirectory).Active.Keys
        .Select(p => DeltaLogReplay.LocalPath(lake.OrdersDirectory, p))
        .ToList();

    private string Glob(string table) => Path.Combine(lake.LakeDirectory, table, "dt=*", "*.parquet");

    private static ExampleTableSchema Schema(string table) => table switch
    {
        "orders_enriched" => ExampleLakeSchema.Orders,
        "customer_events" => ExampleLakeSchema.CustomerEvents,
        _ => ExampleLakeSchema.WebSessions,
    };
}
