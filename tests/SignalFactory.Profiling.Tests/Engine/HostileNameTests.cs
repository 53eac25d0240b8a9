using SignalFactory.Profiling.Engine;

namespace SignalFactory.Profiling.Tests.Engine;

/// <summary>Column and partition names that would break SQL built by pasting are profiled like any other.</summary>
public sealed class HostileNameTests : IDisposable
{
    private static readonly string[] s_names =
    [
        "a\"; DROP TABLE x; --",
        "with space",
        "ünïcödé 列",
        "select",
        "from",
        "'single'",
        "filename",
        "Mixed.Case.Dots",
    ];

    private readonly EngineTempFolder _folder = new();
    private readonly TestDuckDb _duck = new();

    [Fact]
    public async Task ProfileAsync_HostileColumnNames_MatchPlainPerColumnQueries()
    {
        var files = WriteFiles(fileRowNumberColumn: false);

        var result = await new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(files));

        Assert.Equal(s_names, result.Columns.Select(c => c.Name));
        foreach (var name in s_names)
        {
            var (nulls, min, max) = _duck.Column(files, name);
            var column = result.Column(name);
            Assert.Equal(nulls, column.NullCount);
            Assert.Equal(min, column.Min);
            Assert.Equal(max, column.Max);
            Assert.Equal(3000, column.RowCount);
        }
    }

    [Fact]
    public async Task ProfileAsync_ColumnNamedFileRowNumber_SamplesWholeFiles()
    {
        // DuckDB cannot add file_row_number to a file with such a column: the sample then takes whole files.
        var files = WriteFiles(fileRowNumberColumn: true);
        var request = ProfileAssertions.Request(files) with { Mode = ScanMode.Sampled(0.4) };

        var result = await new DuckDbProfiler().ProfileAsync(request);

        Assert.Equal(ScanModeKind.Sampled, result.Mode.Kind);
        Assert.Equal(1000, result.RowsScanned); // one whole file of 1,000 rows for a 40 % sample of 3,000
        var column = result.Column("file_row_number");
        Assert.Equal(1000, column.RowCount);
        var first = long.Parse(column.Min!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(first, new long[] { 0, 1000, 2000 });
        Assert.Equal((first + 999).ToString(System.Globalization.CultureInfo.InvariantCulture), column.Max);
    }

    [Fact]
    public async Task ProfileAsync_HostilePartitionKey_LabelsAndProfilesIt()
    {
        var files = WriteFiles(fileRowNumberColumn: false);
        const string Key = "dt\"; DROP TABLE y; --";
        var request = new ProfileScanRequest
        {
            Files = [.. files.Select((f, i) => new ScanFile(f) { PartitionValues = new Dictionary<string, string?> { [Key] = $"2026-01-0{i + 1}" } })],
            PartitionColumns = [new PartitionColumn(Key, "DATE")],
            Threads = 2,
        };

        var result = await new DuckDbProfiler().ProfileAsync(request);

        var column = result.Column(Key);
        Assert.True(column.IsPartitionColumn);
        Assert.Equal("DATE", column.DuckDbType);
        Assert.Equal(("2026-01-01", "2026-01-03"), (column.Min, column.Max));
        Assert.Equal([$"{Key}=2026-01-01", $"{Key}=2026-01-02", $"{Key}=2026-01-03"], result.Partitions.Select(p => p.Label));
    }

    [Fact]
    public async Task ProfileAsync_PartitionTypeThatIsNotATypeName_IsRejected()
    {
        var files = WriteFiles(fileRowNumberColumn: false);
        var request = ProfileAssertions.Request(files) with
        {
            PartitionColumns = [new PartitionColumn("dt", "DATE); DROP TABLE x; --")],
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new DuckDbProfiler().ProfileAsync(request));
        Assert.Contains("dt", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _duck.Dispose();
        _folder.Dispose();
    }

    // Three files of 1,000 rows; every column has some nulls and distinct values of its own.
    private string[] WriteFiles(bool fileRowNumberColumn)
    {
        var names = fileRowNumberColumn ? [.. s_names, "file_row_number"] : s_names;
        var columns = names.Select((name, i) => i switch
        {
            0 => $"CASE WHEN r % 7 = 0 THEN NULL ELSE 'v' || (r % 13) END AS {Quote(name)}",
            1 => $"CASE WHEN r % 5 = 0 THEN NULL ELSE r * 3 END AS {Quote(name)}",
            8 => $"r AS {Quote(name)}",
            _ => $"CASE WHEN r % {i + 2} = 0 THEN NULL ELSE (r * {i + 1}) % 101 END AS {Quote(name)}",
        });
        var files = new string[3];
        for (var f = 0; f < files.Length; f++)
        {
            files[f] = _folder.File($"hostile-{fileRowNumberColumn}-{f}.parquet");
            _duck.WriteParquet($"SELECT {string.Join(", ", columns)} FROM (SELECT range AS r FROM range({f * 1000}, {(f + 1) * 1000}))", files[f]);
        }

        return files;
    }

    private static string Quote(string name) => SignalFactory.DuckDb.DuckDbSql.QuoteIdentifier(name);
}
