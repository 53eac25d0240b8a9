using SignalFactory.Profiling.Engine;
using SignalFactory.Storage.Delta;

namespace SignalFactory.Profiling.Tests.Engine;

/// <summary>Statistics taken from Parquet footers equal what a scan of the values gives.</summary>
public sealed class FooterStatisticsTests : IDisposable
{
    private readonly EngineTempFolder _folder = new();
    private readonly TestDuckDb _duck = new();

    [Theory]
    [MemberData(nameof(SharedParquetTests.DataFiles), MemberType = typeof(SharedParquetTests))]
    public async Task ProfileAsync_SharedFile_FooterStatisticsEqualScan(string name)
    {
        var request = ProfileAssertions.Request(Path.Combine(EngineTestData.ParquetData, name));

        var (withFooters, scanned) = await BothAsync(request);

        if (withFooters is not null)
        {
            Assert.Equal(KnownValuesTests.Describe(scanned!), KnownValuesTests.Describe(withFooters));
        }
    }

    [Theory]
    [InlineData("delta-0.8.0-partitioned")]
    [InlineData("delta-2.2.0-partitioned-types")]
    [InlineData("partition-type-primitives")]
    [InlineData("table_with_edge_timestamps")]
    [InlineData("simple_table_with_checkpoint")]
    public async Task ProfileAsync_DeltaTable_FooterStatisticsEqualScan(string table)
    {
        var snapshot = await new DeltaTableReader(_duck.Connection).ReadSnapshotAsync(EngineTestData.DeltaTable(table));

        var (withFooters, scanned) = await BothAsync(ScanRequests.ForDelta(snapshot) with { Threads = 2 });

        Assert.Equal(KnownValuesTests.Describe(scanned!), KnownValuesTests.Describe(withFooters!));
    }

    [Fact]
    public async Task ProfileAsync_TypedColumnsOverSeveralFiles_TakenFromFootersAndEqualScan()
    {
        const string Columns = """
            range::BIGINT AS id,
            CASE WHEN range % 3 = 0 THEN NULL ELSE (range % 1000)::INTEGER - 500 END AS signed_int,
            (range * 12345)::UBIGINT AS big_unsigned,
            (range::HUGEINT * 1000000000000) AS huge,
            CASE WHEN range % 5 = 0 THEN NULL ELSE ((range % 9999) / 7)::DECIMAL(9,2) END AS amount,
            (range * 1000000)::DECIMAL(30,4) AS wide_decimal,
            DATE '2020-02-29' + (range % 400)::INTEGER AS day,
            TIMESTAMPTZ '2026-03-29 00:30:00+00' + to_seconds(range * 37) AS at_tz,
            (TIMESTAMP '1969-12-31 23:59:59' + to_microseconds(range))::TIMESTAMP_NS AS at_ns,
            range % 7 = 0 AS flag,
            NULL::INTEGER AS always_null,
            'text-' || range AS label
            """;
        var files = new[] { _folder.File("typed/a.parquet"), _folder.File("typed/b.parquet"), _folder.File("typed/c.parquet") };
        _duck.WriteParquet($"SELECT {Columns} FROM range(0, 25000)", files[0], "FORMAT parquet, ROW_GROUP_SIZE 4096");
        _duck.WriteParquet($"SELECT {Columns} FROM range(25000, 31000)", files[1], "FORMAT parquet, ROW_GROUP_SIZE 2048");
        // A later file without some columns (schema evolution): their rows count as nulls.
        _duck.WriteParquet("SELECT range::BIGINT AS id, 'text-' || range AS label FROM range(31000, 32000)", files[2]);

        var (withFooters, scanned) = await BothAsync(ProfileAssertions.Request(files));

        Assert.Equal(KnownValuesTests.Describe(scanned!), KnownValuesTests.Describe(withFooters!));
        // HUGEINT is written to Parquet as DOUBLE, so it is read back as a float and scanned; strings are scanned.
        Assert.Equal(
            ["id", "signed_int", "big_unsigned", "amount", "wide_decimal", "day", "at_tz", "at_ns", "flag", "always_null"],
            withFooters!.ColumnsFromFooterStatistics);
        Assert.Empty(scanned!.ColumnsFromFooterStatistics);
        Assert.Equal(32000, withFooters.Column("always_null").NullCount);
    }

    [Fact]
    public async Task ProfileAsync_FileWithOnlyDeprecatedStatistics_ScannedInstead()
    {
        // An old Impala file: its footer has no min_value/max_value for any column.
        var file = Path.Combine(EngineTestData.ParquetData, "alltypes_plain.parquet");

        var (withFooters, scanned) = await BothAsync(ProfileAssertions.Request(file));

        Assert.Empty(withFooters!.ColumnsFromFooterStatistics);
        Assert.Equal(KnownValuesTests.Describe(scanned!), KnownValuesTests.Describe(withFooters));
    }

    public void Dispose()
    {
        _duck.Dispose();
        _folder.Dispose();
    }

    // Null results when DuckDB cannot read the file at all (those are covered by SharedParquetTests).
    private static async Task<(ProfileScanResult? WithFooters, ProfileScanResult? Scanned)> BothAsync(ProfileScanRequest request)
    {
        try
        {
            var withFooters = await new DuckDbProfiler().ProfileAsync(request with { UseFooterStatistics = true });
            var scanned = await new DuckDbProfiler().ProfileAsync(request with { UseFooterStatistics = false });
            return (withFooters, scanned);
        }
        catch (ProfilingException) when (request.Files.Count == 1)
        {
            return (null, null);
        }
    }
}
