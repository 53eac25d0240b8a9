using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Certification.Graph;
using SignalFactory.Policy.Certification.Store;
using SignalFactory.Policy.Tests.Certification.Support;
using SignalFactory.Registry.Sqlite;

namespace SignalFactory.Policy.Tests.Certification;

public sealed class StoreTests
{
    private static CertifiedViewState Record(int version, string status = CertificationStatus.Deferred) => new()
    {
        DatasetUrn = "ds://raw/orders",
        CertifiedViewName = "gold_certified.orders",
        CertificationStatus = status,
        StalenessSlaHours = 24,
        BootstrapId = "boot-1",
        Tier = "TIER_2",
        StorageFormat = "parquet",
        TriggerPath = "/data/orders",
        DeferredAt = CertificationHarness.Start,
        DeferredReason = DeferredReasons.GoldTableNotFound,
        RecordVersion = version,
        UpdatedAt = CertificationHarness.Start.AddTicks(1234567),
    };

    [Fact]
    public async Task SaveAsync_ThenGet_RoundTripsEveryField()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var record = Record(1) with
        {
            CertificationStatus = CertificationStatus.Certified,
            CurrentCertifiedVersion = "v0",
            CertifiedPointer = new CertifiedPointer
            {
                Type = CertifiedPointer.DeltaVersionType, Format = "delta", TablePath = "/data/orders", Version = 7,
                CommitTimestamp = CertificationHarness.Start, FileCount = 3, RowCount = 30,
            },
            LastCertifiedAt = CertificationHarness.Start,
            NextCheckDue = CertificationHarness.Start.AddHours(24),
            EnforcementModel = "post_write",
            PolicyBundleVersion = "1.0",
            PolicyBundleLocation = "datasets/raw/orders/policy_bundle.yaml",
            DeferredProbe = "delta:v7",
            ExpectedSchemaFingerprint = "sha256:aa",
            ObservedSchemaFingerprint = "sha256:bb",
        };

        await harness.Store.SaveAsync(record, CancellationToken.None);

        Assert.Equal(record, await harness.Store.GetAsync("ds://raw/orders", CancellationToken.None));
        Assert.Equal([record], await harness.Store.GetHistoryAsync("ds://raw/orders", CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_StaleRecordVersion_ThrowsConcurrencyAndKeepsTheStoredOne()
    {
        using var harness = await CertificationHarness.CreateAsync();
        await harness.Store.SaveAsync(Record(1), CancellationToken.None);
        await harness.Store.SaveAsync(Record(2), CancellationToken.None);

        var error = await Assert.ThrowsAsync<CertificationConcurrencyException>(
            () => harness.Store.SaveAsync(Record(2, CertificationStatus.Certified), CancellationToken.None));

        Assert.Equal("ds://raw/orders", error.DatasetUrn);
        Assert.Equal(CertificationStatus.Deferred, (await harness.Store.GetAsync("ds://raw/orders", CancellationToken.None))!.CertificationStatus);
        Assert.Equal([1, 2], (await harness.Store.GetHistoryAsync("ds://raw/orders", CancellationToken.None)).Select(r => r.RecordVersion));
    }

    [Fact]
    public async Task SaveAsync_FirstRecordNotVersionOne_ThrowsConcurrency()
    {
        using var harness = await CertificationHarness.CreateAsync();

        await Assert.ThrowsAsync<CertificationConcurrencyException>(() => harness.Store.SaveAsync(Record(2), CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_FailedStatus_IsRefused()
    {
        using var harness = await CertificationHarness.CreateAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => harness.Store.SaveAsync(Record(1, CertificationStatus.Failed), CancellationToken.None));

        Assert.Contains("FAILED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListByStatusAsync_ReturnsOnlyThatStatusOrderedByUrn()
    {
        using var harness = await CertificationHarness.CreateAsync();
        await harness.Store.SaveAsync(Record(1) with { DatasetUrn = "ds://raw/zeta" }, CancellationToken.None);
        await harness.Store.SaveAsync(Record(1) with { DatasetUrn = "ds://raw/alpha" }, CancellationToken.None);
        await harness.Store.SaveAsync(Record(1, CertificationStatus.SchemaChanged) with { DatasetUrn = "ds://raw/mid" }, CancellationToken.None);

        var deferred = await harness.Store.ListByStatusAsync(CertificationStatus.Deferred, CancellationToken.None);

        Assert.Equal(["ds://raw/alpha", "ds://raw/zeta"], deferred.Select(r => r.DatasetUrn));
    }

    [Fact]
    public async Task MarkGraphSeededAsync_OtherVersion_ReturnsFalse()
    {
        using var harness = await CertificationHarness.CreateAsync();
        await harness.Store.SaveAsync(Record(1), CancellationToken.None);

        Assert.False(await harness.Store.MarkGraphSeededAsync("ds://raw/orders", 5, CancellationToken.None));
        Assert.True(await harness.Store.MarkGraphSeededAsync("ds://raw/orders", 1, CancellationToken.None));
        Assert.True((await harness.Store.GetAsync("ds://raw/orders", CancellationToken.None))!.GraphSeeded);
    }

    [Fact]
    public async Task Migrations_AppliedTwice_SecondTimeAppliesNothing()
    {
        using var harness = await CertificationHarness.CreateAsync();

        var again = await SqliteMigrator.ApplyAsync(harness.DatabasePath, CertificationMigrations.All, CancellationToken.None);

        Assert.Empty(again);
        Assert.All(CertificationMigrations.All, m => Assert.InRange(m.Number, 300, 399));
    }

    [Fact]
    public async Task ApplyAsync_EdgeToUnknownNode_ThrowsAndWritesNothing()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var change = new GraphChange
        {
            Nodes = [new GraphNode("a", "Thing", new Dictionary<string, string?>())],
            Edges = [new GraphEdge("a", "nowhere", "LINKS", new Dictionary<string, string?>())],
        };

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Graph.ApplyAsync(change, CancellationToken.None));

        Assert.Null(await harness.Graph.GetNodeAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_ReplaceScope_RemovesOnlyEdgesOfThatNodeAndLabel()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var nodes = new[] { "d", "t1", "t2", "c" }.Select(id => new GraphNode(id, "N", new Dictionary<string, string?>())).ToList();
        await harness.Graph.ApplyAsync(new GraphChange
        {
            Nodes = nodes,
            Edges =
            [
                new GraphEdge("t1", "d", "OWNS", new Dictionary<string, string?>()),
                new GraphEdge("t1", "c", "OWNS", new Dictionary<string, string?>()),
                new GraphEdge("d", "c", "CONSUMED_BY", new Dictionary<string, string?>()),
            ],
        }, CancellationToken.None);

        await harness.Graph.ApplyAsync(new GraphChange
        {
            Edges = [new GraphEdge("t2", "d", "OWNS", new Dictionary<string, string?>())],
            ReplaceEdges = [new GraphEdgeScope("d", "OWNS", GraphDirection.Incoming)],
        }, CancellationToken.None);
        var all = await harness.Graph.QueryAsync(new GraphQuery { NodeLabel = "N", Direction = GraphDirection.Outgoing }, CancellationToken.None);

        Assert.Equal([("d", "c", "CONSUMED_BY"), ("t1", "c", "OWNS"), ("t2", "d", "OWNS")], all.Edges.Select(e => (e.FromId, e.ToId, e.Label)));
    }

    [Fact]
    public async Task QueryAsync_NeitherIdNorLabel_Throws()
    {
        using var harness = await CertificationHarness.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Graph.QueryAsync(new GraphQuery(), CancellationToken.None));
    }
}
