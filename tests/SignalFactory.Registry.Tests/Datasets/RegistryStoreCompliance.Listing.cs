using static SignalFactory.Registry.Tests.TestSupport.Manifests;

namespace SignalFactory.Registry.Tests.Datasets;

public abstract partial class RegistryStoreCompliance
{
    private const int FleetSize = 500;

    private static readonly string[] _zones = ["raw", "curated", "analytics"];

    private sealed record FleetEntry(string Urn, string Tier, string Format, string OwnerTeam, string Status);

    /// <summary>
    /// 500 datasets whose attributes cycle with different periods (zone 3, tier 3 over pairs, format 2, owner 5,
    /// statuses on multiples of 7, 11, 13), so every filter and every pair of filters selects a different subset.
    /// </summary>
    private static List<FleetEntry> Fleet() => Enumerable.Range(0, FleetSize).Select(i => new FleetEntry(
        Urn: $"ds://{_zones[i % 3]}/table_{i:D3}",
        Tier: $"TIER_{1 + (i / 2 % 3)}",
        Format: i % 2 == 0 ? "delta" : "parquet",
        OwnerTeam: $"team-{(char)('a' + (i % 5))}",
        Status: i % 7 == 0 ? DatasetStatus.Bootstrapping
            : i % 11 == 0 ? DatasetStatus.SignalReady
            : i % 13 == 0 ? DatasetStatus.Decommissioned
            : DatasetStatus.Registered)).ToList();

    private async Task<List<FleetEntry>> RegisterFleetAsync()
    {
        var fleet = Fleet();
        // Registered in a shuffled order so that URN order in listings comes from the store, not from insertion.
        var shuffled = fleet.OrderBy(_ => Random.Shared.Next()).ToList();
        var results = await Store.RegisterAsync(
            shuffled.Select(e => Request(e.Urn, tier: e.Tier, format: e.Format, ownerTeam: e.OwnerTeam)).ToList(), Ct);
        Assert.Equal(FleetSize, results.Count);
        Assert.All(results, r => Assert.Equal(RegistrationOutcome.Created, r.Outcome));

        foreach (var entry in fleet.Where(e => e.Status != DatasetStatus.Registered))
        {
            await Store.SetStatusAsync(entry.Urn, entry.Status, bootstrapId: null, Ct);
        }

        return fleet;
    }

    private async Task<List<RegisteredDataset>> ReadAllPagesAsync(RegistryQuery query, int expectedPages)
    {
        var items = new List<RegisteredDataset>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Store.ListAsync(query with { PageToken = token }, Ct);
            pages++;
            Assert.True(page.Items.Count <= query.PageSize);
            Assert.True(page.NextPageToken is null || page.Items.Count == query.PageSize, "only the last page may be short");
            items.AddRange(page.Items);
            token = page.NextPageToken;
            Assert.True(pages <= expectedPages, "more pages than expected");
        }
        while (token is not null);

