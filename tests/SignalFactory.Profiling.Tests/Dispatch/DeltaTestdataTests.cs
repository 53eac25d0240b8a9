using SignalFactory.DuckDb;
using SignalFactory.Profiling.Dispatch;
using SignalFactory.Profiling.Tests.Dispatch.Support;

namespace SignalFactory.Profiling.Tests.Dispatch;

/// <summary>
/// Every Delta table of <c>../shared/testdata/delta</c> either profiles with per-partition row counts equal to the
/// test's own counts (its own log replay, DuckDB count(*) per active file), or fails with an error that names why:
/// the unsupported reader feature, or the data file that is missing from the copy.
/// </summary>
public sealed class DeltaTestdataTests : IDisposable
{
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();
    private readonly DuckDbConnection _connection;

    public DeltaTestdataTests() => _connection = _database.Connect();

    public static TheoryData<string> Tables() =>
        [.. Directory.GetDirectories(TestData.Delta).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task ProfileAsync_EveryTestTable_CountsMatchTheFilesOrFailureNamesTheCause(string table)
    {
        var root = Path.Combine(TestData.Delta, table);
        var reference = ReferenceDeltaLog.Read(root, _connection);
        var manifest = Profiles.Delta(root);
        var unsupported = reference.ReaderFeatures.Where(f => f is not ("columnMapping" or "timestampNtz" or "v2Checkpoint" or "vacuumProtocolCheck")).ToList();
        var missing = reference.ActiveFiles.Where(f => !File.Exists(f.Path)).ToList();

        if (reference.MinReaderVersion > 3 || unsupported.Count > 0)
        {
            var ex = await Assert.ThrowsAsync<DatasetProfilingException>(() => Profiles.RunAsync(manifest, Profiles.Options(lookback: 10_000)));
            Assert.Equal(ProfilingFailure.UnsupportedFeature, ex.Failure);
            Assert.All(unsupported, f => Assert.Contains($"'{f}'", ex.Message, StringComparison.Ordinal));
            return;
        }

        if (missing.Count == reference.ActiveFiles.Count && missing.Count > 0)
        {
            var ex = await Assert.ThrowsAsync<DatasetProfilingException>(() => Profiles.RunAsync(manifest, Profiles.Options(lookback: 10_000)));
            // A log-only copy: the error names the table, how many files the log lists and the first missing one.
            Assert.Equal(ProfilingFailure.Unreadable, ex.Failure);
            Assert.Contains($"'{root}'", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"references {missing.Count} active data file(s) and none of them is on disk", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"(first missing: '{missing.Select(m => m.Path).Order(StringComparer.Ordinal).First()}')", ex.Message, StringComparison.Ordinal);
            return;
        }

        var outcome = await Profiles.RunAsync(manifest, Profiles.Options(lookback: 10_000));

        var expected = reference.ActiveFiles
            .Where(f => File.Exists(f.Path))
            .GroupBy(f => ReferenceDeltaLog.Label(reference.PartitionColumns, f.PartitionValues), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(f => CountRows(f.Path)), StringComparer.Ordinal);
        var actual = outcome.ScannedPartitions.ToDictionary(p => p.Partition, p => p.RowCount, StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (label, rows) in expected)
        {
            Assert.Equal(rows, actual[label]);
        }

        Assert.Equal(expected.Values.Sum(), outcome.Baseline.ProfilingMetadata.TotalRowsSampled);
        if (reference.PartitionColumns.Count > 0)
        {
            var recorded = outcome.Baseline.PartitionRowCounts.ToDictionary(p => p.Partition, p => p.RowCount, StringComparer.Ordinal);
            Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), recorded.OrderBy(e => e.Key, StringComparer.Ordinal));
        }
        else
        {
            Assert.Empty(outcome.Baseline.PartitionRowCounts);
            Assert.Equal("NO_HISTORY", outcome.Baseline.ProfilingMetadata.SyntheticReason);
        }
    }

    [Fact]
    public async Task ProfileAsync_EmptyTable_SyntheticWithNoDataWarning()
    {
        var root = Path.Combine(TestData.Delta, "delta-0.8-empty");
        Assert.Empty(ReferenceDeltaLog.Read(root, _connection).ActiveFiles);

        var outcome = await Profiles.RunAsync(Profiles.Delta(root));

        Assert.True(outcome.Baseline.ProfilingMetadata.IsSynthetic);
        Assert.Equal("NO_HISTORY", outcome.Baseline.ProfilingMetadata.SyntheticReason);
        Assert.Contains(outcome.Warnings, w => w.Code == "NO_DATA_FILES");
    }

    [Fact]
    public async Task ProfileAsync_UnreadableDeltaLog_FailsNamingTheLog()
    {
        using var temp = new TempDir();
        var root = temp.CopyTree(Path.Combine(TestData.Delta, "simple_table"), "simple_table");
        File.WriteAllText(Path.Combine(root, "_delta_log", "00000000000000000002.json"), "{ this is not json\n");

        var ex = await Assert.ThrowsAsync<DatasetProfilingException>(() => Profiles.RunAsync(Profiles.Delta(root)));

        Assert.Equal(ProfilingFailure.Unreadable, ex.Failure);
        Assert.Contains("00000000000000000002.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileAsync_NotADeltaTable_FailsClearly()
    {
        using var temp = new TempDir();
        var ex = await Assert.ThrowsAsync<DatasetProfilingException>(() => Profiles.RunAsync(Profiles.Delta(temp.Path)));

        Assert.Equal(ProfilingFailure.Unreadable, ex.Failure);
        Assert.Contains("_delta_log", ex.Message, StringComparison.Ordinal);
    }

    private long CountRows(string path) => _connection.ExecuteScalar<long>("SELECT count(*) FROM read_parquet($1)", path);

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }
}
