using System.Text.Json;
using SignalFactory.Storage.Delta;

namespace SignalFactory.Storage.Tests.Delta;

/// <summary>Small hand-written logs for protocol cases the shared tables do not cover.</summary>
public sealed class DeltaTableReaderSyntheticLogTests : IDisposable
{
    private readonly DeltaTestFolder _temp = new();
    private readonly DeltaTableReader _reader = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => CancellationToken.None;

    private DeltaLogBuilder NewTable(string name = "t") => new(Path.Combine(_temp.Path, name));

    [Theory]
    [InlineData(2, null, "name")]
    [InlineData(2, null, "id")]
    [InlineData(3, "columnMapping", "name")]
    public async Task ReadSnapshotAsync_ColumnMapping_MapsPhysicalNamesToLogical(int readerVersion, string? feature, string mode)
    {
        var log = NewTable();
        var schema = """
            {"type":"struct","fields":[
              {"name":"country","type":"string","nullable":true,"metadata":{"delta.columnMapping.id":1,"delta.columnMapping.physicalName":"col-c1"}},
              {"name":"amount","type":"long","nullable":false,"metadata":{"delta.columnMapping.id":2,"delta.columnMapping.physicalName":"col-a2"}},
              {"name":"info","type":{"type":"struct","fields":[
                {"name":"city","type":"string","nullable":true,"metadata":{"delta.columnMapping.id":4,"delta.columnMapping.physicalName":"col-i4"}}]},
               "nullable":true,"metadata":{"delta.columnMapping.id":3,"delta.columnMapping.physicalName":"col-s3"}}]}
            """.ReplaceLineEndings("");
        var stats = """{"numRecords":7,"nullCount":{"col-a2":0,"col-s3":{"col-i4":2}},"minValues":{"col-a2":5},"maxValues":{"col-a2":9}}""";
        log.Commit(
            0,
            DeltaLogBuilder.Protocol(readerVersion, feature is null ? 5 : 7, feature is null ? null : [feature], feature is null ? null : [feature]),
            DeltaLogBuilder.Metadata(schema, ["country"], new() { ["delta.columnMapping.mode"] = mode }),
            DeltaLogBuilder.Add("col-c1=DE/part-0.parquet", new() { ["col-c1"] = "DE" }, stats));

        var snapshot = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Equal(mode == "id" ? DeltaColumnMappingMode.Id : DeltaColumnMappingMode.Name, snapshot.Metadata.ColumnMappingMode);
        Assert.Equal(["country", "amount", "info"], snapshot.Metadata.Schema.Select(f => f.Name));
        Assert.Equal(["col-c1", "col-a2", "col-s3"], snapshot.Metadata.Schema.Select(f => f.PhysicalName));
        Assert.Equal([1, 2, 3], snapshot.Metadata.Schema.Select(f => f.FieldId ?? -1));
        Assert.False(snapshot.Metadata.Schema[1].Nullable);
        Assert.Equal("struct<city:string>", snapshot.Metadata.Schema[2].Type);
        var file = Assert.Single(snapshot.ActiveFiles);
        Assert.Equal("DE", file.PartitionValues["country"]);
        Assert.Equal(7, file.Stats!.NumRecords);
        Assert.Equal(2, file.Stats.NullCount!.Value.GetProperty("info").GetProperty("city").GetInt64());
        Assert.Equal(5, file.Stats.MinValues!.Value.GetProperty("amount").GetInt64());
        Assert.Equal(9, file.Stats.MaxValues!.Value.GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task ReadSnapshotAsync_ColumnMappingModeWithoutProtocolSupport_IsIgnored()
    {
        // On reader version 1 the table property must not be honoured: the names are the physical names.
        var log = NewTable();
        log.Commit(
            0,
            DeltaLogBuilder.Protocol(1, 2),
            DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long")), configuration: new() { ["delta.columnMapping.mode"] = "name" }),
            DeltaLogBuilder.Add("part-0.parquet", stats: """{"numRecords":1,"minValues":{"a":1}}"""));

        var snapshot = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Equal(DeltaColumnMappingMode.None, snapshot.Metadata.ColumnMappingMode);
        Assert.Equal("a", snapshot.Metadata.Schema.Single().PhysicalName);
        Assert.Equal(1, snapshot.ActiveFiles.Single().Stats!.MinValues!.Value.GetProperty("a").GetInt64());
    }

    [Fact]
    public async Task ReadSnapshotAsync_ColumnMappingWithoutPhysicalName_NamesTheColumn()
    {
        var log = NewTable();
        log.Commit(
            0,
            DeltaLogBuilder.Protocol(2, 5),
            DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long")), configuration: new() { ["delta.columnMapping.mode"] = "name" }));

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct));

        Assert.Contains("column 'a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("physicalName", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshotAsync_ReaderVersion4_IsRefused()
    {
        var log = NewTable();
        log.Commit(0, DeltaLogBuilder.Protocol(4, 7), DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))));

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct));

        Assert.Equal(["readerVersion 4"], ex.UnsupportedFeatures);
        Assert.Contains("readerVersion 4", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deletionVectors")]
    [InlineData("typeWidening")]
    [InlineData("variantType")]
    [InlineData("catalogManaged")]
    public async Task ReadSnapshotAsync_UnsupportedReaderFeature_IsRefusedNamingIt(string feature)
    {
        var log = NewTable();
        log.Commit(
            0,
            DeltaLogBuilder.Protocol(3, 7, ["timestampNtz", feature, "vacuumProtocolCheck"], ["timestampNtz", feature]),
            DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))));

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct));

        Assert.Equal([feature], ex.UnsupportedFeatures);
        Assert.Contains($"requires reader feature '{feature}', which this reader does not support", ex.Message, StringComparison.Ordinal);
        Assert.Contains(log.TableRoot, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshotAsync_SupportedReaderFeatures_AreAccepted()
    {
        var log = NewTable();
        log.Commit(
            0,
            DeltaLogBuilder.Protocol(3, 7, ["timestampNtz", "vacuumProtocolCheck", "v2Checkpoint"], ["timestampNtz", "vacuumProtocolCheck", "v2Checkpoint", "appendOnly"]),
            DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "timestamp_ntz"))),
            DeltaLogBuilder.Add("part-0.parquet"));

        var snapshot = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Equal(["timestampNtz", "vacuumProtocolCheck", "v2Checkpoint"], snapshot.Protocol.ReaderFeatures);
        Assert.Single(snapshot.ActiveFiles);
    }

    [Fact]
    public async Task ReadSnapshotAsync_DeletionVectorOnOldProtocol_IsRefusedNamingFeatureAndFile()
    {
        var log = NewTable();
        log.Commit(
            0,
            DeltaLogBuilder.Protocol(),
            DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))),
            DeltaLogBuilder.Add("part-0.parquet", deletionVector: new { storageType = "u", pathOrInlineDv = "ab^-aqEH.-t@S}K{vb[*k^", offset = 4, sizeInBytes = 40, cardinality = 6 }));

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct));

        Assert.Equal(["deletionVectors"], ex.UnsupportedFeatures);
        Assert.Contains("part-0.parquet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshotAsync_RemoveThenAddAgain_KeepsNewestState()
    {
        var log = NewTable();
        log.Commit(0, DeltaLogBuilder.Protocol(), DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))), DeltaLogBuilder.Add("a.parquet"), DeltaLogBuilder.Add("b.parquet"));
        log.Commit(1, DeltaLogBuilder.Remove("a.parquet"));
        log.Commit(2, DeltaLogBuilder.Add("a.parquet", stats: """{"numRecords":3}"""));

        // Within one commit, a re-add of a removed file (a stats-only recommit) keeps the file.
        log.Commit(3, DeltaLogBuilder.Add("b.parquet", stats: """{"numRecords":4}"""), DeltaLogBuilder.Remove("b.parquet"));

        var v1 = await _reader.ReadSnapshotAsync(log.TableRoot, 1, Ct);
        var v3 = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Equal(["b.parquet"], v1.ActiveFiles.Select(f => f.Path));
        Assert.Equal(["a.parquet", "b.parquet"], v3.ActiveFiles.Select(f => f.Path));
        Assert.Equal([2L, 3L], v3.ActiveFiles.Select(f => f.AddedInVersion ?? -1));
        Assert.Equal(7, v3.NumRecords);
    }

    [Fact]
    public async Task ReadSnapshotAsync_EncodedAndAbsolutePaths_ResolveToTheSameFile()
    {
        var log = NewTable();
        var elsewhere = Path.Combine(_temp.Path, "other dir", "x.parquet");
        log.Commit(
            0,
            DeltaLogBuilder.Protocol(),
            DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))),
            DeltaLogBuilder.Add("sub%20dir/a%2Bb.parquet"),
            DeltaLogBuilder.Add("file://" + elsewhere.Replace(" ", "%20", StringComparison.Ordinal)),
            DeltaLogBuilder.Add("file:" + Path.Combine(_temp.Path, "third.parquet")));

        // A remove that spells the same file differently still removes it.
        log.Commit(1, DeltaLogBuilder.Remove("file:" + Path.Combine(log.TableRoot, "sub dir", "a+b.parquet")));

        var v0 = await _reader.ReadSnapshotAsync(log.TableRoot, 0, Ct);
        var v1 = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Equal(
            new[] { Path.Combine(log.TableRoot, "sub dir", "a+b.parquet"), elsewhere, Path.Combine(_temp.Path, "third.parquet") }.Order(StringComparer.Ordinal),
            v0.ActiveFiles.Select(f => f.AbsolutePath).Order(StringComparer.Ordinal));
        Assert.Equal(2, v1.ActiveFiles.Count);
        Assert.DoesNotContain(v1.ActiveFiles, f => f.Path.StartsWith("sub", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadSnapshotAsync_EmptyOrMissingPartitionValue_IsNull()
    {
        var log = NewTable();
        log.Commit(
            0,
            DeltaLogBuilder.Protocol(),
            DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("p", "string"), ("a", "long")), ["p"]),
            DeltaLogBuilder.Add("p=__HIVE_DEFAULT_PARTITION__/0.parquet", new() { ["p"] = "" }),
            DeltaLogBuilder.Add("p=__HIVE_DEFAULT_PARTITION__/1.parquet", new()),
            DeltaLogBuilder.Add("p=x/2.parquet", new() { ["p"] = "x" }));

        var snapshot = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        var partitions = snapshot.GetPartitions();
        Assert.Equal(2, partitions.Count);
        Assert.Null(partitions[0].Values["p"]);
        Assert.Equal(2, partitions[0].FileCount);
        Assert.Equal("x", partitions[1].Values["p"]);
    }

    [Fact]
    public async Task ReadSnapshotAsync_UnknownActionsAndFields_AreIgnored()
    {
        var log = NewTable();
        log.Commit(
            0,
            DeltaLogBuilder.Protocol(),
            DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))),
            new { txn = new { appId = "app", version = 3 } },
            new { domainMetadata = new { domain = "delta.x", configuration = "{}", removed = false } },
            new { cdc = new { path = "_change_data/c.parquet", partitionValues = new { }, size = 1, dataChange = false } },
            new { somethingNew = new { x = 1 } },
            new { add = new { path = "a.parquet", partitionValues = new { }, size = 5, modificationTime = 1, dataChange = true, futureField = "y" } });

        var snapshot = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Equal(["a.parquet"], snapshot.ActiveFiles.Select(f => f.Path));
    }

    [Fact]
    public async Task ReadSnapshotAsync_InCommitTimestamp_WinsOverTimestamp()
    {
        var log = NewTable();
        log.Commit(
            0,
            new { commitInfo = new { timestamp = 1000, inCommitTimestamp = 2000, operation = "WRITE", executionTimeMs = 42 } },
            DeltaLogBuilder.Protocol(),
            DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))));
        log.Commit(1, new { commitInfo = new { timestamp = 3000, operation = "OPTIMIZE", operationMetrics = new { executionTimeMs = "77", numAddedFiles = "1" } } });

        var snapshot = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(2000), snapshot.Commits[0].Timestamp);
        Assert.Equal(42, snapshot.Commits[0].ExecutionTimeMs);
        Assert.Equal(77, snapshot.Commits[1].ExecutionTimeMs);
        Assert.Equal("OPTIMIZE", snapshot.Commits[1].Operation);
    }

    [Fact]
    public async Task ReadSnapshotAsync_UuidJsonCheckpoint_ReplacesEarlierCommits()
    {
        var log = NewTable();
        var protocol = DeltaLogBuilder.Protocol(3, 7, ["v2Checkpoint"], ["v2Checkpoint"]);
        var metadata = DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long")));
        log.Commit(5, DeltaLogBuilder.Add("c.parquet"));
        log.WriteLines(
            Path.Combine(log.LogDirectory, "00000000000000000005.checkpoint.3a0d65cd-4056-49b8-937b-95f9e3ee90e5.json"),
            new { checkpointMetadata = new { version = 5 } },
            protocol,
            metadata,
            DeltaLogBuilder.Add("b.parquet"),
            DeltaLogBuilder.Add("c.parquet"),
            DeltaLogBuilder.Remove("a.parquet"));
        log.Commit(6, DeltaLogBuilder.Remove("b.parquet"), DeltaLogBuilder.Add("d.parquet"));

        var snapshot = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Equal(5, snapshot.CheckpointVersion);
        Assert.Equal(["c.parquet", "d.parquet"], snapshot.ActiveFiles.Select(f => f.Path));
        Assert.Equal([null, 6L], snapshot.ActiveFiles.Select(f => f.AddedInVersion));
        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(log.TableRoot, 4, Ct));
        Assert.Contains("no commit 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshotAsync_CheckpointForOtherVersion_IsSkipped()
    {
        var log = NewTable();
        log.Commit(0, DeltaLogBuilder.Protocol(3, 7, ["v2Checkpoint"], ["v2Checkpoint"]), DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))), DeltaLogBuilder.Add("a.parquet"));
        log.Commit(1, DeltaLogBuilder.Add("b.parquet"));
        log.WriteLines(
            Path.Combine(log.LogDirectory, "00000000000000000001.checkpoint.016ae953-37a9-438e-8683-9a9a4a79a395.json"),
            new { checkpointMetadata = new { version = 9 } },
            DeltaLogBuilder.Add("wrong.parquet"));

        var snapshot = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Null(snapshot.CheckpointVersion);
        Assert.Equal(["a.parquet", "b.parquet"], snapshot.ActiveFiles.Select(f => f.Path));
    }

    [Fact]
    public async Task ReadSnapshotAsync_IncompleteMultiPartCheckpoint_IsIgnored()
    {
        var log = NewTable();
        log.Commit(0, DeltaLogBuilder.Protocol(), DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))), DeltaLogBuilder.Add("a.parquet"));
        log.Commit(1, DeltaLogBuilder.Add("b.parquet"));
        File.WriteAllText(Path.Combine(log.LogDirectory, "00000000000000000001.checkpoint.0000000001.0000000002.parquet"), "not parquet");
        File.WriteAllText(Path.Combine(log.LogDirectory, "_last_checkpoint"), """{"version":1,"size":3,"parts":2}""");

        var snapshot = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Null(snapshot.CheckpointVersion);
        Assert.Equal(2, snapshot.ActiveFiles.Count);
    }

    [Fact]
    public async Task ReadSnapshotAsync_CorruptLastCheckpointFile_FallsBackToListing()
    {
        var log = NewTable();
        log.Commit(0, DeltaLogBuilder.Protocol(), DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))), DeltaLogBuilder.Add("a.parquet"));
        File.WriteAllText(Path.Combine(log.LogDirectory, "_last_checkpoint"), "{\"version\":");

        var snapshot = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Equal(0, snapshot.Version);
    }

    [Fact]
    public async Task ReadSnapshotAsync_NoMetadataAction_SaysLogIsIncomplete()
    {
        var log = NewTable();
        log.Commit(0, DeltaLogBuilder.Protocol(), DeltaLogBuilder.Add("a.parquet"));

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct));

        Assert.Contains("no metaData action", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshotAsync_PartitionColumnNotInSchema_NamesIt()
    {
        var log = NewTable();
        log.Commit(0, DeltaLogBuilder.Protocol(), DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long")), ["nope"]));

        var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct));

        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshotAsync_FileUriRoot_IsAccepted()
    {
        var log = NewTable("with space");
        log.Commit(0, DeltaLogBuilder.Protocol(), DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))), DeltaLogBuilder.Add("a.parquet"));

        var snapshot = await _reader.ReadSnapshotAsync(new Uri(log.TableRoot).AbsoluteUri, ct: Ct);

        Assert.Equal(log.TableRoot, snapshot.TableRoot);
        Assert.Equal(Path.Combine(log.TableRoot, "a.parquet"), snapshot.ActiveFiles.Single().AbsolutePath);
    }

    [Fact]
    public async Task ReadSnapshotAsync_MalformedStats_AreTreatedAsMissing()
    {
        var log = NewTable();
        log.Commit(0, DeltaLogBuilder.Protocol(), DeltaLogBuilder.Metadata(DeltaLogBuilder.Schema(("a", "long"))), DeltaLogBuilder.Add("a.parquet", stats: "{not json"));

        var snapshot = await _reader.ReadSnapshotAsync(log.TableRoot, ct: Ct);

        Assert.Null(snapshot.ActiveFiles.Single().Stats);
        Assert.Null(snapshot.NumRecords);
    }

    [Fact]
    public void DeltaActionParser_StatsAsObject_IsKeptAsJson()
    {
        var action = DeltaActionParser.ParseLine("""{"add":{"path":"a","partitionValues":{},"size":1,"modificationTime":2,"dataChange":true,"stats_parsed":{"numRecords":3}}}""");

        var add = Assert.IsType<AddFileAction>(action);
        using var doc = JsonDocument.Parse(add.StatsJson!);
        Assert.Equal(3, doc.RootElement.GetProperty("numRecords").GetInt64());
    }
}
