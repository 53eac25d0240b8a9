using System.Globalization;
using SignalFactory.DuckDb;
using SignalFactory.Profiling.Engine;
using SignalFactory.Storage.Parquet;

namespace SignalFactory.Profiling.Tests.Engine;

/// <summary>Corrupt files among good ones are skipped with a reason naming them; the good ones are profiled.</summary>
public sealed class BadFileTests : IDisposable
{
    private readonly EngineTempFolder _folder = new();
    private readonly TestDuckDb _duck = new();

    [Fact]
    public async Task ProfileAsync_CorruptFootersAmongGoodFiles_SkipsThemAndProfilesTheRest()
    {
        var good = WriteGoodFiles(3, rowsEach: 500);
        var bad = Directory.GetFiles(EngineTestData.ParquetBadData, "*.parquet")
            .Where(f => !Readable(f))
            .Select(f =>
            {
                var copy = _folder.File("mixed/" + Path.GetFileName(f));
                File.Copy(f, copy);
                return copy;
            })
            .ToList();
        Assert.NotEmpty(bad);
        var files = good.Zip(bad.Concat(Enumerable.Repeat<string?>(null, good.Length)))
            .SelectMany(p => p.Second is null ? [p.First] : new[] { p.First, p.Second })
            .ToArray();

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(files));

        Assert.Equal(bad.Order(), result.SkippedFiles.Select(s => s.Path).Order());
        Assert.All(result.SkippedFiles, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        Assert.Equal(1500, result.TotalRows);
        Assert.Equal(1500, result.RowsScanned);
        Assert.Equal(["id", "label"], result.Columns.Select(c => c.Name));
        Assert.Equal((_duck.Column(good, "label").Nulls, "0"), (result.Column("label").NullCount, result.Column("id").Min));
    }

    [Fact]
    public async Task ProfileAsync_CorruptDataPagesWithIntactFooter_SkipsTheFileAfterTheScanFails()
    {
        var good = WriteGoodFiles(2, rowsEach: 20_000);
        var broken = _folder.File("pages/broken.parquet");
        _duck.WriteParquet(
            "SELECT range AS id, 'label-' || (range * 7919 % 100003) AS label FROM range(200000)", broken,
            "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 50000");
        CorruptPageData(broken);
        Assert.True(_duck.Scalar("SELECT count(*) FROM parquet_file_metadata($1)", broken) == 1, "the footer must stay readable");
        Assert.False(Readable(broken), "the data pages must be unreadable");

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request([good[0], broken, good[1]]));

        var skipped = Assert.Single(result.SkippedFiles);
        Assert.Equal(broken, skipped.Path);
        Assert.StartsWith("scanning the data failed", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(40_000, result.TotalRows);
        Assert.Equal(40_000, result.RowsScanned);
        Assert.Equal(_duck.Column(good, "label").Max, result.Column("label").Max);
    }

    [Fact]
    public async Task ProfileAsync_GarbledPageHeadersWithIntactFooter_SkippedByThePageCheckBeforeAnyScan()
    {
        var good = WriteGoodFiles(2, rowsEach: 20_000);
        var broken = _folder.File("pages/broken.parquet");
        _duck.WriteParquet(
            "SELECT range AS id, 'label-' || (range * 7919 % 100003) AS label FROM range(200000)", broken,
            "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 50000");
        Corrupt(broken);
        Assert.True(_duck.Scalar("SELECT count(*) FROM parquet_file_metadata($1)", broken) == 1, "the footer must stay readable");

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request([good[0], broken, good[1]]));

        var skipped = Assert.Single(result.SkippedFiles);
        Assert.Equal(broken, skipped.Path);
        Assert.StartsWith(PageStructureCheck.ReasonPrefix + "row group ", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(40_000, result.TotalRows);
        Assert.Equal(40_000, result.RowsScanned);
        Assert.Equal(_duck.Column(good, "label").Max, result.Column("label").Max);
    }

    [Fact]
    public async Task ProfileAsync_UndecodableFileAmongDecodableOnes_RowsCountAndFooterStatisticsMerge()
    {
        // Same schema (c0 BIGINT, c1 BLOB, v11 DOUBLE): LZ4_RAW decodes, Hadoop LZ4 does not (DuckDB lacks the codec).
        var good = _folder.File("mixed/a.parquet");
        File.Copy(Path.Combine(EngineTestData.ParquetData, "lz4_raw_compressed.parquet"), good);
        var lz4 = _folder.File("mixed/b.parquet");
        File.Copy(Path.Combine(EngineTestData.ParquetData, "hadoop_lz4_compressed.parquet"), lz4);
        Assert.False(Readable(lz4));
        var footerRows = _duck.Scalar("SELECT CAST(sum(row_group_num_rows) AS BIGINT) FROM (SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata($1))", lz4);
        var footerMin = _duck.Scalar("SELECT min(CAST(stats_min_value AS BIGINT)) FROM parquet_metadata($1) WHERE path_in_schema = 'c0'", lz4);
        var footerMax = _duck.Scalar("SELECT max(CAST(stats_max_value AS BIGINT)) FROM parquet_metadata($1) WHERE path_in_schema = 'c0'", lz4);
        var footerV11Nulls = _duck.Scalar("SELECT CAST(sum(stats_null_count) AS BIGINT) FROM parquet_metadata($1) WHERE path_in_schema = 'v11'", lz4);
        var goodRows = _duck.CountRows(good);
        var goodMin = _duck.Scalar("SELECT min(c0) FROM read_parquet($1)", good);
        var goodMax = _duck.Scalar("SELECT max(c0) FROM read_parquet($1)", good);
        var goodV11Nulls = _duck.Scalar("SELECT count(*) - count(v11) FROM read_parquet($1)", good);

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(good, lz4));

