using System.Globalization;
using SignalFactory.Profiling.Engine;
using SignalFactory.Storage.Delta;

namespace SignalFactory.Profiling.Tests.Engine;

/// <summary>Delta tables of the shared test data, read with DeltaTableReader: partition values come from the log.</summary>
public sealed class DeltaTableTests : IDisposable
{
    private readonly TestDuckDb _duck = new();

    [Theory]
    [InlineData("delta-0.8.0-partitioned")]
    [InlineData("delta-0.8.0-null-partition")]
    [InlineData("delta-0.8.0-numeric-partition")]
    [InlineData("delta-0.8.0-special-partition")]
    [InlineData("delta-2.2.0-partitioned-types")]
    [InlineData("partition-type-primitives")]
    public async Task ProfileAsync_PartitionedDeltaTable_PartitionCountsEqualPerFileCounts(string table)
    {
        var snapshot = await ReadAsync(table);
        var request = ScanRequests.ForDelta(snapshot) with { Threads = 2 };

        var result = await new DuckDbProfiler().ProfileAsync(request);

        // Expected: each active file counted on its own, grouped by the partition values the log gives it.
        var keys = snapshot.Metadata.PartitionColumns;
        var expected = snapshot.ActiveFiles
            .GroupBy(f => string.Join('/', keys.Select(k => $"{k}={f.PartitionValues[k] ?? "__HIVE_DEFAULT_PARTITION__"}")))
            .Select(g => (g.Key, g.Sum(f => _duck.CountRows(f.AbsolutePath)), g.Count()))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, result.Partitions.Select(p => (p.Label, p.RowCount, p.FileCount)).OrderBy(p => p.Label, StringComparer.Ordinal));
        Assert.Empty(result.SkippedFiles);
        Assert.Empty(result.Warnings);
        Assert.Equal(keys, result.Columns.Where(c => c.IsPartitionColumn).Select(c => c.Name));
        Assert.Equal(
            snapshot.Metadata.Schema.Select(f => f.Name).Where(n => !keys.Contains(n)),
            result.Columns.Where(c => !c.IsPartitionColumn).Select(c => c.Name));
    }

    [Fact]
    public async Task ProfileAsync_NullPartitionValue_CountsItsRowsAsNull()
    {
        var snapshot = await ReadAsync("delta-0.8.0-null-partition");

        var result = await new DuckDbProfiler().ProfileAsync(ScanRequests.ForDelta(snapshot) with { Threads = 2 });

        var nullRows = snapshot.ActiveFiles.Where(f => f.PartitionValues["k"] is null).Sum(f => _duck.CountRows(f.AbsolutePath));
        var k = result.Column("k");
        Assert.True(nullRows > 0);
        Assert.Equal(nullRows, k.NullCount);
        Assert.Equal(snapshot.ActiveFiles.Sum(f => _duck.CountRows(f.AbsolutePath)), k.RowCount);
        Assert.Contains(result.Partitions, p => p.Label == "k=__HIVE_DEFAULT_PARTITION__" && p.RowCount == nullRows);
    }

    [Fact]
    public async Task ProfileAsync_TypedPartitionColumns_MinMaxInTheirType()
    {
        var snapshot = await ReadAsync("delta-0.8.0-numeric-partition");

        var result = await new DuckDbProfiler().ProfileAsync(ScanRequests.ForDelta(snapshot) with { Threads = 2 });

        var xs = snapshot.ActiveFiles.Select(f => long.Parse(f.PartitionValues["x"]!, CultureInfo.InvariantCulture)).ToList();
        var x = result.Column("x");
        Assert.Equal("BIGINT", x.DuckDbType);
        Assert.Equal((xs.Min().ToString(CultureInfo.InvariantCulture), xs.Max().ToString(CultureInfo.InvariantCulture)), (x.Min, x.Max));
        var ys = snapshot.ActiveFiles.Select(f => f.PartitionValues["y"]!).ToList();
        var y = result.Column("y");
        Assert.Equal("DOUBLE", y.DuckDbType);
        Assert.Equal(_duck.Text("SELECT CAST(min(CAST(v AS DOUBLE)) AS VARCHAR) FROM unnest($1::VARCHAR[]) AS u(v)", ys.ToArray()), y.Min);
        Assert.Equal(_duck.Text("SELECT CAST(max(CAST(v AS DOUBLE)) AS VARCHAR) FROM unnest($1::VARCHAR[]) AS u(v)", ys.ToArray()), y.Max);
        Assert.NotNull(y.Histogram);
    }

    [Fact]
    public async Task ProfileAsync_SubsetOfPartitions_OnlyThoseFiles()
    {
        var snapshot = await ReadAsync("delta-0.8.0-partitioned");
        var newest = snapshot.GetPartitions().TakeLast(2).ToList();

        var result = await new DuckDbProfiler().ProfileAsync(ScanRequests.ForDelta(snapshot, newest) with { Threads = 2 });

        Assert.Equal(newest.Sum(p => p.Files.Sum(f => _duck.CountRows(f.AbsolutePath))), result.TotalRows);
        Assert.Equal(2, result.Partitions.Count);
    }

    [Fact]
    public async Task ProfileAsync_ColumnMapping_ReportsLogicalNamesOfPhysicalColumns()
    {
        using var folder = new EngineTempFolder();
        var file = folder.File("part-0.parquet");
        _duck.WriteParquet(
            "SELECT range AS \"col-7f3a\", CASE WHEN range % 4 = 0 THEN NULL ELSE 'n' || range END AS \"col-91bc\" FROM range(40)", file);
        var fields = new List<DeltaField>
        {
            new("id", "col-7f3a", "long", false, 1, [], "\"long\""),
            new("customer name", "col-91bc", "string", true, 2, [], "\"string\""),
        };
        var metadata = new DeltaMetadata("t", null, null, "parquet", fields, [], new Dictionary<string, string>(),
            DeltaColumnMappingMode.Name, null, "{}");
        var snapshot = new DeltaSnapshot(folder.Path, 0, new DeltaProtocol(2, 5, [], []), metadata,
            [new DeltaFile("part-0.parquet", file, new FileInfo(file).Length, default, new Dictionary<string, string?>(), null, 0)], [], null);

        var result = await new DuckDbProfiler().ProfileAsync(ScanRequests.ForDelta(snapshot) with { Threads = 2 });

        Assert.Equal(["id", "customer name"], result.Columns.Select(c => c.Name));
        Assert.Equal(["col-7f3a", "col-91bc"], result.Columns.Select(c => c.PhysicalName));
        var name = result.Column("customer name");
        Assert.Equal((10L, true), (name.NullCount, name.Nullable));
        Assert.False(result.Column("id").Nullable); // from the Delta schema
        Assert.Equal(("0", "39"), (result.Column("id").Min, result.Column("id").Max));
    }

    public void Dispose() => _duck.Dispose();

    private async Task<DeltaSnapshot> ReadAsync(string table) =>
        await new DeltaTableReader(_duck.Connection).ReadSnapshotAsync(EngineTestData.DeltaTable(table));
}
