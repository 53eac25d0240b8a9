using SignalFactory.DuckDb;
using SignalFactory.Profiling.Dispatch;
using SignalFactory.Profiling.Tests.Dispatch.Support;

namespace SignalFactory.Profiling.Tests.Dispatch;

/// <summary>
/// Every file of <c>../shared/testdata/parquet/data</c> profiled as a one-file table, and every corrupt file of
/// <c>parquet/bad_data</c> placed among good files. Expectations come from the test's own DuckDB reads.
/// </summary>
public sealed class ParquetTestdataTests : IDisposable
{
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();
    private readonly DuckDbConnection _connection;

    public ParquetTestdataTests() => _connection = _database.Connect();

    public static TheoryData<string> DataFiles() =>
        [.. Directory.GetFiles(TestData.ParquetData, "*.parquet").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> BadFiles() =>
        [.. Directory.GetFiles(TestData.ParquetBadData, "*.parquet").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(DataFiles))]
    public async Task ProfileAsync_EveryDataFile_ProfilesWithItsRowsAndColumns(string file)
    {
        var path = Path.Combine(TestData.ParquetData, file);
        var (rows, columns, error) = ReadEverything(path);

        if (error is not null)
        {
            // DuckDB itself cannot read the file (e.g. a codec it lacks): the profile must fail and say why.
            var ex = await Assert.ThrowsAsync<DatasetProfilingException>(() => Profiles.RunAsync(Profiles.Parquet(path)));
            Assert.Equal(ProfilingFailure.Unreadable, ex.Failure);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            return;
        }

        var outcome = await Profiles.RunAsync(Profiles.Parquet(path));

        var metadata = outcome.Baseline.ProfilingMetadata;
        Assert.Equal(rows, metadata.TotalRowsSampled);
        Assert.Equal("full", metadata.ProfilingMode);
        Assert.Equal(columns, outcome.Baseline.Schema.Columns.Select(c => c.Name));
        Assert.Equal(columns.Count, outcome.Baseline.Schema.ColumnCount);
        Assert.Equal([new ScannedPartition("", 1, rows)], outcome.ScannedPartitions);
        Assert.Equal("NO_HISTORY", metadata.SyntheticReason);
        Assert.DoesNotContain(outcome.Warnings, w => w.Code is "CORRUPT_FILE_SKIPPED" or "MISSING_FILE_SKIPPED");
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ProfileAsync_CorruptFileAmongGoodOnes_SkippedWithWarningAndTheRestProfiled(string badFile)
    {
        using var temp = new TempDir();
        var good = Path.Combine(TestData.ParquetData, "alltypes_plain.parquet");
        var goodRead = ReadEverything(good);
        var table = temp.Combine("events");
        for (var day = 1; day <= 5; day++)
        {
            temp.CopyFile(good, $"events/dt=2026-01-0{day}/part-0.parquet");
        }

        var bad = temp.CopyFile(Path.Combine(TestData.ParquetBadData, badFile), "events/dt=2026-01-04/part-1.parquet");
        var badRead = ReadEverything(bad);

        var outcome = await Profiles.RunAsync(Profiles.Parquet(table, partitionKey: "dt"));

        var metadata = outcome.Baseline.ProfilingMetadata;
        if (badRead.Error is null)
        {
            // DuckDB decodes this one completely (ARROW-RS-GH-6229 is an arrow-rs reader bug): it is data, profiled as such.
            Assert.DoesNotContain(outcome.Warnings, w => w.Code == "CORRUPT_FILE_SKIPPED");
            Assert.Equal((5 * goodRead.Rows) + badRead.Rows, metadata.TotalRowsSampled);
            Assert.Equal(goodRead.Rows + badRead.Rows, outcome.Baseline.PartitionRowCounts.Single(p => p.Partition == "2026-01-04").RowCount);
            return;
        }

        var skipped = Assert.Single(outcome.Warnings, w => w.Code == "CORRUPT_FILE_SKIPPED");
        Assert.Equal(bad, skipped.File);
        Assert.Equal("2026-01-04", skipped.Partition);
        Assert.Contains(outcome.Warnings, w => w.Code == "PARTITION_INCOMPLETE" && w.Partition == "2026-01-04");
        Assert.Equal(5 * goodRead.Rows, metadata.TotalRowsSampled);
        Assert.False(metadata.IsSynthetic);
        Assert.Equal(
            ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-05"],
            outcome.Baseline.PartitionRowCounts.Select(p => p.Partition).Order(StringComparer.Ordinal));
        Assert.All(outcome.Baseline.PartitionRowCounts, p => Assert.Equal(goodRead.Rows, p.RowCount));
        Assert.Equal(goodRead.Columns.Append("dt"), outcome.Baseline.Schema.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task ProfileAsync_OnlyCorruptFiles_FailsNamingAFile()
    {
        using var temp = new TempDir();
        foreach (var bad in Directory.GetFiles(TestData.ParquetBadData, "*.parquet").Where(f => ReadEverything(f).Error is not null))
        {
            temp.CopyFile(bad, "broken/" + Path.GetFileName(bad));
        }

        var ex = await Assert.ThrowsAsync<DatasetProfilingException>(() => Profiles.RunAsync(Profiles.Parquet(temp.Combine("broken"))));

        Assert.Equal(ProfilingFailure.Unreadable, ex.Failure);
        Assert.Contains(temp.Combine("broken"), ex.Message, StringComparison.Ordinal);
    }

    // Reads every value of every column (not count(*), which a footer answers), so a file DuckDB cannot decode fails here.
    private (long Rows, List<string> Columns, string? Error) ReadEverything(string path)
    {
        try
        {
            var columns = new List<string>();
            using (var describe = _connection.Query("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet($1))", path))
            {
                while (describe.Read())
                {
                    columns.Add(describe.GetString(0));
                }
            }

            long rows = 0;
            // VARCHAR so that values the .NET side cannot hold (e.g. infinite timestamps) are still decoded by DuckDB.
            using var all = _connection.Query("SELECT COLUMNS(*)::VARCHAR FROM read_parquet($1)", path);
            while (all.Read())
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    _ = all.GetValue(i);
                }

                rows++;
            }

            return (rows, columns, null);
        }
        catch (DuckDbException ex)
        {
            return (0, [], ex.Message);
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }
}
