using SignalFactory.Storage.Delta;
using SignalFactory.Storage.Hive;

namespace SignalFactory.Storage.Tests.Delta;

public sealed class DeltaRowCounterTests : IClassFixture<DuckDbFixture>
{
    private readonly DuckDbFixture _duck;
    private readonly DeltaTableReader _reader;

    public DeltaRowCounterTests(DuckDbFixture duck)
    {
        _duck = duck;
        _reader = new DeltaTableReader(duck.Connection);
    }

    [Fact]
    public async Task CountAsync_StatslessFiles_CountsFromFooters()
    {
        var table = TestPaths.DeltaTable("delta-0.8.0-null-partition");

        var snapshot = await _reader.ReadSnapshotAsync(table);
        var counts = await DeltaRowCounter.CountAsync(snapshot, new ParquetFooterReader(_duck.Connection));

        Assert.Equal(2, counts.Count);
        Assert.All(counts, c => Assert.Equal(c.FileCount, c.FilesCountedFromFooters));
        Assert.Equal(
            snapshot.GetPartitions().Select(p => p.Files.Sum(f => _duck.CountRows(f.AbsolutePath))),
            counts.Select(c => c.RowCount ?? -1));
    }

    [Fact]
    public async Task CountAsync_MissingStatslessFiles_ReportsThemAndNoCount()
    {
        // checkpoint_with_partitions is a log-only copy: its two files have no stats and are not on disk.
        var snapshot = await _reader.ReadSnapshotAsync(TestPaths.DeltaTable("checkpoint_with_partitions"));

        var counts = await DeltaRowCounter.CountAsync(snapshot, new ParquetFooterReader(_duck.Connection));

        Assert.All(counts, c => Assert.Null(c.RowCount));
        Assert.Equal(
            snapshot.ActiveFiles.Select(f => f.AbsolutePath).Order(StringComparer.Ordinal),
            counts.SelectMany(c => c.Failures).Select(f => f.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadSnapshotAsync_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _reader.ReadSnapshotAsync(TestPaths.DeltaTable("simple_table"), ct: cts.Token));
    }
}
