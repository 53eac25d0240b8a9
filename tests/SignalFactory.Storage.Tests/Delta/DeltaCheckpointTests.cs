using System.Text.Json;
using SignalFactory.Storage.Delta;

namespace SignalFactory.Storage.Tests.Delta;

/// <summary>
/// Parquet checkpoints (classic, multi-part, V2 with sidecars) read through DuckDB. Where a test must prove the
/// checkpoint was used, it deletes the commits the checkpoint replaces from a temp copy; the expected files always
/// come from the test's own JSON replay of the untouched shared table.
/// </summary>
public sealed class DeltaCheckpointTests : IClassFixture<DuckDbFixture>, IDisposable
{
    private readonly DuckDbFixture _duck;
    private readonly DeltaTableReader _reader;
    private readonly DeltaTestFolder _temp = new();

    public DeltaCheckpointTests(DuckDbFixture duck)
    {
        _duck = duck;
        _reader = new DeltaTableReader(duck.Connection);
    }

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task ReadSnapshotAsync_CheckpointWithoutEarlierCommits_ReadsTheCheckpoint()
    {
        var table = TestPaths.DeltaTable("checkpoint_with_partitions");

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Equal(2, snapshot.Version);
        Assert.Equal(2, snapshot.CheckpointVersion);
        Assert.Equal(["color"], snapshot.Metadata.PartitionColumns);
        Assert.Equal(["8ac7d8e1-daab-48ef-9d05-ec22fb4b0d2f", "f62d8868-d952-4f9d-8bb2-fd4e011ebf36"], snapshot.ActiveFiles.Select(f => f.Path));
        Assert.Null(snapshot.ActiveFiles[0].PartitionValues["color"]);
        Assert.Equal("red", snapshot.ActiveFiles[1].PartitionValues["color"]);
        Assert.All(snapshot.ActiveFiles, f => Assert.Null(f.AddedInVersion));
        Assert.Equal([2L], snapshot.Commits.Select(c => c.Version));
    }

    [Fact]
    public async Task ReadSnapshotAsync_ClassicCheckpointAtLatest_UsesCheckpointOnly()
    {
        var original = TestPaths.DeltaTable("simple_table_with_checkpoint");
        var table = _temp.CopyOf(original);
        DeleteCommits(table, 0, 9);

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Equal(10, snapshot.Version);
        Assert.Equal(10, snapshot.CheckpointVersion);
        AssertSameFiles(ReferenceReplay.Replay(original, 10), snapshot);
        var commit = Assert.Single(snapshot.Commits);
        Assert.Equal(10, commit.Version);
        Assert.Equal("WRITE", commit.Operation);
        Assert.Equal("1", commit.OperationMetrics["numOutputRows"]);
    }

    [Fact]
    public async Task ReadSnapshotAsync_CheckpointPlusLaterCommit_ReplaysOnlyTheLaterCommit()
    {
        var table = TestPaths.DeltaTable("latest_not_checkpointed");

        var latest = await _reader.ReadSnapshotAsync(table, ct: Ct);
        var atCheckpoint = await _reader.ReadSnapshotAsync(table, 2, Ct);

        Assert.Equal((3L, 2L), (latest.Version, latest.CheckpointVersion!.Value));
        AssertSameFiles(ReferenceReplay.Replay(table, 3), latest);
        Assert.Equal([3L], latest.Commits.Select(c => c.Version));
        Assert.Equal(3, latest.ActiveFiles.Single().AddedInVersion);
        Assert.Equal(2, atCheckpoint.CheckpointVersion);
        AssertSameFiles(ReferenceReplay.Replay(table, 2), atCheckpoint);
    }

    [Fact]
    public async Task ReadSnapshotAsync_OlderThanCheckpoint_TimeTravelsThroughJson()
    {
        var table = TestPaths.DeltaTable("simple_table_with_checkpoint");

        var v4 = await _reader.ReadSnapshotAsync(table, 4, Ct);

        Assert.Null(v4.CheckpointVersion);
        AssertSameFiles(ReferenceReplay.Replay(table, 4), v4);
    }

    [Fact]
    public async Task ReadSnapshotAsync_NoLastCheckpointFile_FindsCheckpointByListing()
    {
        var table = TestPaths.DeltaTable("with_checkpoint_no_last_checkpoint");
        Assert.False(File.Exists(Path.Combine(table, "_delta_log", "_last_checkpoint")));

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Equal(2, snapshot.CheckpointVersion);
        AssertSameFiles(ReferenceReplay.Replay(table, 3), snapshot);
    }

