using System.Text.Json;
using SignalFactory.Storage.Delta;

namespace SignalFactory.Storage.Tests.Delta;

/// <summary>Reads the shared test tables through their JSON logs (no DuckDB needed).</summary>
public sealed class DeltaTableReaderLogTests : IDisposable
{
    private readonly DeltaTestFolder _temp = new();
    private readonly DeltaTableReader _reader = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task ReadSnapshotAsync_NullPartition_GivesNullValue()
    {
        var table = TestPaths.DeltaTable("delta-0.8.0-null-partition");

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Equal(["k"], snapshot.Metadata.PartitionColumns);
        var partitions = snapshot.GetPartitions();
        Assert.Equal(2, partitions.Count);
        Assert.Null(partitions[0].Values["k"]);
        Assert.Equal("A", partitions[1].Values["k"]);
        Assert.Contains("k=__HIVE_DEFAULT_PARTITION__", partitions[0].Files.Single().Path, StringComparison.Ordinal);
        Assert.All(snapshot.ActiveFiles, f => Assert.True(File.Exists(f.AbsolutePath), f.AbsolutePath));
    }

    [Fact]
    public async Task ReadSnapshotAsync_SpecialCharacterPartition_DecodesPathsAndKeepsValues()
    {
        var table = TestPaths.DeltaTable("delta-0.8.0-special-partition");

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Equal(["A/A", "B B"], snapshot.GetPartitions().Select(p => p.Values["x"]));

        // The log holds x=A%252FA/...: decoding once gives the folder name on disk, x=A%2FA.
        var slash = snapshot.ActiveFiles.Single(f => f.PartitionValues["x"] == "A/A");
        Assert.StartsWith("x=A%252FA/", slash.Path, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(table, "x=A%2FA"), Path.GetDirectoryName(slash.AbsolutePath));
        Assert.All(snapshot.ActiveFiles, f => Assert.True(File.Exists(f.AbsolutePath), f.AbsolutePath));
    }

    [Fact]
    public async Task ReadSnapshotAsync_NumericPartitions_KeepsValuesAsWritten()
    {
        var table = TestPaths.DeltaTable("delta-0.8.0-numeric-partition");

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Equal(["x", "y"], snapshot.Metadata.PartitionColumns);
        var values = snapshot.GetPartitions().Select(p => (p.Values["x"], p.Values["y"])).ToList();
        Assert.Equal([("10", "10.0"), ("9", "9.9")], values);
        Assert.All(snapshot.ActiveFiles, f => Assert.True(File.Exists(f.AbsolutePath), f.AbsolutePath));
    }

    [Fact]
    public async Task ReadSnapshotAsync_TmpFolderInLog_IsIgnored()
    {
        var table = TestPaths.DeltaTable("simple_table");
        Assert.True(File.Exists(Path.Combine(table, "_delta_log", ".tmp", ReferenceReplay.CommitName(5))));

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);
        var latest = await _reader.ReadLatestVersionAsync(table, Ct);

