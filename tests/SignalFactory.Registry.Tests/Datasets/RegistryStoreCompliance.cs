using SignalFactory.Registry.Tests.TestSupport;
using static SignalFactory.Registry.Tests.TestSupport.Manifests;

namespace SignalFactory.Registry.Tests.Datasets;

/// <summary>
/// The behaviour every <see cref="IRegistryStore"/> backend must show. A backend's test class derives from this
/// and supplies a fresh empty database per test (xunit creates one class instance per test).
/// </summary>
public abstract partial class RegistryStoreCompliance : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private IRegistryStore? _store;

    protected ManualTimeProvider Clock { get; } = new(Start);

    /// <summary>The store under test, over this test's database.</summary>
    protected IRegistryStore Store => _store ??= OpenStore(Clock);

    protected static CancellationToken Ct => CancellationToken.None;

    public Task InitializeAsync() => CreateBackendAsync();

    public Task DisposeAsync() => DropBackendAsync();

    /// <summary>Prepares an empty, migrated database for this test.</summary>
    protected abstract Task CreateBackendAsync();

    /// <summary>Removes this test's database.</summary>
    protected abstract Task DropBackendAsync();

    /// <summary>Another store instance over this test's database, as a second process would open it.</summary>
    protected abstract IRegistryStore OpenStore(TimeProvider timeProvider);

    [Fact]
    public async Task RegisterAsync_NewUrn_CreatesVersionOneWithStatusRegistered()
    {
        var request = Request("ds://raw/orders", enforcementModel: null, registeredBy: "autopilot");

        var result = Assert.Single(await Store.RegisterAsync([request], Ct));

        Assert.Equal(RegistrationOutcome.Created, result.Outcome);
        var expected = new RegisteredDataset(
            "ds://raw/orders", 1, "TIER_2", "delta", "spark", null, "team-a", "REGISTERED", "autopilot",
            Start, Start, request.ContentHash, request.YamlContent, null);
        Assert.Equal(expected, result.Dataset);
        Assert.Equal(expected, await Store.GetAsync("ds://raw/orders", null, Ct));
        Assert.Equal(expected, await Store.GetAsync("ds://raw/orders", 1, Ct));
    }

    [Fact]
    public async Task RegisterAsync_IdenticalThenChangedThenOriginalContent_FollowsVersionRules()
    {
        var original = Request("ds://raw/orders", "r1");
        var changed = Request("ds://raw/orders", "r2", tier: "TIER_1", ownerTeam: "team-b");
        var t2 = Start.AddHours(2);
        var t3 = Start.AddHours(3);

        var first = Assert.Single(await Store.RegisterAsync([original], Ct));
        Clock.Advance(TimeSpan.FromHours(1));
        var again = Assert.Single(await Store.RegisterAsync([original with { RegisteredBy = "human:bob" }], Ct));
        Clock.Advance(TimeSpan.FromHours(1));
        var second = Assert.Single(await Store.RegisterAsync([changed], Ct));
        Clock.Advance(TimeSpan.FromHours(1));
        var back = Assert.Single(await Store.RegisterAsync([original], Ct));

        Assert.Equal((RegistrationOutcome.Created, 1), (first.Outcome, first.Dataset.Version));
        Assert.Equal((RegistrationOutcome.Unchanged, 1), (again.Outcome, again.Dataset.Version));
        Assert.Equal(Start, again.Dataset.RegisteredAt);
        Assert.Equal("human:alice", again.Dataset.RegisteredBy);
        Assert.Equal((RegistrationOutcome.NewVersion, 2), (second.Outcome, second.Dataset.Version));
        Assert.Equal((t2, t2), (second.Dataset.RegisteredAt, second.Dataset.UpdatedAt));
        Assert.Equal(("TIER_1", "team-b"), (second.Dataset.Tier, second.Dataset.OwnerTeam));
        Assert.Equal((RegistrationOutcome.NewVersion, 3), (back.Outcome, back.Dataset.Version));
        Assert.Equal(t3, back.Dataset.RegisteredAt);

        Assert.Equal([1, 2, 3], await Store.GetVersionsAsync("ds://raw/orders", Ct));
        var v1 = await Store.GetAsync("ds://raw/orders", 1, Ct);
        var v2 = await Store.GetAsync("ds://raw/orders", 2, Ct);
        var latest = await Store.GetAsync("ds://raw/orders", null, Ct);
        Assert.Equal((original.YamlContent, Start, "TIER_2"), (v1!.YamlContent, v1.RegisteredAt, v1.Tier));
        Assert.Equal((changed.YamlContent, "TIER_1", "team-b"), (v2!.YamlContent, v2.Tier, v2.OwnerTeam));
        Assert.Equal((3, original.YamlContent, "TIER_2"), (latest!.Version, latest.YamlContent, latest.Tier));
    }

    [Fact]
    public async Task GetAsync_UnknownUrnOrVersion_ReturnsNull()
    {
        await Store.RegisterAsync([Request("ds://raw/orders")], Ct);

        Assert.Null(await Store.GetAsync("ds://raw/orders", 2, Ct));
        Assert.Null(await Store.GetAsync("ds://raw/missing", null, Ct));
        Assert.Null(await Store.GetAsync("ds://raw/missing", 1, Ct));
        Assert.Empty(await Store.GetVersionsAsync("ds://raw/missing", Ct));
    }

    [Fact]
    public async Task RegisterAsync_SameUrnTwiceInOneBatch_CreatesTwoVersionsInRequestOrder()
    {
        var results = await Store.RegisterAsync(
            [Request("ds://raw/orders", "r1"), Request("ds://raw/other"), Request("ds://raw/orders", "r2"), Request("ds://raw/orders", "r2")],
            Ct);

        Assert.Equal(
            [("ds://raw/orders", 1, RegistrationOutcome.Created), ("ds://raw/other", 1, RegistrationOutcome.Created),
                ("ds://raw/orders", 2, RegistrationOutcome.NewVersion), ("ds://raw/orders", 2, RegistrationOutcome.Unchanged)],
            results.Select(r => (r.Dataset.Urn, r.Dataset.Version, r.Outcome)));
    }

    [Fact]
    public async Task RegisterAsync_EmptyBatch_ReturnsNothing()
    {
        Assert.Empty(await Store.RegisterAsync([], Ct));
    }

    [Fact]
    public async Task RegisterAsync_BatchWithOneMalformedRequest_RegistersNothing()
    {
        var bad = Request("ds://raw/c") with { ContentHash = " " };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(
            () => Store.RegisterAsync([Request("ds://raw/a"), Request("ds://raw/b"), bad], Ct));

        Assert.Contains("requests[2].ContentHash", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync("ds://raw/a", null, Ct));
        Assert.Empty((await Store.ListAsync(new RegistryQuery(), Ct)).Items);
    }

    [Fact]
    public async Task RegisterAsync_HookRunsBeforeCommit_SeesAssignedVersionsThatOthersCannotSeeYet()
    {
        await Store.RegisterAsync([Request("ds://raw/orders", "r1")], Ct);
        IReadOnlyList<RegistrationResult>? seen = null;
        RegisteredDataset? visibleToOthers = null;

        await Store.RegisterAsync(
            [Request("ds://raw/orders", "r2"), Request("ds://raw/new")],
            async (pending, ct) =>
            {
                seen = pending;
                visibleToOthers = await OpenStore(Clock).GetAsync("ds://raw/new", null, ct);
            },
            Ct);

        Assert.NotNull(seen);
        Assert.Equal([("ds://raw/orders", 2), ("ds://raw/new", 1)], seen.Select(r => (r.Dataset.Urn, r.Dataset.Version)));
        Assert.Null(visibleToOthers);
        Assert.NotNull(await Store.GetAsync("ds://raw/new", null, Ct));
    }

    [Fact]
    public async Task RegisterAsync_HookThrows_CommitsNothing()
    {
        await Store.RegisterAsync([Request("ds://raw/orders", "r1")], Ct);

        await Assert.ThrowsAsync<IOException>(() => Store.RegisterAsync(
            [Request("ds://raw/orders", "r2"), Request("ds://raw/new")],
            (_, _) => throw new IOException("artifact store unavailable"),
            Ct));

        Assert.Equal([1], await Store.GetVersionsAsync("ds://raw/orders", Ct));
        Assert.Null(await Store.GetAsync("ds://raw/new", null, Ct));
    }

    [Fact]
    public async Task RegisterAsync_ValuesWithSqlSyntax_AreStoredVerbatim()
    {
        const string urn = "ds://raw/x'); DROP TABLE datasets; --";
        var request = Request(urn, ownerTeam: "team\"; DELETE FROM dataset_versions; --") with { YamlContent = "a: '\\'\n-- b; \"c\"\n" };

        await Store.RegisterAsync([request], Ct);

        var stored = await Store.GetAsync(urn, null, Ct);
        Assert.Equal((request.OwnerTeam, request.YamlContent), (stored!.OwnerTeam, stored.YamlContent));
        Assert.Single((await Store.ListAsync(new RegistryQuery(OwnerTeam: request.OwnerTeam), Ct)).Items);
    }

    [Fact]
    public async Task SetStatusAsync_KnownStatus_UpdatesStatusBootstrapIdAndUpdatedAtOnly()
    {
        await Store.RegisterAsync([Request("ds://raw/orders")], Ct);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await Store.SetStatusAsync("ds://raw/orders", DatasetStatus.Bootstrapping, "bs-0001", Ct);

        Assert.Equal((DatasetStatus.Bootstrapping, "bs-0001"), (updated.Status, updated.BootstrapId));
        Assert.Equal((Start, Start.AddMinutes(5)), (updated.RegisteredAt, updated.UpdatedAt));
        Assert.Equal(updated, await Store.GetAsync("ds://raw/orders", null, Ct));

        var ready = await Store.SetStatusAsync("ds://raw/orders", DatasetStatus.SignalReady, null, Ct);
        Assert.Equal((DatasetStatus.SignalReady, (string?)null), (ready.Status, ready.BootstrapId));
    }

    [Theory]
    [InlineData("READY")]
    [InlineData("registered")]
    [InlineData("")]
    public async Task SetStatusAsync_UnknownStatus_ThrowsAndChangesNothing(string status)
    {
        await Store.RegisterAsync([Request("ds://raw/orders")], Ct);
        var before = await Store.GetAsync("ds://raw/orders", null, Ct);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.SetStatusAsync("ds://raw/orders", status, null, Ct));

        Assert.Contains("REGISTERED, BOOTSTRAPPING, SIGNAL_READY, DECOMMISSIONED", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Store.GetAsync("ds://raw/orders", null, Ct));
    }

    [Fact]
    public async Task SetStatusAsync_UnknownUrn_ThrowsDatasetNotFound()
    {
        var error = await Assert.ThrowsAsync<DatasetNotFoundException>(
            () => Store.SetStatusAsync("ds://raw/missing", DatasetStatus.Bootstrapping, null, Ct));

        Assert.Equal("ds://raw/missing", error.Urn);
    }

    [Fact]
    public async Task RegisterAsync_NewVersion_KeepsCurrentStatusAndBootstrapId()
    {
        await Store.RegisterAsync([Request("ds://raw/orders", "r1")], Ct);
        await Store.SetStatusAsync("ds://raw/orders", DatasetStatus.SignalReady, "bs-7", Ct);

        var result = Assert.Single(await Store.RegisterAsync([Request("ds://raw/orders", "r2")], Ct));

        Assert.Equal((2, DatasetStatus.SignalReady, "bs-7"), (result.Dataset.Version, result.Dataset.Status, result.Dataset.BootstrapId));
        // Status is the dataset's, whichever version is read.
        var v1 = await Store.GetAsync("ds://raw/orders", 1, Ct);
        Assert.Equal(DatasetStatus.SignalReady, v1!.Status);
    }
}
