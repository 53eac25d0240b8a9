using static SignalFactory.Registry.Tests.TestSupport.Manifests;

namespace SignalFactory.Registry.Tests.Datasets;

public abstract partial class RegistryStoreCompliance
{
    /// <summary>Runs each action on its own thread, all released at the same moment.</summary>
    private static async Task<T[]> RunTogetherAsync<T>(params Func<Task<T>>[] actions)
    {
        using var start = new Barrier(actions.Length);
        return await Task.WhenAll(actions.Select(action => Task.Run(
            async () =>
            {
                start.SignalAndWait();
                return await action();
            })));
    }

    [Fact]
    public async Task RegisterAsync_TwoStoresSameUrnAtOnce_YieldVersionsOneAndTwoAndLoseNothing()
    {
        var storeA = OpenStore(Clock);
        var storeB = OpenStore(Clock);
        var a = Request("ds://raw/orders", "from-a");
        var b = Request("ds://raw/orders", "from-b");

        var results = await RunTogetherAsync(
            () => storeA.RegisterAsync([a], Ct),
            () => storeB.RegisterAsync([b], Ct));

        var outcomes = results.Select(r => Assert.Single(r)).OrderBy(r => r.Dataset.Version).ToList();
        Assert.Equal([(1, RegistrationOutcome.Created), (2, RegistrationOutcome.NewVersion)], outcomes.Select(r => (r.Dataset.Version, r.Outcome)));
        Assert.Equal([1, 2], await Store.GetVersionsAsync("ds://raw/orders", Ct));
        var stored = new[] { (await Store.GetAsync("ds://raw/orders", 1, Ct))!.YamlContent, (await Store.GetAsync("ds://raw/orders", 2, Ct))!.YamlContent };
        Assert.Equal(new[] { a.YamlContent, b.YamlContent }.Order(), stored.Order());
        Assert.Equal(outcomes[1].Dataset.YamlContent, (await Store.GetAsync("ds://raw/orders", null, Ct))!.YamlContent);
    }

    [Fact]
    public async Task RegisterAsync_ManyConcurrentChangesOfOneUrn_NumberVersionsContiguouslyWithEveryContentOnce()
    {
        const int perWriter = 20;
        var storeA = OpenStore(Clock);
        var storeB = OpenStore(Clock);

        async Task<List<int>> Writer(IRegistryStore store, string name)
        {
            var versions = new List<int>();
            for (var i = 0; i < perWriter; i++)
            {
                var result = Assert.Single(await store.RegisterAsync([Request("ds://raw/orders", $"{name}-{i}")], Ct));
                versions.Add(result.Dataset.Version);
            }

            return versions;
        }

        var results = await RunTogetherAsync(() => Writer(storeA, "a"), () => Writer(storeB, "b"));

        var all = results.SelectMany(v => v).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 2 * perWriter), all);
        Assert.Equal(Enumerable.Range(1, 2 * perWriter), await Store.GetVersionsAsync("ds://raw/orders", Ct));
        var contents = new HashSet<string>(StringComparer.Ordinal);
        for (var version = 1; version <= 2 * perWriter; version++)
        {
            Assert.True(contents.Add((await Store.GetAsync("ds://raw/orders", version, Ct))!.YamlContent));
        }

        var expected = new[] { "a", "b" }.SelectMany(w => Enumerable.Range(0, perWriter).Select(i => Yaml("ds://raw/orders", $"{w}-{i}")));
        Assert.True(contents.SetEquals(expected));
    }

    [Fact]
    public async Task RegisterAsync_TwoStoresDisjointBatchesAtOnce_KeepEveryDataset()
    {
        var storeA = OpenStore(Clock);
        var storeB = OpenStore(Clock);
        var batchA = Enumerable.Range(0, 100).Select(i => Request($"ds://raw/a_{i:D3}")).ToList();
        var batchB = Enumerable.Range(0, 100).Select(i => Request($"ds://raw/b_{i:D3}")).ToList();

        await RunTogetherAsync(() => storeA.RegisterAsync(batchA, Ct), () => storeB.RegisterAsync(batchB, Ct));

        var page = await Store.ListAsync(new RegistryQuery(PageSize: 1000), Ct);
        Assert.Equal(batchA.Concat(batchB).Select(r => r.Urn).Order(StringComparer.Ordinal), page.Items.Select(i => i.Urn));
    }
}