        Assert.Equal(4, snapshot.Version);
        Assert.Equal(4, latest);
        var expected = ReferenceReplay.Replay(table, 4).Keys.Order(StringComparer.Ordinal);
        Assert.Equal(expected, snapshot.ActiveFiles.Select(f => f.Path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ReadSnapshotAsync_OlderVersion_GivesThatVersionsFiles(long version)
    {
        var table = TestPaths.DeltaTable("simple_table");

        var snapshot = await _reader.ReadSnapshotAsync(table, version, Ct);

        Assert.Equal(version, snapshot.Version);
        var expected = ReferenceReplay.Replay(table, version).Keys.Order(StringComparer.Ordinal);
        Assert.Equal(expected, snapshot.ActiveFiles.Select(f => f.Path));
        Assert.Equal(Enumerable.Range(0, (int)version + 1).Select(v => (long)v), snapshot.Commits.Select(c => c.Version));
    }

    [Fact]
    public async Task ReadSnapshotAsync_CommitInfo_ParsesTimestampOperationAndMetrics()
    {
        var table = TestPaths.DeltaTable("latest_not_checkpointed");
        var expected = new List<(long Timestamp, string Operation, Dictionary<string, string> Metrics)>();
        for (var v = 0; v <= 3; v++)
        {
            var line = File.ReadLines(Path.Combine(table, "_delta_log", ReferenceReplay.CommitName(v)))
                .Single(l => l.StartsWith("{\"commitInfo\"", StringComparison.Ordinal));
            using var doc = JsonDocument.Parse(line);
            var info = doc.RootElement.GetProperty("commitInfo");
            expected.Add((
                info.GetProperty("timestamp").GetInt64(),
                info.GetProperty("operation").GetString()!,
                info.GetProperty("operationMetrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)));
        }

        // A reader without DuckDB cannot use the Parquet checkpoint and replays the JSON commits instead.
        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Null(snapshot.CheckpointVersion);
        Assert.Equal(4, snapshot.Commits.Count);
        for (var v = 0; v <= 3; v++)
        {
            var commit = snapshot.Commits[v];
            Assert.Equal(v, commit.Version);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected[v].Timestamp), commit.Timestamp);
            Assert.Equal(expected[v].Operation, commit.Operation);
            Assert.Equal(expected[v].Metrics.OrderBy(kv => kv.Key), commit.OperationMetrics.OrderBy(kv => kv.Key).Select(kv => KeyValuePair.Create(kv.Key, kv.Value!)));
        }

        Assert.Equal("Apache-Spark/3.3.1 Delta-Lake/2.1.1", snapshot.Commits[3].EngineInfo);
        Assert.Equal(2, snapshot.Commits[3].ReadVersion);
    }

    [Fact]
    public async Task ReadSnapshotAsync_Stats_ParsesNumRecordsNullCountsAndBounds()
    {
        var table = TestPaths.DeltaTable("latest_not_checkpointed");
        var addLine = File.ReadLines(Path.Combine(table, "_delta_log", ReferenceReplay.CommitName(3)))
            .Single(l => l.StartsWith("{\"add\"", StringComparison.Ordinal));
        using var addDoc = JsonDocument.Parse(addLine);
        using var statsDoc = JsonDocument.Parse(addDoc.RootElement.GetProperty("add").GetProperty("stats").GetString()!);
        var stats = statsDoc.RootElement;

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        var file = Assert.Single(snapshot.ActiveFiles);
        Assert.NotNull(file.Stats);
        Assert.Equal(stats.GetProperty("numRecords").GetInt64(), file.Stats.NumRecords);
        Assert.Equal(stats.GetProperty("nullCount").GetProperty("letter").GetInt64(), file.Stats.NullCount!.Value.GetProperty("letter").GetInt64());
        Assert.Equal(stats.GetProperty("minValues").GetProperty("int").GetInt64(), file.Stats.MinValues!.Value.GetProperty("int").GetInt64());
        Assert.Equal(stats.GetProperty("maxValues").GetProperty("date").GetString(), file.Stats.MaxValues!.Value.GetProperty("date").GetString());
        Assert.Equal(3, file.AddedInVersion);
        Assert.Equal(file.Stats.NumRecords, snapshot.NumRecords);
    }

    [Fact]
    public async Task ReadSnapshotAsync_NestedStats_KeepsStructure()
    {
        var table = TestPaths.DeltaTable("checkpoints");

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Equal(12, snapshot.Version);
        Assert.All(snapshot.ActiveFiles, f =>
            Assert.Equal(0, f.Stats!.NullCount!.Value.GetProperty("some_struct").GetProperty("some_struct_member").GetInt64()));
        var someStruct = snapshot.Metadata.Schema.Single(f => f.Name == "some_struct");
        Assert.Equal("struct<some_struct_member:string,some_struct_timestamp:timestamp>", someStruct.Type);
        Assert.Equal(["some_struct_member", "some_struct_timestamp"], someStruct.Fields.Select(f => f.Name));
    }

    [Fact]
    public async Task ReadSnapshotAsync_StatslessFiles_HaveNullNumRecords()
    {
        var snapshot = await _reader.ReadSnapshotAsync(TestPaths.DeltaTable("simple_table"), ct: Ct);

        Assert.NotEmpty(snapshot.ActiveFiles);
        Assert.All(snapshot.ActiveFiles, f => Assert.Null(f.Stats?.NumRecords));
        Assert.Null(snapshot.NumRecords);
    }

    [Fact]
    public async Task ReadSnapshotAsync_EmptyTable_HasNoFiles()
    {
        var snapshot = await _reader.ReadSnapshotAsync(TestPaths.DeltaTable("delta-0.8-empty"), ct: Ct);

        Assert.Equal(1, snapshot.Version);
        Assert.Empty(snapshot.ActiveFiles);
        Assert.Empty(snapshot.GetPartitions());
        Assert.Equal(0, snapshot.NumRecords);
        Assert.Equal("DELETE", snapshot.Commits[1].Operation);
        Assert.Equal("2", snapshot.Commits[1].OperationMetrics["numRemovedFiles"]);
    }

    [Fact]
    public async Task ReadSnapshotAsync_TableWithUnsupportedReaderFeatures_IsRefusedNamingThem()
    {
        var table = TestPaths.DeltaTable("simple_table_features");

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(table, ct: Ct));

        // Its protocol: minReaderVersion 5 (no such version exists) and readerFeatures columnMapping, blahabl,
        // deletionVectors, timestampNtz, v2Checkpoint; all problems are named.
        Assert.Contains("readerVersion 5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'deletionVectors'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'blahabl'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'columnMapping'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(table, ex.Message, StringComparison.Ordinal);
        Assert.Equal(["readerVersion 5", "blahabl", "deletionVectors"], ex.UnsupportedFeatures);
    }

    [Fact]
    public async Task ReadSnapshotAsync_CheckpointWithoutEarlyCommitsAndNoDuckDb_ExplainsWhy()
    {
        var table = TestPaths.DeltaTable("checkpoint_with_partitions");

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(table, ct: Ct));

        Assert.Contains("no commit 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DuckDB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLatestVersionAsync_CheckpointOnlyHistory_GivesNewestVersion()
    {
        Assert.Equal(2, await _reader.ReadLatestVersionAsync(TestPaths.DeltaTable("checkpoint_with_partitions"), Ct));
        Assert.Equal(10, await _reader.ReadLatestVersionAsync(TestPaths.DeltaTable("simple_table_with_checkpoint"), Ct));
        Assert.Equal(3, await _reader.ReadLatestVersionAsync(TestPaths.DeltaTable("latest_not_checkpointed"), Ct));
    }

    [Fact]
    public async Task ReadSnapshotAsync_NotADeltaTable_SaysSo()
    {
        var folder = Path.Combine(_temp.Path, "plain");
        Directory.CreateDirectory(folder);

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(folder, ct: Ct));
        var latest = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadLatestVersionAsync(folder, Ct));

        Assert.Contains("no _delta_log", ex.Message, StringComparison.Ordinal);
        Assert.Contains(folder, ex.Message, StringComparison.Ordinal);
        Assert.Contains("no _delta_log", latest.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLatestVersionAsync_EmptyLog_GivesNull()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path, "t", "_delta_log"));

        Assert.Null(await _reader.ReadLatestVersionAsync(Path.Combine(_temp.Path, "t"), Ct));
        await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(Path.Combine(_temp.Path, "t"), ct: Ct));
    }