        Assert.Empty(result.SkippedFiles);
        var undecoded = Assert.Single(result.UndecodedFiles);
        Assert.Equal((lz4, footerRows), (undecoded.Path, undecoded.RowCount));
        Assert.Contains("LZ4", undecoded.Reason, StringComparison.Ordinal);
        Assert.Equal((goodRows + footerRows, goodRows), (result.TotalRows, result.RowsScanned));
        var c0 = result.Column("c0");
        Assert.Equal(goodRows + footerRows, c0.RowCount);
        Assert.Equal(
            (Math.Min(goodMin, footerMin).ToString(CultureInfo.InvariantCulture), Math.Max(goodMax, footerMax).ToString(CultureInfo.InvariantCulture)),
            (c0.Min, c0.Max));
        var v11 = result.Column("v11");
        Assert.Equal((goodRows + footerRows, goodV11Nulls + footerV11Nulls), (v11.RowCount, v11.NullCount));
        // BLOB min/max in a footer may be truncated: only its null count merges, min/max stay the decoded file's.
        var c1 = result.Column("c1");
        Assert.Equal(goodRows + footerRows, c1.RowCount);
        Assert.Equal(_duck.Text("SELECT CAST(min(c1) AS VARCHAR) FROM read_parquet($1)", good), c1.Min);
    }

    [Fact]
    public async Task ProfileAsync_PagesContradictingTheFooterAmongGoodFiles_SkippedAndTheRestProfiled()
    {
        // DuckDB reads ARROW-RS-GH-6229 as 1 row, but its only data page declares 21 values in a chunk of 1.
        var levels = Path.Combine(EngineTestData.ParquetBadData, "ARROW-RS-GH-6229-LEVELS.parquet");
        Assert.True(Readable(levels));
        var good = WriteGoodFiles(2, rowsEach: 100);
        var bad = _folder.File("mixed/levels.parquet");
        File.Copy(levels, bad);

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(good[0], bad, good[1]));

        var skipped = Assert.Single(result.SkippedFiles);
        Assert.Equal(
            (bad, PageStructureCheck.ReasonPrefix + "row group 0, column outer.list.item.c: its 1 data page(s) hold 21 values in their headers, but the column chunk declares num_values 1"),
            (skipped.Path, skipped.Reason));
        Assert.Equal((200, 200), (result.TotalRows, result.RowsScanned));
        Assert.Equal(["id", "label"], result.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task ProfileAsync_MissingFile_SkippedWithReason()
    {
        var good = WriteGoodFiles(1, rowsEach: 10);
        var missing = Path.Combine(_folder.Path, "missing.parquet");

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(good[0], missing));

        var skipped = Assert.Single(result.SkippedFiles);
        Assert.Equal((missing, "the file does not exist"), (skipped.Path, skipped.Reason));
        Assert.Equal(10, result.TotalRows);
    }

    [Fact]
    public async Task ProfileAsync_OnlyUnreadableFiles_ThrowsWithEveryFileListed()
    {
        var missing = Path.Combine(_folder.Path, "missing.parquet");
        var bad = Path.Combine(EngineTestData.ParquetBadData, "PARQUET-1481.parquet");

        var error = await Assert.ThrowsAsync<ProfilingException>(() => new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(missing, bad)));

        Assert.Equal([missing, bad], error.SkippedFiles.Select(s => s.Path));
        Assert.Contains("PARQUET-1481.parquet", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _duck.Dispose();
        _folder.Dispose();
    }

    private string[] WriteGoodFiles(int count, int rowsEach)
    {
        var files = new string[count];
        for (var i = 0; i < count; i++)
        {
            files[i] = _folder.File($"good/part-{i}.parquet");
            _duck.WriteParquet(
                $"SELECT range AS id, CASE WHEN range % 9 = 0 THEN NULL ELSE 'label-' || range END AS label FROM range({i * rowsEach}, {(i + 1) * rowsEach})",
                files[i]);
        }

        return files;
    }

    // Every row of every column, so every page is decoded.
    private bool Readable(string file)
    {
        try
        {
            using var all = _duck.Connection.Query("SELECT * FROM read_parquet($1, hive_partitioning = false)", file);
            while (all.Read())
            {
            }

            return true;
        }
        catch (DuckDbException)
        {
            return false;
        }
    }

    // Overwrites the middle third of the data pages with a fixed pattern; the footer (at the end) stays intact.
    // Garbles the compressed data of every page and leaves headers and footer intact. The page offsets come from our
    // page header reader; whether the result is unreadable is checked with DuckDB by the test.
    private static void CorruptPageData(string file)
    {
        var bytes = File.ReadAllBytes(file);
        foreach (var chunk in ParquetFooterParser.ReadFile(file).RowGroups.SelectMany(g => g.Columns))
        {
            foreach (var page in ParquetPageStructure.ReadPageHeaders(file, chunk))
            {
                for (var i = page.Offset + page.HeaderLength; i < page.End; i++)
                {
                    bytes[i] = (byte)(0xA5 ^ (i * 31));
                }
            }
        }

        File.WriteAllBytes(file, bytes);
    }

    private static void Corrupt(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        var dataEnd = bytes.Length - 8 - footerLength;
        for (var i = dataEnd / 3; i < 2 * dataEnd / 3; i++)
        {
            bytes[i] = (byte)(0xA5 ^ (i * 31));
        }

        File.WriteAllBytes(file, bytes);
    }
}
