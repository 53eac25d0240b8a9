using System.Text;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Storage.Tests.Artifacts;

public sealed class LocalArtifactStoreTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _root;
    private readonly LocalArtifactStore _store;

    public LocalArtifactStoreTests()
    {
        _root = Path.Combine(_temp.Path, "store");
        _store = new LocalArtifactStore(_root);
    }

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task WriteAsync_NewKey_CreatesFileWithExactBytes()
    {
        var bytes = new byte[] { 0, 1, 2, 255, 10, 13 };

        await _store.WriteAsync("datasets/raw/orders/dataset.yaml", bytes, Ct);

        var onDisk = await File.ReadAllBytesAsync(Path.Combine(_root, "datasets", "raw", "orders", "dataset.yaml"), Ct);
        Assert.Equal(bytes, onDisk);
        Assert.Equal(bytes, await _store.ReadAsync("datasets/raw/orders/dataset.yaml", Ct));
    }

    [Fact]
    public async Task WriteAsync_ExistingKey_ReplacesContentAndLeavesNoTemporaryFile()
    {
        await _store.WriteAsync("a/b.txt", Encoding.UTF8.GetBytes("first version, longer than the second"), Ct);

        await _store.WriteAsync("a/b.txt", Encoding.UTF8.GetBytes("second"), Ct);

        Assert.Equal("second", Encoding.UTF8.GetString((await _store.ReadAsync("a/b.txt", Ct))!));
        Assert.Equal(["b.txt"], Directory.GetFiles(Path.Combine(_root, "a")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteAsync_CancelledBeforeWrite_KeepsOldContentAndLeavesNoTemporaryFile()
    {
        await _store.WriteAsync("a/b.txt", "old"u8.ToArray(), Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _store.WriteAsync("a/b.txt", "new"u8.ToArray(), cancelled.Token));

        Assert.Equal("old"u8.ToArray(), await _store.ReadAsync("a/b.txt", Ct));
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "a")));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWritersOfOneKey_LeaveOneCompleteVersion()
    {
        // Each writer's payload is distinct and large enough to span many disk blocks; a torn write would mix them.
        const int writers = 8;
        const int size = 256 * 1024;
        var payloads = Enumerable.Range(0, writers).Select(i => Enumerable.Repeat((byte)(i + 1), size).ToArray()).ToArray();
        using var start = new Barrier(writers);

        await Task.WhenAll(payloads.Select(payload => Task.Run(
            async () =>
            {
                start.SignalAndWait(Ct);
                for (var round = 0; round < 5; round++)
                {
                    await _store.WriteAsync("shared/key.bin", payload, Ct);
                }
            },
            Ct)));

        var final = await _store.ReadAsync("shared/key.bin", Ct);
        Assert.NotNull(final);
        Assert.Contains(payloads, p => p.AsSpan().SequenceEqual(final));
        Assert.Equal(["key.bin"], Directory.GetFiles(Path.Combine(_root, "shared")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ReadAsync_WhileAnotherTaskReplacesTheKey_AlwaysSeesAWholeVersion()
    {
        const int size = 128 * 1024;
        var a = Enumerable.Repeat((byte)'a', size).ToArray();
        var b = Enumerable.Repeat((byte)'b', size).ToArray();
        await _store.WriteAsync("k", a, Ct);

        var writer = Task.Run(
            async () =>
            {
                for (var i = 0; i < 200; i++)
                {
                    await _store.WriteAsync("k", i % 2 == 0 ? b : a, Ct);
                }
            },
            Ct);
        var reads = 0;
        while (!writer.IsCompleted || reads < 50)
        {
            var seen = await _store.ReadAsync("k", Ct);
            Assert.NotNull(seen);
            Assert.True(seen.AsSpan().SequenceEqual(a) || seen.AsSpan().SequenceEqual(b), "a reader saw a partial write");
            reads++;
        }

        await writer;
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("a/./b")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b")]
    [InlineData("..\\outside.txt")]
    [InlineData("C:/windows")]
    [InlineData("a//b")]
    [InlineData("a/b/")]
    [InlineData("")]
    [InlineData("a/\0b")]
    [InlineData("a/b.sf-tmp")]
    public async Task EveryOperation_UnsafeKey_ThrowsArgumentExceptionAndWritesNothing(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.WriteAsync(key, "x"u8.ToArray(), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.ReadAsync(key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.ExistsAsync(key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.DeleteAsync(key, Ct));

        Assert.False(File.Exists(Path.Combine(_temp.Path, "outside.txt")));
        Assert.False(Directory.Exists(_root) && Directory.EnumerateFileSystemEntries(_root).Any());
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/abs")]
    [InlineData("a\\")]
    public async Task ListAsync_UnsafePrefix_ThrowsArgumentException(string prefix)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.ListAsync(prefix, Ct));
    }

    [Fact]
    public async Task ListAsync_Prefixes_ReturnMatchingKeysInOrdinalOrder()
    {
        string[] keys = ["datasets/raw/orders/dataset.yaml", "datasets/raw/orders/dataset.yaml.v1", "datasets/raw/order_items/dataset.yaml",
            "datasets/curated/orders/dataset.yaml", "datasets/raw/.hidden", "top.txt"];
        foreach (var key in keys)
        {
            await _store.WriteAsync(key, "x"u8.ToArray(), Ct);
        }

        // A leftover temporary file from a crashed writer must not show up as an artifact.
        await File.WriteAllTextAsync(Path.Combine(_root, "datasets", "raw", "orders", "dataset.yaml.0123.sf-tmp"), "partial", Ct);

        Assert.Equal(
            ["datasets/curated/orders/dataset.yaml", "datasets/raw/.hidden", "datasets/raw/order_items/dataset.yaml",
                "datasets/raw/orders/dataset.yaml", "datasets/raw/orders/dataset.yaml.v1", "top.txt"],
            await _store.ListAsync("", Ct));
        Assert.Equal(
            ["datasets/raw/orders/dataset.yaml", "datasets/raw/orders/dataset.yaml.v1"],
            await _store.ListAsync("datasets/raw/orders/", Ct));
        Assert.Equal(
            ["datasets/raw/order_items/dataset.yaml", "datasets/raw/orders/dataset.yaml", "datasets/raw/orders/dataset.yaml.v1"],
            await _store.ListAsync("datasets/raw/order", Ct));
        Assert.Empty(await _store.ListAsync("nothing/here/", Ct));
    }

    [Fact]
    public async Task ExistsAndDelete_ExistingAndMissingKeys_ReportTruthfully()
    {
        await _store.WriteAsync("a/b", "x"u8.ToArray(), Ct);

        Assert.True(await _store.ExistsAsync("a/b", Ct));
        Assert.False(await _store.ExistsAsync("a", Ct));
        Assert.True(await _store.DeleteAsync("a/b", Ct));
        Assert.False(await _store.DeleteAsync("a/b", Ct));
        Assert.False(await _store.ExistsAsync("a/b", Ct));
        Assert.Null(await _store.ReadAsync("a/b", Ct));
        Assert.Null(await _store.ReadAsync("a", Ct));
    }
}