    [Fact]
    public async Task ReadSnapshotAsync_VersionAfterLatest_SaysWhichIsLatest()
    {
        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(TestPaths.DeltaTable("simple_table"), 7, Ct));

        Assert.Contains("version 7 does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("latest version is 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshotAsync_CorruptCommit_NamesFileAndLine()
    {
        var table = _temp.CopyOf(TestPaths.DeltaTable("simple_table"));
        var commit = Path.Combine(table, "_delta_log", ReferenceReplay.CommitName(2));
        var lines = File.ReadAllLines(commit).ToList();
        lines.Insert(3, "{\"add\":{\"path\":\"broken");
        File.WriteAllLines(commit, lines);

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(table, ct: Ct));

        Assert.Contains(ReferenceReplay.CommitName(2), ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains(table, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshotAsync_AddWithoutPath_NamesFileAndLine()
    {
        var table = _temp.CopyOf(TestPaths.DeltaTable("delta-0.8.0-null-partition"));
        var commit = Path.Combine(table, "_delta_log", ReferenceReplay.CommitName(0));
        File.AppendAllText(commit, "{\"add\":{\"size\":3}}\n");

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(table, ct: Ct));

        Assert.Contains("line 6", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'path'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshotAsync_MissingCommit_ReportsTheGap()
    {
        var table = _temp.CopyOf(TestPaths.DeltaTable("simple_table"));
        File.Delete(Path.Combine(table, "_delta_log", ReferenceReplay.CommitName(2)));

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(table, ct: Ct));
        var older = await _reader.ReadSnapshotAsync(table, 1, Ct);

        Assert.Contains("gap", ex.Message, StringComparison.Ordinal);
        Assert.Contains("version 2 is missing", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, older.Version);
    }

    [Fact]
    public async Task ReadSnapshotAsync_SeveralMissingCommits_ReportsTheRange()
    {
        var table = _temp.CopyOf(TestPaths.DeltaTable("simple_table"));
        File.Delete(Path.Combine(table, "_delta_log", ReferenceReplay.CommitName(2)));
        File.Delete(Path.Combine(table, "_delta_log", ReferenceReplay.CommitName(3)));

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(table, ct: Ct));

        Assert.Contains("versions 2 to 3 are missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshotAsync_CommitsNotStartingAtZeroWithoutCheckpoint_ReportsMissingHistory()
    {
        var table = _temp.CopyOf(TestPaths.DeltaTable("simple_table"));
        File.Delete(Path.Combine(table, "_delta_log", ReferenceReplay.CommitName(0)));

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(table, ct: Ct));

        Assert.Contains("no commit 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("earliest commit: 1", ex.Message, StringComparison.Ordinal);
    }
}
