using System.Text;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Store;
using SignalFactory.Profiling.Tests.Baselines;
using SignalFactory.Profiling.Tests.Dispatch.Support;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Profiling.Tests.Store;

public sealed class BaselineStoreTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly LocalArtifactStore _artifacts;
    private readonly BaselineStore _store;

    public BaselineStoreTests()
    {
        _artifacts = new LocalArtifactStore(_temp.Combine("artifacts"));
        _store = new BaselineStore(_artifacts);
    }

    [Fact]
    public async Task SaveAsync_FirstBaseline_WritesLatestAndVersionOneWithTheSameBytes()
    {
        var baseline = SampleBaselines.Small();

        var saved = await _store.SaveAsync(baseline, CancellationToken.None);

        Assert.Equal(1, saved.Version);
        Assert.True(saved.Created);
        var bytes = BaselineJson.Serialize(baseline);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(_temp.Combine("artifacts", "datasets", "curated", "orders", "baseline.json")));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(_temp.Combine("artifacts", "datasets", "curated", "orders", "baseline.json.history", "baseline.v1.json")));
    }

    [Fact]
    public async Task SaveAsync_Reprofile_NewHistoryEntryAndLatestReplaced()
    {
        var first = SampleBaselines.Small();
        var second = first with { ProfilingMetadata = first.ProfilingMetadata with { ProfiledAt = first.ProfilingMetadata.ProfiledAt.AddDays(1) } };

        await _store.SaveAsync(first, CancellationToken.None);
        var saved = await _store.SaveAsync(second, CancellationToken.None);

        Assert.Equal(2, saved.Version);
        Assert.Equal([1, 2], await _store.GetVersionsAsync(first.DatasetUrn, CancellationToken.None));
        var latest = await _store.GetLatestAsync(first.DatasetUrn, CancellationToken.None);
        Assert.Equal(2, latest!.Version);
        Assert.Equal(BaselineJson.Serialize(second), latest.Json);
        Assert.Equal(BaselineJson.Serialize(first), (await _store.GetVersionAsync(first.DatasetUrn, 1, CancellationToken.None))!.Json);
    }

    [Fact]
    public async Task SaveAsync_SameBytesAgain_NoNewEntry()
    {
        var baseline = SampleBaselines.Small();

        await _store.SaveAsync(baseline, CancellationToken.None);
        var again = await _store.SaveAsync(baseline, CancellationToken.None);

        Assert.False(again.Created);
        Assert.Equal(1, again.Version);
        Assert.Equal([1], await _store.GetVersionsAsync(baseline.DatasetUrn, CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_CrashAfterHistoryWrite_RetryRepairsTheLatest()
    {
        var first = SampleBaselines.Small();
        var second = first with { BootstrapId = "boot-2" };
        await _store.SaveAsync(first, CancellationToken.None);
        // A crash between the two writes leaves the new history entry and the old latest.
        await _artifacts.WriteAsync(ArtifactKeys.BaselineVersion(first.DatasetUrn, 2), BaselineJson.Serialize(second), CancellationToken.None);

        var retried = await _store.SaveAsync(second, CancellationToken.None);

        Assert.Equal(2, retried.Version);
        Assert.Equal([1, 2], await _store.GetVersionsAsync(first.DatasetUrn, CancellationToken.None));
        Assert.Equal(BaselineJson.Serialize(second), (await _store.GetLatestAsync(first.DatasetUrn, CancellationToken.None))!.Json);
    }

    [Fact]
    public async Task SaveAsync_UrnMismatchOrNotABaseline_NothingStored()
    {
        var baseline = SampleBaselines.Small();

        await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveAsync("ds://curated/other", BaselineJson.Serialize(baseline), CancellationToken.None));
        await Assert.ThrowsAsync<BaselineFormatException>(() => _store.SaveAsync(baseline.DatasetUrn, Encoding.UTF8.GetBytes("{}"), CancellationToken.None));

        Assert.Empty(await _artifacts.ListAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task GetLatestAsync_NothingStored_Null_DamagedFile_ErrorNamesTheKey()
    {
        Assert.Null(await _store.GetLatestAsync("ds://curated/orders", CancellationToken.None));

        await _artifacts.WriteAsync("datasets/curated/orders/baseline.json", Encoding.UTF8.GetBytes("{\"dataset_urn\": 5}"), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<BaselineFormatException>(() => _store.GetLatestAsync("ds://curated/orders", CancellationToken.None));
        Assert.Contains("datasets/curated/orders/baseline.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLatestAsync_HandWrittenLatestWithoutHistory_VersionZero()
    {
        var bytes = BaselineJson.Serialize(SampleBaselines.Small());
        await _artifacts.WriteAsync("datasets/curated/orders/baseline.json", bytes, CancellationToken.None);

        var latest = await _store.GetLatestAsync("ds://curated/orders", CancellationToken.None);

        Assert.Equal(0, latest!.Version);
        Assert.Equal("ds://curated/orders", latest.Baseline.DatasetUrn);
    }

    public void Dispose() => _temp.Dispose();
}