        Assert.Equal(expectedPages, pages);
        return items;
    }

    private static List<string> Urns(IEnumerable<FleetEntry> entries) =>
        entries.Select(e => e.Urn).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(1000)]
    public async Task ListAsync_PagingThroughFleet_ReturnsEveryUrnOnceInOrder(int pageSize)
    {
        var fleet = await RegisterFleetAsync();
        var expectedPages = Math.Max(1, (FleetSize + pageSize - 1) / pageSize);

        var items = await ReadAllPagesAsync(new RegistryQuery(PageSize: pageSize), expectedPages);

        Assert.Equal(Urns(fleet), items.Select(i => i.Urn));
        var byUrn = fleet.ToDictionary(e => e.Urn, StringComparer.Ordinal);
        Assert.All(items, item =>
        {
            var entry = byUrn[item.Urn];
            Assert.Equal((entry.Tier, entry.Format, entry.OwnerTeam, entry.Status, 1),
                (item.Tier, item.Format, item.OwnerTeam, item.Status, item.Version));
        });
    }

    [Fact]
    public async Task ListAsync_EachFilterAndCombinations_ReturnExactlyTheMatchingUrns()
    {
        var fleet = await RegisterFleetAsync();

        async Task Check(RegistryQuery query, Func<FleetEntry, bool> predicate)
        {
            var expected = Urns(fleet.Where(predicate));
            Assert.NotEmpty(expected);
            var page = await Store.ListAsync(query with { PageSize = RegistryQuery.MaxPageSize }, Ct);
            Assert.Null(page.NextPageToken);
            Assert.Equal(expected, page.Items.Select(i => i.Urn));
        }

        foreach (var tier in new[] { "TIER_1", "TIER_2", "TIER_3" })
        {
            await Check(new RegistryQuery(Tier: tier), e => e.Tier == tier);
        }

        foreach (var status in DatasetStatus.All)
        {
            await Check(new RegistryQuery(Status: status), e => e.Status == status);
        }

        foreach (var format in new[] { "delta", "parquet" })
        {
            await Check(new RegistryQuery(Format: format), e => e.Format == format);
        }

        foreach (var owner in new[] { "team-a", "team-b", "team-c", "team-d", "team-e" })
        {
            await Check(new RegistryQuery(OwnerTeam: owner), e => e.OwnerTeam == owner);
        }

        await Check(new RegistryQuery(Tier: "TIER_1", Format: "parquet"), e => e.Tier == "TIER_1" && e.Format == "parquet");
        await Check(new RegistryQuery(Status: DatasetStatus.Bootstrapping, OwnerTeam: "team-c"),
            e => e.Status == DatasetStatus.Bootstrapping && e.OwnerTeam == "team-c");
        await Check(new RegistryQuery(Tier: "TIER_3", Status: DatasetStatus.Registered, Format: "delta", OwnerTeam: "team-e"),
            e => e.Tier == "TIER_3" && e.Status == DatasetStatus.Registered && e.Format == "delta" && e.OwnerTeam == "team-e");

        var none = await Store.ListAsync(new RegistryQuery(Tier: "TIER_9"), Ct);
        Assert.Equal((0, (string?)null), (none.Items.Count, none.NextPageToken));
    }

    [Fact]
    public async Task ListAsync_PagingWithCombinedFilters_ReturnsEveryMatchOnceInOrder()
    {
        var fleet = await RegisterFleetAsync();
        var expected = Urns(fleet.Where(e => e.Format == "delta" && e.Status == DatasetStatus.Registered));
        var query = new RegistryQuery(Format: "delta", Status: DatasetStatus.Registered, PageSize: 7);

        var items = await ReadAllPagesAsync(query, (expected.Count + 6) / 7);

        Assert.Equal(expected, items.Select(i => i.Urn));
    }

    [Fact]
    public async Task ListAsync_LatestVersionFields_AreListedAndFiltered()
    {
        await Store.RegisterAsync([Request("ds://raw/a", "r1", tier: "TIER_3"), Request("ds://raw/b", tier: "TIER_3")], Ct);
        await Store.RegisterAsync([Request("ds://raw/a", "r2", tier: "TIER_1")], Ct);

        var tier1 = await Store.ListAsync(new RegistryQuery(Tier: "TIER_1"), Ct);
        var tier3 = await Store.ListAsync(new RegistryQuery(Tier: "TIER_3"), Ct);

        var a = Assert.Single(tier1.Items);
        Assert.Equal(("ds://raw/a", 2), (a.Urn, a.Version));
        Assert.Equal(["ds://raw/b"], tier3.Items.Select(i => i.Urn));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task ListAsync_PageSizeOutOfRange_ThrowsArgumentException(int pageSize)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListAsync(new RegistryQuery(PageSize: pageSize), Ct));

        Assert.Equal($"Page size must be between 1 and 1000; got {pageSize}.", error.Message);
    }

    [Fact]
    public async Task ListAsync_UnknownStatusFilter_ThrowsArgumentException()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListAsync(new RegistryQuery(Status: "ready"), Ct));
    }

    [Fact]
    public async Task ListAsync_TokenFromOtherFilters_IsRefused()
    {
        await Store.RegisterAsync(new[] { "a", "b", "c" }.Select(n => Request($"ds://raw/{n}", tier: "TIER_1")).ToList(), Ct);
        var first = await Store.ListAsync(new RegistryQuery(Tier: "TIER_1", PageSize: 1), Ct);
        var token = first.NextPageToken!;

        foreach (var other in new[] { new RegistryQuery(), new RegistryQuery(Tier: "TIER_2"), new RegistryQuery(Tier: "TIER_1", Format: "delta"),
                     new RegistryQuery(OwnerTeam: "TIER_1") })
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListAsync(other with { PageSize = 1, PageToken = token }, Ct));
            Assert.Contains("different filters", error.Message, StringComparison.Ordinal);
        }

        // The page size is not a filter: a token may continue with another page size.
        var rest = await Store.ListAsync(new RegistryQuery(Tier: "TIER_1", PageSize: 10, PageToken: token), Ct);
        Assert.Equal(["ds://raw/b", "ds://raw/c"], rest.Items.Select(i => i.Urn));
    }

    [Fact]
    public async Task ListAsync_CorruptedToken_IsRefused()
    {
        await Store.RegisterAsync(new[] { "a", "b", "c" }.Select(n => Request($"ds://raw/{n}")).ToList(), Ct);
        var token = (await Store.ListAsync(new RegistryQuery(PageSize: 1), Ct)).NextPageToken!;
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        var corrupted = new List<string> { "not a token", "!!!!", "e30", "bnVsbA", token[..^4], token + "A", token + "=", new string('A', 5000) };
        for (var i = 0; i < token.Length; i++)
        {
            // Every single-character change, each to the next letter of the base64url alphabet.
            var replacement = alphabet[(alphabet.IndexOf(token[i], StringComparison.Ordinal) + 1) % alphabet.Length];
            corrupted.Add(string.Concat(token.AsSpan(0, i), replacement.ToString(), token.AsSpan(i + 1)));
        }

        foreach (var bad in corrupted)
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListAsync(new RegistryQuery(PageSize: 1, PageToken: bad), Ct));
            Assert.Contains("page token", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ListAsync_InsertsBeforeAndAfterCursor_DoNotShiftTheNextPage()
    {
        await Store.RegisterAsync(new[] { "10", "30", "50", "70" }.Select(n => Request($"ds://raw/t{n}")).ToList(), Ct);
        var first = await Store.ListAsync(new RegistryQuery(PageSize: 2), Ct);
        Assert.Equal(["ds://raw/t10", "ds://raw/t30"], first.Items.Select(i => i.Urn));

        // One URN before the cursor, one after, and a new version of the cursor row itself.
        await Store.RegisterAsync([Request("ds://raw/t20"), Request("ds://raw/t40"), Request("ds://raw/t30", "r2")], Ct);

        var second = await Store.ListAsync(new RegistryQuery(PageSize: 2, PageToken: first.NextPageToken), Ct);
        var third = await Store.ListAsync(new RegistryQuery(PageSize: 2, PageToken: second.NextPageToken), Ct);
        Assert.Equal(["ds://raw/t40", "ds://raw/t50"], second.Items.Select(i => i.Urn));
        Assert.Equal(["ds://raw/t70"], third.Items.Select(i => i.Urn));
        Assert.Null(third.NextPageToken);
    }

    [Fact]
    public async Task ListAsync_EmptyToken_StartsFromTheFirstPage()
    {
        await Store.RegisterAsync([Request("ds://raw/a")], Ct);

        var page = await Store.ListAsync(new RegistryQuery(PageToken: ""), Ct);

        Assert.Equal(["ds://raw/a"], page.Items.Select(i => i.Urn));
    }
}
