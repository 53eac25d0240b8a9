using SignalFactory.Core.Manifests;
using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Tests.Certification.Support;

namespace SignalFactory.Policy.Tests.Certification;

[Collection(ExampleLakeCollection.Name)]
public sealed class DeferredCertificationTests(ExampleLakeFixture lake)
{
    private const string OrdersUrn = "ds://curated/orders_enriched";

    [Fact]
    public async Task CertifyAsync_MissingGoldTable_DefersWithNotFound()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Orders), temp.Combine("not_written_yet"));

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Deferred, result.Status);
        Assert.Equal(DeferredReasons.GoldTableNotFound, result.DeferredReason);
        Assert.Null(result.Pointer);
        var stored = await harness.Store.GetAsync(OrdersUrn, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(CertificationStatus.Deferred, stored.CertificationStatus);
        Assert.Equal(DeferredReasons.GoldTableNotFound, stored.DeferredReason);
        Assert.Equal(CertificationHarness.Start, stored.DeferredAt);
        Assert.Equal(temp.Combine("not_written_yet"), stored.TriggerPath);
        Assert.Null(stored.CertifiedPointer);
        Assert.Null(stored.CurrentCertifiedVersion);
        Assert.Null(stored.NextCheckDue);
    }

    [Fact]
    public async Task CheckAsync_ExampleTableCopiedIntoPlace_CompletesAtTheLogsHighestCommit()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var gold = temp.Combine("orders_enriched");
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Orders), gold);
        await harness.CertifyAsync(manifest);

        ExampleLakeFixture.CopyTable(lake.Orders.Path, gold);
        harness.Clock.Advance(TimeSpan.FromHours(3));
        var report = await harness.Checker(new Dictionary<string, DatasetManifest> { [OrdersUrn] = manifest }).CheckAsync(CancellationToken.None);

        var entry = Assert.Single(report.Entries);
        Assert.Equal(DeferredCheckOutcome.Completed, entry.Outcome);
        Assert.True(entry.Examined);
        var stored = await harness.Store.GetAsync(OrdersUrn, CancellationToken.None);
        Assert.Equal(CertificationStatus.Certified, stored!.CertificationStatus);
        Assert.Equal(LakeFiles.HighestCommit(gold), stored.CertifiedPointer!.Version);
        Assert.Equal("v0", stored.CurrentCertifiedVersion);
        Assert.Equal(CertificationHarness.Start.AddHours(3), stored.LastCertifiedAt);
        Assert.Null(stored.DeferredReason);
        Assert.Equal("boot-test-001", stored.BootstrapId);
    }

    [Fact]
    public async Task CertifyAsync_DeltaLogWithoutDataFile_DefersAsEmpty()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var table = new TinyDeltaTable(temp.Combine("orders"));
        table.CreateEmpty();
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Orders), table.Root);

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Deferred, result.Status);
        Assert.Equal(DeferredReasons.GoldTableEmpty, result.DeferredReason);
        Assert.Equal("delta:v0", result.Record!.DeferredProbe);
    }

    [Fact]
    public async Task CheckAsync_FirstDataCommitWritten_CompletesWithThatVersion()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var table = new TinyDeltaTable(temp.Combine("orders"));
        table.CreateEmpty();
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Orders), table.Root);
        await harness.CertifyAsync(manifest);
        var checker = harness.Checker(new Dictionary<string, DatasetManifest> { [OrdersUrn] = manifest });

        var before = await checker.CheckAsync(CancellationToken.None);
        table.AppendFile(1, 9);
        var after = await checker.CheckAsync(CancellationToken.None);

        var waiting = Assert.Single(before.Entries);
        Assert.Equal(DeferredCheckOutcome.StillDeferred, waiting.Outcome);
        Assert.False(waiting.Examined);
        var done = Assert.Single(after.Entries);
        Assert.Equal(DeferredCheckOutcome.Completed, done.Outcome);
        Assert.Equal(1, done.Result!.Pointer!.Version);
        Assert.Equal(9, done.Result.Pointer.RowCount);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(TinyDeltaTable.FirstCommitMs + 60_000), done.Result.Pointer.CommitTimestamp);
        Assert.Equal(1, after.Completed);
        var history = await harness.Store.GetHistoryAsync(OrdersUrn, CancellationToken.None);
        Assert.Equal([CertificationStatus.Deferred, CertificationStatus.Certified], history.Select(h => h.CertificationStatus));
    }

    [Fact]
    public async Task CertifyAsync_RunAgainAfterFirstWrite_CompletesTheDeferredCertification()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var table = new TinyDeltaTable(temp.Combine("orders"));
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Orders), table.Root);
        var deferred = await harness.CertifyAsync(manifest);

        table.CreateEmpty();
        table.AppendFile(1, 4);
        var certified = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Deferred, deferred.Status);
        Assert.Equal(CertificationStatus.Certified, certified.Status);
        Assert.Equal(1, certified.Pointer!.Version);
        Assert.Equal(2, certified.Record!.RecordVersion);
    }

    [Fact]
    public async Task CertifyAsync_StillMissing_DoesNotWriteAgain()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Orders), temp.Combine("missing"));

        await harness.CertifyAsync(manifest);
        harness.Clock.Advance(TimeSpan.FromDays(1));
        var again = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Deferred, again.Status);
        Assert.False(again.RecordChanged);
        Assert.Equal(CertificationHarness.Start, again.Record!.DeferredAt);
        Assert.Single(await harness.Store.GetHistoryAsync(OrdersUrn, CancellationToken.None));
    }

    [Fact]
    public async Task CheckAsync_ParquetPartitionAppears_Completes()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var root = temp.Combine("events");
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Events), root);
        await harness.CertifyAsync(manifest);
        var checker = harness.Checker(new Dictionary<string, DatasetManifest> { [manifest.Urn!] = manifest });

        LakeFiles.WriteParquet(Path.Combine(root, "dt=2026-11-03", "part-0.parquet"), 6);
        var report = await checker.CheckAsync(CancellationToken.None);

        var entry = Assert.Single(report.Entries);
        Assert.Equal(DeferredCheckOutcome.Completed, entry.Outcome);
        Assert.Equal("2026-11-03", entry.Result!.Pointer!.PartitionValue);
        Assert.Equal(6, entry.Result.Pointer.RowCount);
    }

    [Fact]
    public async Task CheckAsync_DatasetNoLongerRegistered_ReportsItAndKeepsOthersGoing()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var orders = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Orders), temp.Combine("orders"));
        var events = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Events), temp.Combine("events"));
        await harness.CertifyAsync(orders);
        await harness.CertifyAsync(events);
        LakeFiles.WriteParquet(Path.Combine(temp.Combine("events"), "dt=2026-11-03", "part-0.parquet"), 2);

        var report = await harness.Checker(new Dictionary<string, DatasetManifest> { [events.Urn!] = events }).CheckAsync(CancellationToken.None);

        Assert.Equal(2, report.Entries.Count);
        Assert.Equal(DeferredCheckOutcome.Failed, report.Entries.Single(e => e.DatasetUrn == OrdersUrn).Outcome);
        Assert.Equal(DeferredCheckOutcome.Completed, report.Entries.Single(e => e.DatasetUrn == events.Urn).Outcome);
    }
}
