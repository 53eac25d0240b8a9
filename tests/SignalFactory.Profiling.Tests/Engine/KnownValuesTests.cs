using SignalFactory.Profiling.Engine;

namespace SignalFactory.Profiling.Tests.Engine;

/// <summary>A small file whose every statistic is known from the rows written here.</summary>
public sealed class KnownValuesTests : IDisposable
{
    // Ten rows; expectations below are counted from these literals.
    private const string Rows = """
        SELECT * FROM (VALUES
            (1::BIGINT, 'ab',     1.50::DECIMAL(10,2), 0.5::DOUBLE,       true,  DATE '2026-01-03', ['a']),
            (2,         NULL,     2.00,                NULL,              false, DATE '2026-01-01', NULL),
            (3,         'héllo',  NULL,                'NaN'::DOUBLE,     NULL,  NULL,              []),
            (4,         '日本語', 10.25,               1.5,               true,  DATE '2026-01-09', ['b', 'c']),
            (5,         'ab',     -3.75,               'inf'::DOUBLE,     true,  DATE '2026-01-02', NULL),
            (6,         NULL,     0.00,                0.25,              false, DATE '2026-01-05', ['a']),
            (7,         'zz',     4.00,                1.0,               true,  NULL,              ['d']),
            (8,         'a',      NULL,                1.0,               NULL,  DATE '2026-01-04', ['e']),
            (9,         'ab',     NULL,                NULL,              false, DATE '2026-01-06', NULL),
            (10,        'xyz',    7.5,                 0.75,              true,  DATE '2026-01-07', ['f'])
        ) AS t(id, name, amount, ratio, flag, day, tags)
        """;

    private readonly EngineTempFolder _folder = new();
    private readonly TestDuckDb _duck = new();
    private readonly string _file;

    public KnownValuesTests()
    {
        _file = _folder.File("known.parquet");
        _duck.WriteParquet(Rows, _file);
    }

    [Fact]
    public async Task ProfileAsync_KnownRows_CountsEveryRowOnceInFullMode()
    {
        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(_file));

