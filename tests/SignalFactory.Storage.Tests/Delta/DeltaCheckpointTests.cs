using SignalFactory.Storage.Delta;

namespace SignalFactory.Storage.Tests.Delta;

/// <summary>Parquet checkpoints (classic, multi-part, V2 with sidecars) read through DuckDB.</summary>
public sealed class DeltaCheckpointTests : IClassFixture<DuckDbFixture>, IDisposable
{
    private readonly DuckDbFixture _duck;
    private readonly DeltaTableReader _reader;
    private readonly TempFolder _temp = new();

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
    }
}
