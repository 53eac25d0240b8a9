using SignalFactory.Examples.Lake;

namespace SignalFactory.Examples.Tests.Lake;

[Collection(LakeCollection.Name)]
public sealed class HiveTableTests(LakeFixture lake)
{
    [Theory]
    [InlineData("customer_events", LakeFixture.RowsPerPartition)]
    [InlineData("web_sessions", LakeFixture.RowsPerPartition / 10)]
    public void HiveTable_HasOneDtFolderPerDay(string table, int rowsPerPartition)
    {
        var folders = Directory.GetDirectories(Path.Combine(lake.LakeDirectory, table)).Select(Path.GetFileName).Order().ToList();

        Assert.Equal(LakeFixture.Days, folders.Count);
        Assert.All(folders, f => Assert.Matches(@"^dt=\d{4}-\d{2}-\d{2}$", f));
        Assert.Equal("dt=2026-10-21", folders[0]);
        Assert.Equal("dt=2026-11-01", folders[^1]);
        var expectedFiles = (rowsPerPartition + LakeFixture.MaxRowsPerFile - 1) / LakeFixture.MaxRowsPerFile;
        Assert.All(folders, f => Assert.Equal(
            Enumerable.Range(0, expectedFiles).Select(i => $"part-{i:D5}.parquet"),
            Directory.GetFiles(Path.Combine(lake.LakeDirectory, table, f!)).Select(Path.GetFileName).Order()));
    }

    [Theory]
    [InlineData("customer_events", LakeFixture.RowsPerPartition)]
    [InlineData("web_sessions", LakeFixture.RowsPerPartition / 10)]
    public void HiveTable_ReadWithHivePartitioning_GivesEveryRowAndPartition(string table, int rowsPerPartition)
    {
        var glob = Path.Combine(lake.LakeDirectory, table, "*", "*.parquet");
        var rows = LakeFixture.Rows(
            "SELECT CAST(dt AS VARCHAR), count(*) FROM read_parquet($1, hive_partitioning = true) GROUP BY ALL ORDER BY 1", glob);

        Assert.Equal(LakeFixture.Days, rows.Count);
        Assert.All(rows, r => Assert.Equal((long)rowsPerPartition, Convert.ToInt64(r[1])));
        Assert.Equal("2026-10-21", (string)rows[0][0]!);
    }

    [Fact]
    public void CustomerEvents_TimestampsFallOnTheirPartitionDate()
    {
        var glob = Path.Combine(lake.LakeDirectory, "customer_events", "*", "*.parquet");
        var outside = LakeFixture.Scalar(
            "SELECT count(*) FROM read_parquet($1, hive_partitioning = true) WHERE CAST(event_ts AS DATE) <> CAST(dt AS DATE)", glob);

        Assert.Equal(0, outside);
    }

    [Fact]
    public void Result_DescribesTheTablesOnDisk()
    {
        Assert.Equal(
            [ExampleLakeSchema.OrdersTableName, ExampleLakeSchema.CustomerEventsTableName, ExampleLakeSchema.WebSessionsTableName],
            lake.Result.Tables.Select(t => t.Name));
        Assert.Equal([ExampleTableFormat.Delta, ExampleTableFormat.Parquet, ExampleTableFormat.Parquet],
            lake.Result.Tables.Select(t => t.Format));
        Assert.Equal((long)LakeFixture.Days * LakeFixture.RowsPerPartition, lake.Result.Tables[0].TotalRows);
        Assert.Equal((long)LakeFixture.Days * LakeFixture.RowsPerPartition / 10, lake.Result.Tables[2].TotalRows);
        Assert.All(lake.Result.Tables, t => Assert.True(Directory.Exists(t.Path)));
        Assert.All(lake.Result.Tables, t => Assert.Equal(LakeFixture.Days, t.Partitions.Count));
        Assert.All(lake.Result.ManifestPaths, p => Assert.True(File.Exists(p)));
    }

    [Fact]
    public void Progress_IsReportedOncePerPartitionWrite()
    {
        // Every table reports each day; the Delta table also reports its partition rewrite.
        var total = (3 * LakeFixture.Days) + 1;

        Assert.Equal(total, lake.Progress.Count);
        Assert.Equal(Enumerable.Range(1, total), lake.Progress.Select(p => p.StepsDone));
        Assert.All(lake.Progress, p => Assert.Equal(total, p.StepsTotal));
        Assert.Equal(lake.Result.Tables.Sum(t => t.TotalRows) + LakeFixture.RowsPerPartition, lake.Progress[^1].RowsWritten);
    }
}
