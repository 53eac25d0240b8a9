using SignalFactory.Core.Manifests;
using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Tests.Certification.Support;

namespace SignalFactory.Policy.Tests.Certification;

[Collection(ExampleLakeCollection.Name)]
public sealed class DeltaCertificationTests(ExampleLakeFixture lake)
{
    [Fact]
    public async Task CertifyAsync_ExampleDeltaTable_PointsAtHighestCommitInTheLog()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Orders);
        var expectedVersion = LakeFiles.HighestCommit(lake.Orders.Path);

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Certified, result.Status);
        var pointer = Assert.IsType<CertifiedPointer>(result.Pointer);
        Assert.Equal(CertifiedPointer.DeltaVersionType, pointer.Type);
        Assert.Equal("delta", pointer.Format);
        Assert.Equal(expectedVersion, pointer.Version);
        Assert.Equal(lake.Orders.Path, pointer.TablePath);
        Assert.Equal(LakeFiles.CommitTimestamp(lake.Orders.Path, expectedVersion), pointer.CommitTimestamp);
        Assert.Equal(ExampleLakeFixture.Days * ExampleLakeFixture.RowsPerPartition, pointer.RowCount);
        Assert.Null(pointer.PartitionValue);
    }

    [Fact]
    public async Task CertifyAsync_ExampleDeltaTable_StoresTheLldRecord()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Orders);

        var result = await harness.CertifyAsync(manifest);

        var stored = await harness.Store.GetAsync("ds://curated/orders_enriched", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(CertificationStatus.Certified, stored.CertificationStatus);
        Assert.Equal("gold_certified.orders_enriched", stored.CertifiedViewName);
        Assert.Equal("v0", stored.CurrentCertifiedVersion);
        Assert.Equal(result.Pointer, stored.CertifiedPointer);
        Assert.Equal(CertificationHarness.Start, stored.LastCertifiedAt);
        Assert.Equal(6, stored.StalenessSlaHours);
        Assert.Equal(CertificationHarness.Start.AddHours(6), stored.NextCheckDue);
        Assert.Equal("boot-test-001", stored.BootstrapId);
        Assert.Equal("inline_sdk", stored.EnforcementModel);
        Assert.Equal("TIER_1", stored.Tier);
        Assert.Equal("delta", stored.StorageFormat);
        Assert.Equal(lake.Orders.Path, stored.TriggerPath);
        Assert.Null(stored.DeferredReason);
        Assert.True(stored.GraphSeeded);
        Assert.Equal(1, stored.RecordVersion);
        Assert.StartsWith("sha256:", stored.ObservedSchemaFingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertifyAsync_RunTwice_SecondRunChangesNothing()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Orders);

        var first = await harness.CertifyAsync(manifest);
        harness.Clock.Advance(TimeSpan.FromHours(1));
        var second = await harness.CertifyAsync(manifest);

        Assert.True(first.RecordChanged);
        Assert.False(second.RecordChanged);
        Assert.Equal(CertificationStatus.Certified, second.Status);
        Assert.Equal(first.Record, second.Record);
        Assert.Single(await harness.Store.GetHistoryAsync("ds://curated/orders_enriched", CancellationToken.None));
    }

    [Fact]
    public async Task CertifyAsync_NewCommitAfterCertification_MovesThePointerToV1()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var table = new TinyDeltaTable(temp.Combine("orders"));
        table.CreateEmpty();
        table.AppendFile(1, 5);
        var manifest = With(await ExampleLakeFixture.ManifestAsync(lake.Orders), table.Root);
        var first = await harness.CertifyAsync(manifest);

        table.AppendFile(2, 7);
        harness.Clock.Advance(TimeSpan.FromHours(2));
        var second = await harness.CertifyAsync(manifest);

        Assert.Equal(1, first.Pointer!.Version);
        Assert.Equal("v0", first.Record!.CurrentCertifiedVersion);
        Assert.Equal(2, second.Pointer!.Version);
        Assert.Equal(12, second.Pointer.RowCount);
        Assert.Equal("v1", second.Record!.CurrentCertifiedVersion);
        Assert.Equal(CertificationHarness.Start.AddHours(2), second.Record.LastCertifiedAt);
        var history = await harness.Store.GetHistoryAsync("ds://curated/orders_enriched", CancellationToken.None);
        Assert.Equal(["v0", "v1"], history.Select(h => h.CurrentCertifiedVersion));
    }

    [Fact]
    public async Task CertifyAsync_FileUriGold_ReadsTheSameTable()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = With(await ExampleLakeFixture.ManifestAsync(lake.Orders), new Uri(lake.Orders.Path).AbsoluteUri);

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Certified, result.Status);
        Assert.Equal(LakeFiles.HighestCommit(lake.Orders.Path), result.Pointer!.Version);
    }

    [Fact]
    public async Task CertifyAsync_FolderWithFilesButNoDeltaLog_FailsAndWritesNothing()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        LakeFiles.WriteParquet(temp.Combine("orders", "part-0.parquet"), 3);
        var manifest = With(await ExampleLakeFixture.ManifestAsync(lake.Orders), temp.Combine("orders"));

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Failed, result.Status);
        Assert.Contains("_delta_log", result.Message, StringComparison.Ordinal);
        Assert.Null(await harness.Store.GetAsync("ds://curated/orders_enriched", CancellationToken.None));
    }

    [Fact]
    public async Task CertifyAsync_CertifiedTableDeleted_FailsAndKeepsTheRecord()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var table = new TinyDeltaTable(temp.Combine("orders"));
        table.CreateEmpty();
        table.AppendFile(1, 5);
        var manifest = With(await ExampleLakeFixture.ManifestAsync(lake.Orders), table.Root);
        var certified = await harness.CertifyAsync(manifest);

        Directory.Delete(table.Root, recursive: true);
        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Failed, result.Status);
        Assert.Contains("certified at v0", result.Message, StringComparison.Ordinal);
        Assert.Equal(certified.Record, await harness.Store.GetAsync("ds://curated/orders_enriched", CancellationToken.None));
    }

    internal static DatasetManifest With(DatasetManifest manifest, string gold) =>
        manifest with { Storage = manifest.Storage! with { Gold = gold } };
}