        Assert.Equal(10, result.TotalRows);
        Assert.Equal(10, result.RowsScanned);
        Assert.Equal(10, result.SketchRows);
        Assert.Equal(ScanModeKind.Full, result.Mode.Kind);
        Assert.Empty(result.SkippedFiles);
        Assert.Empty(result.Partitions);
        Assert.Equal(["id", "name", "amount", "ratio", "flag", "day", "tags"], result.Columns.Select(c => c.Name));
        Assert.All(result.Columns, c => Assert.Equal(10, c.RowCount));
    }

    [Fact]
    public async Task ProfileAsync_StringColumn_NullsMinMaxLengthsInCharactersAndDistinctValues()
    {
        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(_file));
        var name = result.Column("name");

        Assert.Equal(ScanColumnKind.String, name.Kind);
        Assert.Equal("VARCHAR", name.DuckDbType);
        Assert.Equal(2, name.NullCount);
        Assert.Equal(0.2, name.NullRate, 12);
        Assert.Equal("a", name.Min);
        Assert.Equal("日本語", name.Max); // UTF-8 byte order: U+65E5 sorts after ASCII
        Assert.Equal(new StringLengthProfile(1, 5, 20.0 / 8), name.StringLength); // 2+5+3+2+2+1+2+3 over 8 values
        Assert.Equal(6, name.ApproxDistinct);
        Assert.False(name.DistinctFromSample);
        Assert.Equal(["a", "ab", "héllo", "xyz", "zz", "日本語"], name.DistinctSample!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ProfileAsync_DecimalColumn_MinMaxAndEqualWidthHistogram()
    {
        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(_file));
        var amount = result.Column("amount");

        Assert.Equal(ScanColumnKind.Numeric, amount.Kind);
        Assert.Equal("DECIMAL(10,2)", amount.DuckDbType);
        Assert.Equal(3, amount.NullCount);
        Assert.Equal("-3.75", amount.Min);
        Assert.Equal("10.25", amount.Max);
        Assert.Null(amount.DistinctSample);
        Assert.Null(amount.StringLength);
        var histogram = amount.Histogram!;
        Assert.False(histogram.FromSample);
        Assert.Equal(11, histogram.Edges.Count);
        Assert.Equal(-3.75, histogram.Edges[0]);
        Assert.Equal(10.25, histogram.Edges[^1]);
        Assert.Equal(Bins([1.5, 2.0, 10.25, -3.75, 0.0, 4.0, 7.5], -3.75, 10.25, 10), histogram.Counts);
        Assert.Equal(7, histogram.Counts.Sum());
    }

    [Fact]
    public async Task ProfileAsync_DoubleWithNanAndInfinity_HistogramOverFiniteValuesOnly()
    {
        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(_file));
        var ratio = result.Column("ratio");
        var expected = _duck.Column([_file], "ratio");

        Assert.Equal(2, ratio.NullCount);
        Assert.Equal(expected.Min, ratio.Min);
        Assert.Equal(expected.Max, ratio.Max); // NaN sorts above every number in DuckDB
        Assert.Equal(0.25, ratio.Histogram!.Edges[0]);
        Assert.Equal(1.5, ratio.Histogram.Edges[^1]);
        Assert.Equal(Bins([0.5, 1.5, 0.25, 1.0, 1.0, 0.75], 0.25, 1.5, 10), ratio.Histogram.Counts);
    }

    [Fact]
    public async Task ProfileAsync_BooleanDateAndNestedColumns_KindsAndStatistics()
    {
        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(_file));

        var flag = result.Column("flag");
        Assert.Equal(ScanColumnKind.Boolean, flag.Kind);
        Assert.Equal((2L, "false", "true"), (flag.NullCount, flag.Min, flag.Max));
        Assert.Equal(2, flag.ApproxDistinct);
        Assert.Null(flag.Histogram);

        var day = result.Column("day");
        Assert.Equal(ScanColumnKind.Temporal, day.Kind);
        Assert.Equal((2L, "2026-01-01", "2026-01-09"), (day.NullCount, day.Min, day.Max));
        Assert.Equal(8, day.ApproxDistinct);

        var tags = result.Column("tags");
        Assert.Equal(ScanColumnKind.Nested, tags.Kind);
        Assert.Equal("VARCHAR[]", tags.DuckDbType);
        Assert.Equal(3, tags.NullCount);
        Assert.Null(tags.Min);
        Assert.Null(tags.Max);
        Assert.Null(tags.Histogram);
        Assert.Null(tags.DistinctSample);
        Assert.NotNull(tags.ApproxDistinct);
    }

    [Fact]
    public async Task ProfileAsync_ParquetWrittenByDuckDb_ColumnsAreNullable()
    {
        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(_file));

        Assert.All(result.Columns, c => Assert.True(c.Nullable));
    }

    [Fact]
    public async Task ProfileAsync_CallerSchema_OverridesNullability()
    {
        var request = ProfileAssertions.Request(_file) with
        {
            ColumnNullability = new Dictionary<string, bool> { ["id"] = false },
        };

        var result = await new DuckDbProfiler().ProfileAsync(request);

        Assert.False(result.Column("id").Nullable);
        Assert.True(result.Column("name").Nullable);
    }

    [Fact]
    public async Task ProfileAsync_ToString_HoldsNoDataValue()
    {
        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(_file));
        var text = result.Column("name").ToString();

        Assert.DoesNotContain("héllo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("日本語", text, StringComparison.Ordinal);
        Assert.Contains("name", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileAsync_SameInput_SameResult()
    {
        var first = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(_file));
        var second = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(_file));

        Assert.Equal(Describe(first), Describe(second));
    }

    public void Dispose()
    {
        _duck.Dispose();
        _folder.Dispose();
    }

    internal static string Describe(ProfileScanResult result) => string.Join("\n", result.Columns.Select(c =>
        $"{c.Name}|{c.DuckDbType}|{c.RowCount}|{c.NullCount}|{c.Min}|{c.Max}|{c.ApproxDistinct}|" +
        $"{string.Join(",", c.Histogram?.Counts ?? [])}|{c.StringLength}|{string.Join(",", c.DistinctSample ?? [])}"));

    /// <summary>The equal-width rule written out: bin = min(n − 1, ⌊(x − min) / (max − min) · n⌋).</summary>
    internal static long[] Bins(IEnumerable<double> values, double min, double max, int n)
    {
        var counts = new long[n];
        foreach (var x in values)
        {
            counts[(int)Math.Min(n - 1, Math.Floor((x - min) / (max - min) * n))]++;
        }

        return counts;
    }
}
