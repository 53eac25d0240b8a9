using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Certification.Graph;
using SignalFactory.Policy.Tests.Certification.Support;

namespace SignalFactory.Policy.Tests.Certification;

[Collection(ExampleLakeCollection.Name)]
public sealed class GraphSeedingTests(ExampleLakeFixture lake)
{
    private const string OrdersUrn = "ds://curated/orders_enriched";

    [Fact]
    public async Task CertifyAsync_ExampleDelta_WritesDatasetTeamJobAndConsumerNodesAndEdges()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Orders);

        var result = await harness.CertifyAsync(manifest, null, "finance-dashboard");
        var graph = await harness.Graph.QueryAsync(new GraphQuery { NodeId = OrdersUrn }, CancellationToken.None);

        Assert.True(result.GraphSeeded);
        var dataset = Assert.Single(graph.Nodes);
        Assert.Equal(GraphLabels.BatchDataset, dataset.Label);
        Assert.Equal(OrdersUrn, dataset.Properties["dataset_urn"]);
        Assert.Equal("TIER_1", dataset.Properties["tier"]);
        Assert.Equal("delta", dataset.Properties["storage_format"]);
        Assert.Equal("inline_sdk", dataset.Properties["enforcement_model"]);
        Assert.Equal("spark", dataset.Properties["runtime"]);
        Assert.Equal("CERTIFIED", dataset.Properties["certification_status"]);
        Assert.Equal("boot-test-001", dataset.Properties["bootstrap_id"]);
        Assert.Equal("2026-11-02T09:00:00Z", dataset.Properties["bootstrapped_at"]);

        Assert.Equal(
            [
                (OrdersUrn, "consumer:finance-dashboard", GraphLabels.ConsumedBy),
                ("team:data-platform", OrdersUrn, GraphLabels.Owns),
                ("job:airflow://examples/orders_daily_pipeline.transform_orders", OrdersUrn, GraphLabels.Produces),
            ],
            graph.Edges.Select(e => (e.FromId, e.ToId, e.Label)));
        Assert.Equal(
            [
                ("consumer:finance-dashboard", GraphLabels.Consumer),
                ("job:airflow://examples/orders_daily_pipeline.transform_orders", GraphLabels.Job),
                ("team:data-platform", GraphLabels.Team),
            ],
            graph.Neighbors.Select(n => (n.Id, n.Label)));
        Assert.Equal(CertificationHarness.Start, graph.Edges.Single(e => e.Label == GraphLabels.Owns).CreatedAt);
    }

    [Fact]
    public async Task QueryAsync_TeamNode_FindsTheDatasetsItOwns()
    {
        using var harness = await CertificationHarness.CreateAsync();
        await harness.CertifyAsync(await ExampleLakeFixture.ManifestAsync(lake.Orders));
        await harness.CertifyAsync((await ExampleLakeFixture.ManifestAsync(lake.Sessions)) with { OwnerTeam = "data-platform" });

        var owned = await harness.Graph.QueryAsync(
            new GraphQuery { NodeId = "team:data-platform", EdgeLabel = GraphLabels.Owns, Direction = GraphDirection.Outgoing },
            CancellationToken.None);
        var datasets = await harness.Graph.QueryAsync(new GraphQuery { NodeLabel = GraphLabels.BatchDataset, EdgeLabel = "none" }, CancellationToken.None);

        Assert.Equal(["ds://analytics/web_sessions", OrdersUrn], owned.Neighbors.Select(n => n.Id));
        Assert.Equal(["ds://analytics/web_sessions", OrdersUrn], datasets.Nodes.Select(n => n.Id));
        Assert.Empty(datasets.Edges);
    }

    [Fact]
    public async Task CertifyAsync_Twice_GraphIsUnchanged()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Orders);
        await harness.CertifyAsync(manifest, null, "finance-dashboard");
        var first = await harness.Graph.QueryAsync(new GraphQuery { NodeId = OrdersUrn }, CancellationToken.None);

        harness.Clock.Advance(TimeSpan.FromHours(5));
        await harness.CertifyAsync(manifest, null, "finance-dashboard");
        var second = await harness.Graph.QueryAsync(new GraphQuery { NodeId = OrdersUrn }, CancellationToken.None);

        Assert.Equal(Shape(first), Shape(second));
        Assert.All(second.Edges, e => Assert.Equal(CertificationHarness.Start, e.UpdatedAt));
    }

    [Fact]
    public async Task CertifyAsync_OwnerChanged_MovesTheOwnsEdgeAndKeepsConsumers()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Orders);
        await harness.CertifyAsync(manifest, null, "finance-dashboard");

        await harness.CertifyAsync(manifest with { OwnerTeam = "commerce" });
        var graph = await harness.Graph.QueryAsync(new GraphQuery { NodeId = OrdersUrn, Direction = GraphDirection.Both }, CancellationToken.None);

        Assert.Equal("team:commerce", Assert.Single(graph.Edges, e => e.Label == GraphLabels.Owns).FromId);
        Assert.Single(graph.Edges, e => e.Label == GraphLabels.ConsumedBy);
        Assert.NotNull(await harness.Graph.GetNodeAsync("team:data-platform", CancellationToken.None));
    }

    [Fact]
    public async Task CertifyAsync_Deferred_StillSeedsTheGraphWithDeferredStatus()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Orders), temp.Combine("missing"));

        var result = await harness.CertifyAsync(manifest);
        var node = await harness.Graph.GetNodeAsync(OrdersUrn, CancellationToken.None);

        Assert.True(result.GraphSeeded);
        Assert.Equal(CertificationStatus.Deferred, node!.Properties["certification_status"]);
        Assert.Null(node.Properties["bootstrapped_at"]);
    }

    [Fact]
    public async Task CertifyAsync_GraphWriteFails_CertificationStandsAndTheCheckerReseeds()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Orders);
        var failing = new FailingGraphStore(harness.Graph, failures: 3);
        var initializer = new CertifiedViewInitializer(harness.Store, failing);

        var result = await initializer.CertifyAsync(manifest, harness.Context(), CancellationToken.None);
        var checker = new DeferredCertificationChecker(harness.Store, new SingleManifest(manifest), initializer, harness.Clock);
        var report = await checker.CheckAsync(CancellationToken.None);

        Assert.Equal(CertificationStatus.Certified, result.Status);
        Assert.False(result.GraphSeeded);
        Assert.Single(result.Warnings);
        Assert.Equal(4, failing.Calls);
        Assert.Equal(DeferredCheckOutcome.GraphReconciled, Assert.Single(report.Entries).Outcome);
        Assert.True((await harness.Store.GetAsync(OrdersUrn, CancellationToken.None))!.GraphSeeded);
        Assert.NotNull(await harness.Graph.GetNodeAsync(OrdersUrn, CancellationToken.None));
    }

    private static List<string> Shape(GraphQueryResult result) =>
    [
        .. result.Nodes.Concat(result.Neighbors).Select(n =>
            $"{n.Id}|{n.Label}|{string.Join(",", n.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))}|{n.CreatedAt:O}|{n.UpdatedAt:O}"),
        .. result.Edges.Select(e =>
            $"{e.FromId}|{e.Label}|{e.ToId}|{string.Join(",", e.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))}|{e.CreatedAt:O}|{e.UpdatedAt:O}"),
    ];

    private sealed class FailingGraphStore(IGraphStore inner, int failures) : IGraphStore
    {
        public int Calls { get; private set; }

        public Task ApplyAsync(GraphChange change, CancellationToken ct)
        {
            Calls++;
            return Calls <= failures ? throw new InvalidOperationException("graph unavailable") : inner.ApplyAsync(change, ct);
        }

        public Task<GraphNode?> GetNodeAsync(string id, CancellationToken ct) => inner.GetNodeAsync(id, ct);

        public Task<GraphQueryResult> QueryAsync(GraphQuery query, CancellationToken ct) => inner.QueryAsync(query, ct);
    }

    private sealed class SingleManifest(Core.Manifests.DatasetManifest manifest) : IDatasetSource
    {
        public Task<Core.Manifests.DatasetManifest?> GetManifestAsync(string datasetUrn, CancellationToken ct) =>
            Task.FromResult<Core.Manifests.DatasetManifest?>(datasetUrn == manifest.Urn ? manifest : null);

        public Task<Profiling.Baselines.Baseline?> GetBaselineAsync(string datasetUrn, CancellationToken ct) =>
            Task.FromResult<Profiling.Baselines.Baseline?>(null);
    }
}