    [Fact]
    public async Task ReadSnapshotAsync_LastCheckpointPointsAtMissingCheckpoint_FallsBackToListing()
    {
        var table = _temp.CopyOf(TestPaths.DeltaTable("latest_not_checkpointed"));
        File.Delete(Path.Combine(table, "_delta_log", "00000000000000000002.checkpoint.parquet"));

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Null(snapshot.CheckpointVersion);
        AssertSameFiles(ReferenceReplay.Replay(table, 3), snapshot);
    }

    [Fact]
    public async Task ReadSnapshotAsync_StaleLastCheckpoint_UsesNewerCheckpointFromListing()
    {
        // _last_checkpoint says 2; the test writes a checkpoint for version 3 (the version-2 checkpoint with its
        // single add swapped for the file version 3 added), then deletes commits 0-3 so only the new one can work.
        var original = TestPaths.DeltaTable("latest_not_checkpointed");
        var table = _temp.CopyOf(original);
        var log = Path.Combine(table, "_delta_log");
        var v3Add = ReadAddLine(Path.Combine(log, ReferenceReplay.CommitName(3)));
        _duck.Connection.Execute(
            $"COPY (SELECT * REPLACE (CASE WHEN add IS NULL THEN NULL ELSE struct_pack(path := {Literal(v3Add.GetProperty("path").GetString()!)}, "
            + "partitionValues := add.partitionValues, size := " + v3Add.GetProperty("size").GetInt64() + "::BIGINT, "
            + "modificationTime := add.modificationTime, dataChange := add.dataChange, tags := add.tags, "
            + $"stats := {Literal(v3Add.GetProperty("stats").GetString()!)}) END AS add) "
            + $"FROM read_parquet({Literal(Path.Combine(log, "00000000000000000002.checkpoint.parquet"))}) WHERE remove IS NULL) "
            + $"TO {Literal(Path.Combine(log, "00000000000000000003.checkpoint.parquet"))} (FORMAT parquet)");
        DeleteCommits(table, 0, 3);

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Equal(3, snapshot.CheckpointVersion);
        AssertSameFiles(ReferenceReplay.Replay(original, 3), snapshot);
        Assert.Equal(5, snapshot.NumRecords);
    }

    [Fact]
    public async Task ReadSnapshotAsync_MultiPartCheckpoint_ReadsAllParts()
    {
        var original = TestPaths.DeltaTable("simple_table_with_checkpoint");
        var table = _temp.CopyOf(original);
        var log = Path.Combine(table, "_delta_log");
        var classic = Path.Combine(log, "00000000000000000010.checkpoint.parquet");
        _duck.Connection.Execute(
            $"COPY (SELECT * FROM read_parquet({Literal(classic)}) WHERE add IS NULL) TO {Literal(Path.Combine(log, "00000000000000000010.checkpoint.0000000001.0000000002.parquet"))} (FORMAT parquet);"
            + $"COPY (SELECT * FROM read_parquet({Literal(classic)}) WHERE add IS NOT NULL) TO {Literal(Path.Combine(log, "00000000000000000010.checkpoint.0000000002.0000000002.parquet"))} (FORMAT parquet);");
        File.Delete(classic);
        File.WriteAllText(Path.Combine(log, "_last_checkpoint"), """{"version":10,"size":13,"parts":2}""");
        DeleteCommits(table, 0, 9);

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Equal(10, snapshot.CheckpointVersion);
        AssertSameFiles(ReferenceReplay.Replay(original, 10), snapshot);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("parquet")]
    public async Task ReadSnapshotAsync_V2CheckpointWithSidecars_ReadsTheSidecars(string format)
    {
        var original = TestPaths.DeltaTable("simple_table_with_checkpoint");
        var table = _temp.CopyOf(original);
        var log = Path.Combine(table, "_delta_log");
        var classic = Path.Combine(log, "00000000000000000010.checkpoint.parquet");
        Directory.CreateDirectory(Path.Combine(log, "_sidecars"));
        string[] sidecars = ["016ae953-37a9-438e-8683-9a9a4a79a395.parquet", "7d17ac10-5cc3-401b-bd1a-9c82dd2ea032.parquet"];
        _duck.Connection.Execute(
            $"COPY (SELECT add FROM read_parquet({Literal(classic)}) WHERE add IS NOT NULL ORDER BY add.path LIMIT 4) TO {Literal(Path.Combine(log, "_sidecars", sidecars[0]))} (FORMAT parquet);"
            + $"COPY (SELECT add FROM read_parquet({Literal(classic)}) WHERE add IS NOT NULL ORDER BY add.path OFFSET 4) TO {Literal(Path.Combine(log, "_sidecars", sidecars[1]))} (FORMAT parquet);");
        var checkpoint = Path.Combine(log, $"00000000000000000010.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.{format}");
        if (format == "json")
        {
            var metadata = _duck.Connection.ExecuteScalar<string>($"SELECT to_json(metaData) FROM read_parquet({Literal(classic)}) WHERE metaData IS NOT NULL")!;
            File.WriteAllLines(checkpoint, [
                """{"checkpointMetadata":{"version":10,"tags":{}}}""",
                """{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["v2Checkpoint"],"writerFeatures":["v2Checkpoint"]}}""",
                "{\"metaData\":" + metadata + "}",
                .. sidecars.Select(s => "{\"sidecar\":{\"path\":\"" + s + "\",\"sizeInBytes\":1,\"modificationTime\":1,\"tags\":{}}}"),
            ]);
        }
        else
        {
            _duck.Connection.Execute(
                "COPY (SELECT {'minReaderVersion': 3, 'minWriterVersion': 7, 'readerFeatures': ['v2Checkpoint'], 'writerFeatures': ['v2Checkpoint']} AS protocol, "
                + "NULL AS metaData, NULL AS sidecar, NULL AS checkpointMetadata "
                + $"UNION ALL BY NAME SELECT metaData FROM read_parquet({Literal(classic)}) WHERE metaData IS NOT NULL "
                + string.Concat(sidecars.Select(s => $"UNION ALL BY NAME SELECT {{'path': {Literal(s)}, 'sizeInBytes': 1::BIGINT, 'modificationTime': 1::BIGINT}} AS sidecar ")) // one row per sidecar
                + "UNION ALL BY NAME SELECT {'version': 10::BIGINT} AS checkpointMetadata) "
                + $"TO {Literal(checkpoint)} (FORMAT parquet)");
        }

        File.Delete(classic);
        DeleteCommits(table, 0, 9);

        var snapshot = await _reader.ReadSnapshotAsync(table, ct: Ct);

        Assert.Equal(10, snapshot.CheckpointVersion);
        Assert.Equal(["v2Checkpoint"], snapshot.Protocol.ReaderFeatures);
        AssertSameFiles(ReferenceReplay.Replay(original, 10), snapshot);
    }

