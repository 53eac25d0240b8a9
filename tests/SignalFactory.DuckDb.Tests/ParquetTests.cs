namespace SignalFactory.DuckDb.Tests;

public class ParquetTests
{
    [Fact]
    public void CopyTo_ThenReadParquet_RoundTripsRows()
    {
        using var temp = new TempDirectory();
        using var db = new MemoryDb();
        var file = temp.File("numbers.parquet");

        db.Connection.Execute(
            $"COPY (SELECT range AS id, 'name ' || range AS name FROM range(1000)) TO {SqlText.Literal(file)} (FORMAT parquet)");
        using var result = db.Connection.Query(
            "SELECT count(*), sum(id), max(name), typeof(any_value(id)) FROM read_parquet($1)", file);

        Assert.True(File.Exists(file));
        Assert.True(result.Read());
        Assert.Equal(1000L, result.GetInt64(0));
        Assert.Equal(999L * 1000 / 2, result.GetDecimal(1)); // sum over 0..999
        Assert.Equal("name 999", result.GetString(2));       // string order: "name 999" sorts last
        Assert.Equal("BIGINT", result.GetString(3));
    }

    [Fact]
    public void ReadParquet_ListOfFilesAsOneParameter_ReadsAllFiles()
    {
        using var temp = new TempDirectory();
        using var db = new MemoryDb();
        var files = WriteFiles(db, temp, (10, "a"), (20, "b"), (5, "c"));

        // The answer the profiler needs: a file list binds as one VARCHAR[] parameter of read_parquet.
        var count = db.Connection.ExecuteScalar<long>("SELECT count(*) FROM read_parquet($1)", files);

        Assert.Equal(10L + 20 + 5, count);
    }

    [Fact]
    public async Task QueryAsync_ListOfFilesAsTheParameterList_BindsOneListParameter()
    {
        using var temp = new TempDirectory();
        using var db = new MemoryDb();
        var files = WriteFiles(db, temp, (2, "a"), (3, "b"));

        // string[] converts to IReadOnlyList<object?>; it still means one VARCHAR[] parameter, not two parameters.
        using var result = await db.Connection.QueryAsync("SELECT count(*) FROM read_parquet($1)", files, CancellationToken.None);

        Assert.True(result.Read());
        Assert.Equal(5L, result.GetInt64(0));
    }

    [Fact]
    public void ReadParquet_ListParameterWithFilename_AttributesRowsToFiles()
    {
        using var temp = new TempDirectory();
        using var db = new MemoryDb();
        var files = WriteFiles(db, temp, (3, "a"), (4, "b"));

        using var result = db.Connection.Query(
            "SELECT filename, count(*) FROM read_parquet($1, filename = true) GROUP BY filename ORDER BY filename", files);

        var rows = result.Rows().Select(r => ((string)r[0]!, (long)r[1]!)).ToList();
        Assert.Equal([(files[0], 3L), (files[1], 4L)], rows);
    }

    [Fact]
    public void ParquetMetadata_ListOfFilesAsOneParameter_DescribesEachFile()
    {
        using var temp = new TempDirectory();
        using var db = new MemoryDb();
        var files = WriteFiles(db, temp, (10, "a"), (20, "b"), (5, "c"));

        var described = db.Connection.ExecuteScalar<long>("SELECT count(DISTINCT file_name) FROM parquet_metadata($1)", files);
        var rowGroupRows = db.Connection.ExecuteScalar<long>(
            "SELECT sum(row_group_num_rows) FROM (SELECT DISTINCT file_name, row_group_id, row_group_num_rows FROM parquet_metadata($1))",
            files);
        var fileRows = db.Connection.ExecuteScalar<long>("SELECT sum(num_rows) FROM parquet_file_metadata($1)", files);

        Assert.Equal(3L, described);
        Assert.Equal(35L, rowGroupRows);
        Assert.Equal(35L, fileRows);
    }

    [Fact]
    public void ReadParquet_SharedAllTypesPlain_ReturnsTheFooterRowCount()
    {
        var file = Path.Combine(TestPaths.TestData, "parquet", "data", "alltypes_plain.parquet");
        var footerRows = ParquetFooter.ReadNumRows(file);
        using var db = new MemoryDb();

        using var result = db.Connection.Query("SELECT * FROM read_parquet($1)", file);
        var rows = result.Rows().ToList();

        Assert.Equal(8L, footerRows); // parquet-testing documents 8 rows for this file
        Assert.Equal(footerRows, rows.Count);
        Assert.Equal(11, result.ColumnCount);
        var ids = rows.Select(r => (int)r[result.GetOrdinal("id")]!).Order();
        Assert.Equal(Enumerable.Range(0, 8), ids);
    }

    private static string[] WriteFiles(MemoryDb db, TempDirectory temp, params (int Rows, string Name)[] files)
    {
        var paths = new string[files.Length];
        for (var i = 0; i < files.Length; i++)
        {
            paths[i] = temp.File(files[i].Name + ".parquet");
            db.Connection.Execute(
                $"COPY (SELECT range AS id FROM range({files[i].Rows})) TO {SqlText.Literal(paths[i])} (FORMAT parquet)");
        }

        return paths;
    }
}
