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

        var footer = error is null ? null : FooterFacts(path);
        if (error is not null && footer is null)
        {
            // DuckDB cannot even read the footer: only map_no_value.parquet (a MAP without a value field), whose
            // footer our own parser reads; its facts here are decoded by hand (see MapNoValueFooter).
            Assert.Equal("map_no_value.parquet", file);
            await AssertProfiledFromFooterAsync(path, MapNoValueFooter);
            return;
        }

        if (footer is not null)
        {
            await AssertProfiledFromFooterAsync(path, footer);
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
        var skipped = Assert.Single(outcome.Warnings, w => w.Code == "CORRUPT_FILE_SKIPPED");
        Assert.Equal(bad, skipped.File);
        if (badRead.Error is null)
        {
            // DuckDB decodes ARROW-RS-GH-6229 (to 1 row), but its one data page declares 21 values (byte 27 of the
            // file, 0x2a zigzag) in a column chunk of num_values 1: the page structure check skips it.
            Assert.Equal("ARROW-RS-GH-6229-LEVELS.parquet", badFile);
            Assert.Contains("hold 21 values in their headers, but the column chunk declares num_values 1", skipped.Message, StringComparison.Ordinal);
        }

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
    public async Task ProfileAsync_UndecodableFileInOnePartition_CountsStayExactAndConfidenceDrops()
    {
        using var temp = new TempDir();
        var good = Path.Combine(TestData.ParquetData, "lz4_raw_compressed.parquet");
        var lz4 = Path.Combine(TestData.ParquetData, "hadoop_lz4_compressed.parquet");
        Assert.NotNull(ReadEverything(lz4).Error);
        var goodRows = ReadEverything(good).Rows;
        var lz4Footer = FooterFacts(lz4)!;
        for (var day = 1; day <= 7; day++)
        {
            temp.CopyFile(good, $"events/dt=2026-01-0{day}/part-0.parquet");
        }

        var copy = temp.CopyFile(lz4, "events/dt=2026-01-03/part-1.parquet");

        var outcome = await Profiles.RunAsync(Profiles.Parquet(temp.Combine("events"), partitionKey: "dt"));

        var counts = outcome.Baseline.PartitionRowCounts.ToDictionary(p => p.Partition, p => p.RowCount, StringComparer.Ordinal);
        Assert.Equal(7, counts.Count);
        Assert.All(counts, kv => Assert.Equal(kv.Key == "2026-01-03" ? goodRows + lz4Footer.Rows : goodRows, kv.Value));
        var warning = Assert.Single(outcome.Warnings, w => w.Code == "DATA_NOT_DECODABLE");
        Assert.Equal((copy, "2026-01-03"), (warning.File, warning.Partition));
        Assert.DoesNotContain(outcome.Warnings, w => w.Code is "PARTITION_INCOMPLETE" or "CORRUPT_FILE_SKIPPED");
        var metadata = outcome.Baseline.ProfilingMetadata;
        Assert.Equal((7 * goodRows, "MEDIUM", false), (metadata.TotalRowsSampled, metadata.Confidence, metadata.IsSynthetic));
        var goodNulls = _connection.ExecuteScalar<long>("SELECT count(*) - count(v11) FROM read_parquet($1)", good);
        Assert.Equal((7 * goodNulls) + lz4Footer.Nulls["v11"], outcome.Baseline.ColumnProfiles["v11"].NullCount);
    }

    [Fact]
    public async Task ProfileAsync_EveryFileUndecodable_ProfilesFromFootersWithLowConfidence()
    {
        using var temp = new TempDir();
        var lz4 = Path.Combine(TestData.ParquetData, "hadoop_lz4_compressed.parquet");
        var footer = FooterFacts(lz4)!;
        for (var day = 1; day <= 3; day++)
        {
            temp.CopyFile(lz4, $"events/dt=2026-01-0{day}/part-0.parquet");
        }

        var outcome = await Profiles.RunAsync(Profiles.Parquet(temp.Combine("events"), partitionKey: "dt"));

        Assert.Equal(["2026-01-01", "2026-01-02", "2026-01-03"], outcome.Baseline.PartitionRowCounts.Select(p => p.Partition).Order(StringComparer.Ordinal));
        Assert.All(outcome.Baseline.PartitionRowCounts, p => Assert.Equal(footer.Rows, p.RowCount));
        Assert.Equal(3, outcome.Warnings.Count(w => w.Code == "DATA_NOT_DECODABLE"));
        Assert.Equal((0L, "LOW"), (outcome.Baseline.ProfilingMetadata.TotalRowsSampled, outcome.Baseline.ProfilingMetadata.Confidence));
        Assert.Equal(footer.Columns.Append("dt"), outcome.Baseline.Schema.Columns.Select(c => c.Name));
        Assert.Equal(3 * footer.Nulls["v11"], outcome.Baseline.ColumnProfiles["v11"].NullCount);
        var message = outcome.Warnings.First(w => w.Code == "DATA_NOT_DECODABLE").Message;
        Assert.Contains("LZ4", message, StringComparison.Ordinal); // the footer's codec name, a format word
        Assert.DoesNotContain(temp.Path, message, StringComparison.Ordinal); // the file is named, not its folder
    }

    [Fact]
    public async Task ProfileAsync_FooterOnlyOurParserReadsAmongGoodFiles_CountsExactAndSchemaUnited()
    {
        using var temp = new TempDir();
        var good = Path.Combine(TestData.ParquetData, "alltypes_plain.parquet");
        var goodRead = ReadEverything(good);
        for (var day = 1; day <= 3; day++)
        {
            temp.CopyFile(good, $"events/dt=2026-01-0{day}/part-0.parquet");
        }

        var copy = temp.CopyFile(Path.Combine(TestData.ParquetData, "map_no_value.parquet"), "events/dt=2026-01-02/part-1.parquet");

        var outcome = await Profiles.RunAsync(Profiles.Parquet(temp.Combine("events"), partitionKey: "dt"));

        var counts = outcome.Baseline.PartitionRowCounts.ToDictionary(p => p.Partition, p => p.RowCount, StringComparer.Ordinal);
        Assert.Equal(goodRead.Rows + MapNoValueFooter.Rows, counts["2026-01-02"]);
        Assert.Equal(goodRead.Rows, counts["2026-01-01"]);
        var warning = Assert.Single(outcome.Warnings, w => w.Code == "DATA_NOT_DECODABLE");
        Assert.Equal((copy, "2026-01-02"), (warning.File, warning.Partition));
        Assert.Contains("MAP_KEY_VALUE requires two children", warning.Message, StringComparison.Ordinal); // DuckDB's reason
        Assert.DoesNotContain(outcome.Warnings, w => w.Code is "CORRUPT_FILE_SKIPPED" or "PARTITION_INCOMPLETE");
        Assert.Equal(3 * goodRead.Rows, outcome.Baseline.ProfilingMetadata.TotalRowsSampled);
        var schema = outcome.Baseline.Schema.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Assert.Equal([.. goodRead.Columns, .. MapNoValueFooter.Columns, "dt"], outcome.Baseline.Schema.Columns.Select(c => c.Name));
        // The map without values is a list of its keys (see ParquetDuckDbTypes); the others as DuckDB types them.
        Assert.Equal(("MAP(INT, INT)", "INT[]", "INT[]"), (schema["my_map"].Type, schema["my_map_no_v"].Type, schema["my_list"].Type));
        // Columns the good files lack are nullable, as are the good files' columns the map file lacks.
        Assert.True(schema["my_map"].Nullable && schema["id"].Nullable);
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

    // A file whose data DuckDB cannot decode (a codec or encoding it lacks) profiles from its footer: exact rows,
    // the schema, footer null counts; a DATA_NOT_DECODABLE warning naming it, quoting no value; LOW confidence.
    private async Task AssertProfiledFromFooterAsync(string path, Footer footer)
    {
        var outcome = await Profiles.RunAsync(Profiles.Parquet(path));

        var metadata = outcome.Baseline.ProfilingMetadata;
        Assert.Equal([new ScannedPartition("", 1, footer.Rows)], outcome.ScannedPartitions);
        Assert.Equal(0, metadata.TotalRowsSampled);
        Assert.Equal("LOW", metadata.Confidence);
        Assert.Equal(footer.Columns, outcome.Baseline.Schema.Columns.Select(c => c.Name));
        var warning = Assert.Single(outcome.Warnings, w => w.Code == "DATA_NOT_DECODABLE");
        Assert.Equal(path, warning.File);
        Assert.StartsWith($"DATA_NOT_DECODABLE: {Path.GetFileName(path)}: ", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(outcome.Warnings, w => w.Code is "CORRUPT_FILE_SKIPPED" or "MISSING_FILE_SKIPPED");
        foreach (var (column, nulls) in footer.Nulls)
        {
            Assert.Equal(nulls, outcome.Baseline.ColumnProfiles[column].NullCount);
            Assert.Equal((double)nulls / footer.Rows, outcome.Baseline.ColumnProfiles[column].NullRate, 12);
        }

        Assert.Empty(outcome.Baseline.PiiScan.ColumnsScanned);
        Assert.All(outcome.Baseline.ColumnProfiles.Values, p => Assert.Null(p.Histogram));
        // The footer's statistics may be column profiles' min/max (allowed there), never part of a message.
        Assert.All(footer.Values.Where(v => v.Length >= 3), v => Assert.DoesNotContain(v, warning.Message, StringComparison.Ordinal));
    }

    /// <summary>
    /// map_no_value.parquet's footer, decoded by hand from its bytes (xxd): the footer is the 455 bytes (0x1c7, the
    /// little-endian length before the trailing PAR1) from offset 0x16a. Its schema list (header 0x19 0xbc: 11 structs)
    /// holds the root with 3 children, <c>my_map</c> (MAP: key_value {key, value}), <c>my_map_no_v</c> (MAP: key_value {key}
    /// only) and <c>my_list</c> (LIST: list {element}), all REQUIRED. Right after the schema's last element comes the
    /// field header 0x16 (id delta 1 → field 3, num_rows, i64) with the varint 0x06, zigzag for 3; the single row group
    /// (list header 0x1c: 1 struct) ends with 0x16 0xf6 0x04 (total_byte_size 315) and 0x16 0x06 (num_rows 3). No chunk
    /// carries statistics, so no null counts. Each chunk says num_values 9 (0x12 zigzag): 3 rows of 3 entries.
    /// </summary>
    private static readonly Footer MapNoValueFooter = new(3, ["my_map", "my_map_no_v", "my_list"], [], []);

    /// <summary>The test's own footer read: rows, top-level columns, null counts of flat columns, every statistics text.</summary>
    private sealed record Footer(long Rows, List<string> Columns, Dictionary<string, long> Nulls, List<string> Values);

    private Footer? FooterFacts(string path)
    {
        try
        {
            var rows = _connection.ExecuteScalar<long>("SELECT CAST(sum(row_group_num_rows) AS BIGINT) FROM (SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata($1))", path);
            var columns = new List<string>();
            using (var describe = _connection.Query("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet($1))", path))
            {
                while (describe.Read())
                {
                    columns.Add(describe.GetString(0));
                }
            }

            var nulls = new Dictionary<string, long>(StringComparer.Ordinal);
            var values = new List<string>();
            using var stats = _connection.Query(
                "SELECT path_in_schema, sum(stats_null_count), count(*) = count(stats_null_count), list(stats_min_value), list(stats_max_value) "
                + "FROM parquet_metadata($1) GROUP BY path_in_schema", path);
            while (stats.Read())
            {
                var column = stats.GetString(0);
                if (columns.Contains(column) && stats.GetBoolean(2))
                {
                    nulls[column] = stats.GetInt64(1);
                }

                foreach (var i in new[] { 3, 4 })
                {
                    values.AddRange(((object?[])stats.GetValue(i)!).OfType<string>());
                }
            }

            return new Footer(rows, columns, nulls, values);
        }
        catch (DuckDbException)
        {
            return null;
        }
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
