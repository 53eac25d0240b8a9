using SignalFactory.Examples.Lake;
using SignalFactory.Profiling.Tests.Dispatch.Support;
using SignalFactory.Storage.Parquet;

namespace SignalFactory.Profiling.Tests.Dispatch;

/// <summary>
/// The example lake profiled end to end with the real engine. Null rates come from the generator's documented rules
/// (<see cref="ExampleLakeSchema"/>, <see cref="NullRate"/>), PII from its documented patterns, row counts from the
/// test's own log replay and DuckDB counts.
/// </summary>
public sealed class ExampleLakeTests(ExampleLakeFixture lake) : IClassFixture<ExampleLakeFixture>
{
    public static TheoryData<string> TableNames() =>
        [ExampleLakeSchema.OrdersTableName, ExampleLakeSchema.CustomerEventsTableName, ExampleLakeSchema.WebSessionsTableName];

    [Theory]
    [MemberData(nameof(TableNames))]
    public async Task ProfileAsync_ExampleTable_SamplesTheSevenNewestPartitionsWithTheirRowCounts(string name)
    {
        var table = lake.Table(name);
        var outcome = await Profiles.RunAsync(await lake.ManifestAsync(name));

        var newest = table.Partitions.TakeLast(7).ToList();
        var metadata = outcome.Baseline.ProfilingMetadata;
        Assert.Equal(7, metadata.PartitionsSampled);
        Assert.Equal([newest[0], newest[^1]], metadata.DateRange);
        Assert.Equal("HIGH", metadata.Confidence);
        Assert.Equal(ExampleLakeFixture.Days, outcome.PartitionsDiscovered);
        var expected = newest.ToDictionary(p => p, p => PartitionRows(table, p));
        Assert.Equal(expected.OrderBy(e => e.Key), outcome.Baseline.PartitionRowCounts.ToDictionary(p => p.Partition, p => p.RowCount).OrderBy(e => e.Key));
        Assert.Equal(expected.Values.Sum(), metadata.TotalRowsSampled);
        Assert.Equal("full", metadata.ProfilingMode);
        Assert.Empty(outcome.Warnings);
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public void PageStructure_EveryExampleLakeFile_IsConsistentAndFullyChecked(string name)
    {
        var files = Directory.GetFiles(lake.Table(name).Path, "*.parquet", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var footer = ParquetFooterParser.ReadFile(file);

            var result = ParquetPageStructure.Check(file, footer);

            Assert.True(result.Consistent, $"{Path.GetFileName(file)}: {result.Inconsistency}");
            Assert.Empty(result.NotChecked);
            Assert.Equal(footer.RowGroups.Sum(g => g.Columns.Count), result.ChunksChecked);
        }
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public async Task ProfileAsync_ExampleTable_NullRatesEqualTheGeneratorsRules(string name)
    {
        var table = lake.Table(name);
        var schema = SchemaOf(name);
        var outcome = await Profiles.RunAsync(await lake.ManifestAsync(name));

        var rowsPerPartition = table.Partitions.TakeLast(7).Select(p => PartitionRows(table, p)).ToList();
        var total = rowsPerPartition.Sum();
        foreach (var column in schema.Columns)
        {
            var expectedNulls = rowsPerPartition.Sum(column.Nulls.ExpectedNulls);
            var profile = outcome.Baseline.ColumnProfiles[column.Name];
            Assert.Equal(expectedNulls, profile.NullCount);
            Assert.Equal((double)expectedNulls / total, profile.NullRate, 12);
            Assert.Equal((double)expectedNulls / total, outcome.Baseline.NullRates[column.Name], 12);
            Assert.Equal((double)expectedNulls / total, outcome.Baseline.Schema.Columns.Single(c => c.Name == column.Name).NullRate!.Value, 12);
        }

        Assert.Equal(0, outcome.Baseline.NullRates[ExampleLakeSchema.PartitionColumn]);
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public async Task ProfileAsync_ExampleTable_FlagsExactlyThePiiColumnsWithTheirPattern(string name)
    {
        var schema = SchemaOf(name);
        var outcome = await Profiles.RunAsync(await lake.ManifestAsync(name));

        var pii = outcome.Baseline.PiiScan;
        var expected = schema.Columns.Where(c => c.PiiPattern is not null).ToDictionary(c => c.Name, c => c.PiiPattern!);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), pii.ColumnsWithPii);
        foreach (var (column, pattern) in expected)
        {
            Assert.Equal(pattern, pii.PiiPatternsDetected[column].Pattern);
        }

        var strings = schema.Columns.Where(c => c.DuckDbType == "VARCHAR").Select(c => c.Name).Append(ExampleLakeSchema.PartitionColumn);
        Assert.Equal(strings.Order(StringComparer.Ordinal), pii.ColumnsScanned);
        Assert.Empty(pii.Timeouts);
    }

    [Fact]
    public async Task ProfileAsync_Orders_SixteenDigitDecoysFailingLuhnAreNotFlagged()
    {
        var table = lake.Table(ExampleLakeSchema.OrdersTableName);
        var files = ReferenceDeltaLog.Read(table.Path, lake.Connection).ActiveFiles.Select(f => f.Path).ToArray();
        var decoys = new List<string>();
        using (var result = lake.Connection.Query("SELECT DISTINCT tracking_number FROM read_parquet($1) LIMIT 500", files))
        {
            while (result.Read())
            {
                decoys.Add(result.GetString(0));
            }
        }

        // The decoys really are 16-digit numbers that a bare pattern match would take for cards, and fail Luhn.
        Assert.All(decoys, d => Assert.Matches("^[0-9]{16}$", d));
        Assert.All(decoys, d => Assert.False(Luhn(d)));

        var outcome = await Profiles.RunAsync(await lake.ManifestAsync(ExampleLakeSchema.OrdersTableName));

        Assert.Contains("tracking_number", outcome.Baseline.PiiScan.ColumnsScanned);
        Assert.DoesNotContain("tracking_number", outcome.Baseline.PiiScan.ColumnsWithPii);
        Assert.Equal("CREDIT_CARD", outcome.Baseline.PiiScan.PiiPatternsDetected["card_number"].Pattern);
    }

    [Fact]
    public async Task ProfileAsync_Orders_BaselineHoldsNoPiiValue()
    {
        var table = lake.Table(ExampleLakeSchema.OrdersTableName);
        var files = ReferenceDeltaLog.Read(table.Path, lake.Connection).ActiveFiles.Select(f => f.Path).ToArray();
        var outcome = await Profiles.RunAsync(await lake.ManifestAsync(ExampleLakeSchema.OrdersTableName));
        var json = System.Text.Encoding.UTF8.GetString(outcome.Json);

        foreach (var column in ExampleLakeSchema.Orders.Columns.Where(c => c.PiiPattern is not null || c.Name == "tracking_number"))
        {
            using var result = lake.Connection.Query(
                $"SELECT DISTINCT {SignalFactory.DuckDb.DuckDbSql.QuoteIdentifier(column.Name)} FROM read_parquet($1) WHERE {SignalFactory.DuckDb.DuckDbSql.QuoteIdentifier(column.Name)} IS NOT NULL LIMIT 200",
                files);
            while (result.Read())
            {
                Assert.DoesNotContain(result.GetString(0), json, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ProfileAsync_SameLakeTwice_ByteIdenticalBaseline()
    {
        var manifest = await lake.ManifestAsync(ExampleLakeSchema.OrdersTableName);

        var first = await Profiles.RunAsync(manifest);
        var second = await Profiles.RunAsync(manifest);

        Assert.Equal(first.Json, second.Json);
    }

    internal long PartitionRows(ExampleLakeTable table, string partition)
    {
        IEnumerable<string> files;
        if (table.Format == ExampleTableFormat.Delta)
        {
            var reference = ReferenceDeltaLog.Read(table.Path, lake.Connection);
            files = reference.ActiveFiles.Where(f => f.PartitionValues[ExampleLakeSchema.PartitionColumn] == partition).Select(f => f.Path);
        }
        else
        {
            files = Directory.GetFiles(Path.Combine(table.Path, $"dt={partition}"), "*.parquet");
        }

        return files.Sum(f => lake.Connection.ExecuteScalar<long>("SELECT count(*) FROM read_parquet($1)", f));
    }

    internal static ExampleTableSchema SchemaOf(string name) => name switch
    {
        ExampleLakeSchema.OrdersTableName => ExampleLakeSchema.Orders,
        ExampleLakeSchema.CustomerEventsTableName => ExampleLakeSchema.CustomerEvents,
        _ => ExampleLakeSchema.WebSessions,
    };

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
