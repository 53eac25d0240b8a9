using System.Globalization;
using SignalFactory.DuckDb;
using SignalFactory.Profiling.Engine;

namespace SignalFactory.Profiling.Tests.Engine;

/// <summary>
/// Every file of <c>../shared/testdata/parquet/data</c> (encodings, codecs, nested types, decimals, INT96, NaN
/// statistics) profiles, and agrees with plain per-column queries; a file whose footer DuckDB cannot read
/// (map_no_value.parquet) is profiled from our own footer parser's reading.
/// </summary>
public sealed class SharedParquetTests : IDisposable
{
    private readonly TestDuckDb _duck = new();

    public static TheoryData<string> DataFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(EngineTestData.ParquetData, "*.parquet").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public async Task ProfileAsync_SharedFile_ProfilesOrSkipsWithReason(string name)
    {
        var file = Path.Combine(EngineTestData.ParquetData, name);
        var readable = TryDescribe(file, out var columns, out var rows);

        if (!readable && FooterRows(file) is { } footerRows)
        {
            // The footer reads but the data does not decode (Hadoop LZ4, BYTE_STREAM_SPLIT on integers): footer facts only.
            var fromFooter = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(file));
            var undecoded = Assert.Single(fromFooter.UndecodedFiles);
            Assert.Equal((file, footerRows), (undecoded.Path, undecoded.RowCount));
            Assert.Empty(fromFooter.SkippedFiles);
            Assert.Equal((footerRows, 0L), (fromFooter.TotalRows, fromFooter.RowsScanned));
            Assert.Equal(columns.Select(c => c.Name), fromFooter.Columns.Select(c => c.Name));
            Assert.Equal(columns.Select(c => c.Type), fromFooter.Columns.Select(c => c.DuckDbType));
            Assert.All(fromFooter.Columns, c => Assert.Null(c.DistinctSample));
            Assert.All(fromFooter.Columns, c => Assert.Null(c.Histogram));
            foreach (var column in fromFooter.Columns.Where(c => c.DuckDbType is "INTEGER" or "BIGINT"))
            {
                // Integer footer statistics are the values themselves: min/max straight from parquet_metadata.
                var sql = "SELECT CAST({0}(CAST({1} AS BIGINT)) AS VARCHAR) FROM parquet_metadata($1) WHERE path_in_schema = $2";
                Assert.Equal(_duck.Text(string.Format(CultureInfo.InvariantCulture, sql, "min", "stats_min_value"), file, column.Name), column.Min);
                Assert.Equal(_duck.Text(string.Format(CultureInfo.InvariantCulture, sql, "max", "stats_max_value"), file, column.Name), column.Max);
            }

            return;
        }

        if (!readable && name == "map_no_value.parquet")
        {
            // DuckDB cannot read this footer (a MAP whose key_value has no value field); our own parser does. Facts by
            // hand from the footer bytes: 3 rows in one row group; three REQUIRED columns; no chunk statistics.
            var ours = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(file));
            var undecoded = Assert.Single(ours.UndecodedFiles);
            Assert.Equal((file, 3L), (undecoded.Path, undecoded.RowCount));
            Assert.StartsWith("DuckDB cannot read the footer (", undecoded.Reason, StringComparison.Ordinal);
            Assert.Empty(ours.SkippedFiles);
            Assert.Equal((3L, 0L), (ours.TotalRows, ours.RowsScanned));
            Assert.Equal(
                ["my_map MAP(INTEGER, INTEGER) False", "my_map_no_v INTEGER[] False", "my_list INTEGER[] False"],
                ours.Columns.Select(c => $"{c.Name} {c.DuckDbType} {c.Nullable}"));
            Assert.All(ours.Columns, c => Assert.False(c.StatisticsKnown));
            return;
        }

        if (!readable)
        {
            var error = await Assert.ThrowsAsync<ProfilingException>(() => new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(file)));
            var skipped = Assert.Single(error.SkippedFiles);
            Assert.Equal(file, skipped.Path);
            Assert.False(string.IsNullOrWhiteSpace(skipped.Reason));
            return;
        }

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(file));

        Assert.Equal(rows, result.TotalRows);
        Assert.Equal(rows, result.RowsScanned);
        Assert.Equal(columns.Select(c => c.Name), result.Columns.Select(c => c.Name));
        foreach (var (column, type) in columns)
        {
            var profile = result.Column(column);
            var (nulls, min, max) = _duck.Column([file], column);
            Assert.Equal(type, profile.DuckDbType);
            Assert.Equal(nulls, profile.NullCount);
            if (profile.Kind != ScanColumnKind.Nested)
            {
                Assert.Equal((min, max), (profile.Min, profile.Max));
            }

            if (profile.Kind == ScanColumnKind.String)
            {
                Assert.NotNull(profile.DistinctSample);
                Assert.Equal(profile.DistinctSample!.Distinct(StringComparer.Ordinal).Count(), profile.DistinctSample!.Count);
            }
        }
    }

    [Fact]
    public async Task ProfileAsync_RequiredFields_AreNotNullable()
    {
        // nested_maps.snappy.parquet: a is OPTIONAL, b and c are REQUIRED in the footer.
        var file = Path.Combine(EngineTestData.ParquetData, "nested_maps.snappy.parquet");

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(file));

        Assert.True(result.Column("a").Nullable);
        Assert.False(result.Column("b").Nullable);
        Assert.False(result.Column("c").Nullable);
    }

    [Fact]
    public async Task ProfileAsync_TruncatedBinaryStatistics_MinMaxFromTheValues()
    {
        // The footer's min/max of these columns are truncated; the profile must show the real values.
        var file = Path.Combine(EngineTestData.ParquetData, "binary_truncated_min_max.parquet");

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(file));

        foreach (var column in result.Columns)
        {
            var (nulls, min, max) = _duck.Column([file], column.Name);
            Assert.Equal((nulls, min, max), (column.NullCount, column.Min, column.Max));
        }
    }

    public void Dispose() => _duck.Dispose();

    private long? FooterRows(string file)
    {
        try
        {
            return _duck.Scalar("SELECT CAST(sum(row_group_num_rows) AS BIGINT) FROM (SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata($1))", file);
        }
        catch (DuckDbException)
        {
            return null;
        }
    }

    private bool TryDescribe(string file, out List<(string Name, string Type)> columns, out long rows)
    {
        columns = [];
        rows = 0;
        try
        {
            using (var result = _duck.Connection.Query("SELECT * FROM read_parquet($1, hive_partitioning = false) LIMIT 0", file))
            {
                for (var i = 0; i < result.ColumnCount; i++)
                {
                    columns.Add((result.GetName(i), result.GetTypeName(i)));
                }
            }
        }
        catch (DuckDbException)
        {
            return false;
        }

        try
        {

            // Fetches every row of every column, so every data page is decoded (count(*) would read none).
            using var all = _duck.Connection.Query("SELECT * FROM read_parquet($1, hive_partitioning = false)", file);
            while (all.Read())
            {
                rows++;
            }
            return true;
        }
        catch (DuckDbException)
        {
            return false;
        }
    }
}