    [Fact]
    public async Task ReadSnapshotAsync_MissingSidecar_NamesItWhenNoOtherWayExists()
    {
        var table = _temp.CopyOf(TestPaths.DeltaTable("simple_table_with_checkpoint"));
        var log = Path.Combine(table, "_delta_log");
        File.WriteAllLines(Path.Combine(log, "00000000000000000010.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.json"), [
            """{"checkpointMetadata":{"version":10}}""",
            """{"sidecar":{"path":"gone.parquet","sizeInBytes":1,"modificationTime":1}}""",
        ]);
        File.Delete(Path.Combine(log, "00000000000000000010.checkpoint.parquet"));
        DeleteCommits(table, 0, 9);

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(table, ct: Ct));

        Assert.Contains("gone.parquet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshotAsync_CorruptCheckpoint_FallsBackToJsonOrNamesTheFile()
    {
        var original = TestPaths.DeltaTable("simple_table_with_checkpoint");
        var table = _temp.CopyOf(original);
        File.WriteAllText(Path.Combine(table, "_delta_log", "00000000000000000010.checkpoint.parquet"), "not a parquet file");

        var fallback = await _reader.ReadSnapshotAsync(table, ct: Ct);
        DeleteCommits(table, 0, 9);
        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(table, ct: Ct));

        Assert.Null(fallback.CheckpointVersion);
        AssertSameFiles(ReferenceReplay.Replay(original, 10), fallback);
        Assert.Contains("00000000000000000010.checkpoint.parquet", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertSameFiles(Dictionary<string, ReferenceReplay.ActiveAdd> expected, DeltaSnapshot snapshot) =>
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), snapshot.ActiveFiles.Select(f => f.Path));

    private static void DeleteCommits(string table, long from, long to)
    {
        for (var v = from; v <= to; v++)
        {
            File.Delete(Path.Combine(table, "_delta_log", ReferenceReplay.CommitName(v)));
        }
    }

    private static JsonElement ReadAddLine(string commit)
    {
        var line = File.ReadLines(commit).Single(l => l.StartsWith("{\"add\"", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.GetProperty("add").Clone();
    }

    // Test-only: COPY ... TO needs its target as a literal; every path here is a temp path the test made.
    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
