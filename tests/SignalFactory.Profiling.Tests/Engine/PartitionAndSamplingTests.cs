using SignalFactory.Profiling.Engine;
using SignalFactory.Storage.Hive;

namespace SignalFactory.Profiling.Tests.Engine;

/// <summary>
/// A Hive-style table written here (dt partitions, several files each, row groups of 1,000 rows): per-partition
/// counts, partition columns, and sampled mode.
/// </summary>
public sealed class PartitionAndSamplingTests : IDisposable
{
    private static readonly (string Dt, int[] FileRows)[] s_layout =
    [
        ("2026-01-01", [3000, 1500]),
        ("2026-01-02", [4000]),
        ("2026-01-03", [2500, 2500, 1000]),
        ("2026-01-04", [6000]),
        ("2026-01-05", [5000, 123]),
    ];

    private readonly EngineTempFolder _folder = new();
    private readonly TestDuckDb _duck = new();

    public PartitionAndSamplingTests()
    {
        long start = 0;
        foreach (var (dt, fileRows) in s_layout)
        {
            for (var f = 0; f < fileRows.Length; f++)
            {
                _duck.WriteParquet(
                    $"SELECT range AS id, CASE WHEN range % 10 = 0 THEN NULL ELSE 'user' || (hash(range) % 5000) || '@example.com' END AS email, " +
                    $"(range % 97)::DOUBLE / 4 AS score FROM range({start}, {start + fileRows[f]})",
                    _folder.File($"table/dt={dt}/part-{f}.parquet"),
                    "FORMAT parquet, ROW_GROUP_SIZE 1000");
                start += fileRows[f];
            }
        }
    }

    private string Table => Path.Combine(_folder.Path, "table");

    [Fact]
    public async Task ProfileAsync_HiveTable_PartitionCountsEqualPerFileCounts()
    {
        var layout = HivePartitionDiscovery.Discover(Table);
        var request = ScanRequests.ForHive(layout) with { Threads = 2 };

        var result = await new DuckDbProfiler().ProfileAsync(request);

        var expected = layout.Partitions.Select(p => ($"dt={p.Values["dt"]}", p.Files.Sum(_duck.CountRows), p.Files.Count)).ToList();
        Assert.Equal(expected, result.Partitions.Select(p => (p.Label, p.RowCount, p.FileCount)));
        Assert.Equal(expected.Sum(e => e.Item2), result.TotalRows);
        Assert.Equal("2026-01-03", result.Partitions[2].Values["dt"]);
    }

    [Fact]
    public async Task ProfileAsync_PartitionColumn_ProfiledFromValuesAndFooterCounts()
    {
        var layout = HivePartitionDiscovery.Discover(Table);
        var request = ScanRequests.ForHive(layout) with { PartitionColumns = [new PartitionColumn("dt", "DATE")], Threads = 2 };

        var result = await new DuckDbProfiler().ProfileAsync(request);

        var dt = result.Column("dt");
        Assert.True(dt.IsPartitionColumn);
        Assert.Equal(ScanColumnKind.Temporal, dt.Kind);
        Assert.Equal(("2026-01-01", "2026-01-05"), (dt.Min, dt.Max));
        Assert.Equal((s_layout.Sum(p => p.FileRows.Sum()), 0L, 5L), (dt.RowCount, dt.NullCount, dt.ApproxDistinct));
        Assert.DoesNotContain(result.Columns, c => c.Name == "dt" && !c.IsPartitionColumn);
    }

