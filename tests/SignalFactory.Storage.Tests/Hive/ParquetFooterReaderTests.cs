using SignalFactory.DuckDb;
using SignalFactory.Storage.Hive;
using SignalFactory.Storage.Tests.Delta;

namespace SignalFactory.Storage.Tests.Hive;

public sealed class ParquetFooterReaderTests : IClassFixture<DuckDbFixture>, IDisposable
{
    private readonly DuckDbFixture _duck;
    private readonly ParquetFooterReader _reader;
    private readonly DeltaTestFolder _temp = new();

    public ParquetFooterReaderTests(DuckDbFixture duck)
    {
        _duck = duck;
        _reader = new ParquetFooterReader(duck.Connection);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ReadManyAsync_SharedParquetFiles_RowCountsEqualCountStar()
    {
        var files = Directory.EnumerateFiles(TestPaths.ParquetData, "*.parquet").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 40, $"only {files.Count} files under {TestPaths.ParquetData}");

        var results = await _reader.ReadManyAsync(files);

        Assert.Equal(files, results.Select(r => r.Path));
        var compared = 0;
        foreach (var result in results)
        {
            long count;
            try
            {
                count = _duck.CountRows(result.Path);
            }
            catch (DuckDbException)
            {
                // DuckDB cannot open this file at all (map_no_value.parquet, a MAP without a value field): our own
                // parser reads its footer; 3 rows in one row group, decoded by hand (see ParquetFooterParserTests).
                Assert.Equal("map_no_value.parquet", Path.GetFileName(result.Path));
                Assert.True(result.Succeeded, result.Error);
                Assert.Equal((3L, 3L, 1L), (result.Footer!.RowCount, result.Footer.DeclaredRowCount, result.Footer.RowGroupCount));
                Assert.Equal(new FileInfo(result.Path).Length, result.Footer.FileSizeBytes);
                Assert.Equal(455, result.Footer.FooterSizeBytes);
                continue;
            }

            Assert.True(result.Succeeded, $"{result.Path}: {result.Error}");
            var footer = result.Footer!;
            Assert.Equal(count, footer.RowCount);
            Assert.Equal(footer.RowGroupCount, footer.RowGroups.Count);
            Assert.Equal(new FileInfo(result.Path).Length, footer.FileSizeBytes);
            compared++;
        }

        Assert.True(compared >= 40, $"only {compared} files compared");
    }

    [Fact]
    public async Task ReadManyAsync_SharedParquetFiles_SizesAndWriterAsDuckDbReadsThem()
    {
        var files = Directory.EnumerateFiles(TestPaths.ParquetData, "*.parquet").Order(StringComparer.Ordinal).ToList();

        var results = await _reader.ReadManyAsync(files);

        var compared = 0;
        foreach (var result in results)
        {
            var expected = new List<string>();
            try
            {
                using (var file = _duck.Connection.Query("SELECT num_rows, footer_size, created_by FROM parquet_file_metadata($1)", result.Path))
                {
                    file.Read();
                    expected.Add($"{file.GetInt64(0)} {file.GetInt64(1)} {(file.IsNull(2) ? "" : file.GetString(2))}");
                }

                using var groups = _duck.Connection.Query(
                    "SELECT row_group_id, any_value(row_group_num_rows), any_value(row_group_bytes), sum(total_compressed_size) "
                    + "FROM parquet_metadata($1) GROUP BY row_group_id ORDER BY row_group_id", result.Path);
                while (groups.Read())
                {
                    expected.Add($"{groups.GetInt64(0)} {groups.GetInt64(1)} {groups.GetInt64(2)} {groups.GetInt64(3)}");
                }
            }
            catch (DuckDbException)
            {
                continue; // map_no_value.parquet: see ReadManyAsync_SharedParquetFiles_RowCountsEqualCountStar
            }

            var footer = result.Footer!;
            Assert.Equal(
                expected,
                [$"{footer.DeclaredRowCount} {footer.FooterSizeBytes} {footer.CreatedBy ?? ""}",
                    .. footer.RowGroups.Select(g => $"{g.Index} {g.RowCount} {g.UncompressedBytes} {g.CompressedBytes}")]);
            compared++;
        }

        Assert.True(compared >= 40, $"only {compared} files compared");
    }

    [Fact]
    public async Task ReadAsync_FileWithWrongFileLevelRowCount_CountsTheRowGroups()
    {
        // repeated_no_annotation.parquet declares num_rows = 0 but its single row group holds the rows.
        var path = Path.Combine(TestPaths.ParquetData, "repeated_no_annotation.parquet");

        var result = await _reader.ReadAsync(path);

        Assert.Equal(_duck.CountRows(path), result.Footer!.RowCount);
        Assert.Equal(0, result.Footer.DeclaredRowCount);
    }

    [Fact]
    public async Task ReadManyAsync_BadFiles_GivePerFileErrorsWithoutAborting()
    {
        var files = Directory.EnumerateFiles(TestPaths.ParquetBadData).Order(StringComparer.Ordinal).ToList();
        var missing = Path.Combine(_temp.Path, "missing.parquet");
        var truncated = Path.Combine(_temp.Path, "truncated.parquet");
        var good = Path.Combine(TestPaths.ParquetData, "alltypes_plain.parquet");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..100]);

        var results = await _reader.ReadManyAsync([.. files, missing, truncated, good]);

        var byName = results.ToDictionary(r => Path.GetFileName(r.Path));
        Assert.False(byName["ARROW-GH-41317.parquet"].Succeeded);
        Assert.False(byName["PARQUET-1481.parquet"].Succeeded);
        Assert.Contains("does not exist", byName["missing.parquet"].Error, StringComparison.Ordinal);
        Assert.False(byName["truncated.parquet"].Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.False(string.IsNullOrWhiteSpace(r.Error)));
        Assert.Equal(_duck.CountRows(good), byName["alltypes_plain.parquet"].Footer!.RowCount);

        // The third bad file's defect (insufficient repetition levels) is in a data page, not the footer: DuckDB
        // reads its footer and even its rows, so the footer reader reports it like DuckDB does.
        var levels = Path.Combine(TestPaths.ParquetBadData, "ARROW-RS-GH-6229-LEVELS.parquet");
        Assert.Equal(_duck.CountRows(levels), byName["ARROW-RS-GH-6229-LEVELS.parquet"].Footer!.RowCount);
    }

    [Fact]
    public async Task ReadAsync_PathWithQuoteAndSpace_IsBoundNotSpliced()
    {
        var folder = Path.Combine(_temp.Path, "it's a \"dir\"");
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "x'; DROP TABLE t; --.parquet");
        File.Copy(Path.Combine(TestPaths.ParquetData, "nulls.snappy.parquet"), copy);

        var result = await _reader.ReadAsync(copy);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(_duck.CountRows(copy), result.Footer!.RowCount);
    }
}