    [Fact]
    public async Task ProfileAsync_NumericPartitionColumn_HistogramWeightedByRows()
    {
        var files = Directory.GetFiles(Table, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var request = new ProfileScanRequest
        {
            Files = [.. files.Select(f => new ScanFile(f)
            {
                PartitionValues = new Dictionary<string, string?> { ["day"] = f.Contains("2026-01-05", StringComparison.Ordinal) ? null : f.Split("dt=2026-01-0")[1][..1] },
            })],
            PartitionColumns = [new PartitionColumn("day", "INTEGER")],
            HistogramBinCount = 3,
            Threads = 2,
        };

        var result = await new DuckDbProfiler().ProfileAsync(request);

        var day = result.Column("day");
        Assert.Equal(("1", "4"), (day.Min, day.Max));
        Assert.Equal(5123, day.NullCount);
        // days 1..4 over 3 bins of width 1: [1,2) day 1, [2,3) day 2, [3,4] days 3 and 4.
        Assert.Equal([4500L, 4000L, 6000L + 6000L], day.Histogram!.Counts);
        Assert.Equal("day=__HIVE_DEFAULT_PARTITION__", result.Partitions[^1].Label);
    }

    [Fact]
    public async Task ProfileAsync_SampledMode_ReadsWholeRowGroupsAndFewerRows()
    {
        var layout = HivePartitionDiscovery.Discover(Table);
        var full = await new DuckDbProfiler().ProfileAsync(ScanRequests.ForHive(layout) with { Threads = 2 });
        var sampled = await new DuckDbProfiler().ProfileAsync(ScanRequests.ForHive(layout) with { Mode = ScanMode.Sampled(0.2), Threads = 2 });

        Assert.Equal(full.TotalRows, sampled.TotalRows);
        Assert.True(sampled.RowsScanned < full.RowsScanned / 2, $"{sampled.RowsScanned} of {full.RowsScanned}");
        Assert.InRange(sampled.RowsScanned, full.TotalRows * 0.1, full.TotalRows * 0.3);
        Assert.True(sampled.SampledRanges > 0);
        Assert.Equal(full.Partitions, sampled.Partitions, PartitionEquality);
        var email = sampled.Column("email");
        Assert.Equal(sampled.RowsScanned, email.RowCount);
        Assert.True(email.DistinctFromSample);
        Assert.True(sampled.Column("score").Histogram!.FromSample);
        Assert.Equal(sampled.RowsScanned, sampled.Column("score").Histogram!.Counts.Sum());
        Assert.True(string.CompareOrdinal(email.Min, full.Column("email").Min) >= 0);
    }

    [Fact]
    public async Task ProfileAsync_SketchSmallerThanSample_SketchRowsInsideTheSample()
    {
        var layout = HivePartitionDiscovery.Discover(Table);
        var request = ScanRequests.ForHive(layout) with { Mode = ScanMode.Sampled(0.5), SketchSampleRows = 3000, Threads = 2 };

        var result = await new DuckDbProfiler().ProfileAsync(request);

        Assert.InRange(result.SketchRows, 2000, 4000);
        Assert.True(result.SketchRows < result.RowsScanned);
        // score has no nulls: every sketch row falls between the main sample's min and max, so into some bin.
        Assert.Equal(result.SketchRows, result.Column("score").Histogram!.Counts.Sum());
        Assert.Equal(result.SketchRows, result.Column("id").Histogram!.Counts.Sum());
    }

    [Fact]
    public async Task ProfileAsync_SampledTwice_SameRowsAndStatistics()
    {
        var layout = HivePartitionDiscovery.Discover(Table);
        var request = ScanRequests.ForHive(layout) with { Mode = ScanMode.Sampled(0.3), Threads = 2 };

        var first = await new DuckDbProfiler().ProfileAsync(request);
        var second = await new DuckDbProfiler().ProfileAsync(request);

        Assert.Equal(first.RowsScanned, second.RowsScanned);
        Assert.Equal(KnownValuesTests.Describe(first), KnownValuesTests.Describe(second));
    }

    [Fact]
    public async Task ProfileAsync_SketchSampleSmallerThanTable_EstimatesDistinctFromWholeRowGroups()
    {
        var layout = HivePartitionDiscovery.Discover(Table);
        var request = ScanRequests.ForHive(layout) with { SketchSampleRows = 8000, Threads = 2 };

        var result = await new DuckDbProfiler().ProfileAsync(request);

        Assert.Equal(result.TotalRows, result.RowsScanned);
        Assert.InRange(result.SketchRows, 6000, 10_000);
        var id = result.Column("id");
        Assert.True(id.DistinctFromSample);
        Assert.InRange(id.ApproxDistinct!.Value, result.TotalRows * 0.9, result.TotalRows); // a key column
        var email = result.Column("email");
        // About 5,000 addresses spread at random over ~23,000 non-null rows; the sample of ~7,200 sees ~3,800 of them.
        Assert.InRange(email.ApproxDistinct!.Value, 4500, 5300);
        Assert.Equal(result.Column("score").Histogram!.Counts.Sum(), result.SketchRows);
        Assert.All(email.DistinctSample!, v => Assert.EndsWith("@example.com", v, StringComparison.Ordinal));
        Assert.Equal(1000, email.DistinctSample!.Count);
    }

    [Fact]
    public async Task ProfileAsync_SampleOfHundredsOfScatteredRowGroups_TakesWholeFilesInstead()
    {
        // 4 files × 150 row groups: a 50 % sample would be 300 separate row groups (300 read_parquet branches).
        var files = new string[4];
        for (var i = 0; i < files.Length; i++)
        {
            files[i] = _folder.File($"many/part-{i}.parquet");
            _duck.WriteParquet($"SELECT range AS id FROM range({i * 307_200}, {(i + 1) * 307_200})", files[i], "FORMAT parquet, ROW_GROUP_SIZE 2048");
        }

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(files) with { Mode = ScanMode.Sampled(0.5) });

        Assert.Equal(2, result.SampledRanges);
        Assert.Equal(2 * 307_200, result.RowsScanned);
    }

    [Fact]
    public async Task ProfileAsync_VeryLongStrings_DistinctSampleValuesCut()
    {
        var file = _folder.File("long/part-0.parquet");
        _duck.WriteParquet("SELECT repeat(chr(65 + (range % 26)::INTEGER), 5000) || range AS doc FROM range(100)", file);

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(file));

        var doc = result.Column("doc");
        Assert.Equal(5002, doc.StringLength!.Max); // statistics see the whole value
        Assert.Equal(26, doc.DistinctSample!.Count); // 'AAAA…' cut to 1,024 characters: one value per letter
        Assert.All(doc.DistinctSample, v => Assert.Equal(1024, v.Length));
    }

    public void Dispose()
    {
        _duck.Dispose();
        _folder.Dispose();
    }

    private static bool PartitionEquality(ScanPartitionRowCount a, ScanPartitionRowCount b) =>
        a.Label == b.Label && a.RowCount == b.RowCount && a.FileCount == b.FileCount;
}
