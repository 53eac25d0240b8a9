using SignalFactory.Registry.Sqlite;
using SignalFactory.Registry.Tests.Datasets;
using SignalFactory.Registry.Tests.TestSupport;

namespace SignalFactory.Registry.Tests.Sqlite;

/// <summary>The compliance suite on a SQLite file per test, plus SQLite-specific checks.</summary>
public sealed class SqliteRegistryStoreTests : RegistryStoreCompliance
{
    private readonly TempFolder _temp = new();

    private string DatabasePath => Path.Combine(_temp.Path, "state.db");

    protected override async Task CreateBackendAsync()
        => await SqliteMigrator.ApplyAsync(DatabasePath, RegistryMigrations.All, Ct);

    protected override Task DropBackendAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    protected override IRegistryStore OpenStore(TimeProvider timeProvider) => new SqliteRegistryStore(DatabasePath, timeProvider);

    [Fact]
    public async Task RegisterAsync_StoreReopenedAfterPoolsCleared_KeepsEverything()
    {
        await Store.RegisterAsync([Manifests.Request("ds://raw/orders", "r1"), Manifests.Request("ds://raw/orders", "r2")], Ct);
        await Store.SetStatusAsync("ds://raw/orders", DatasetStatus.Bootstrapping, "bs-1", Ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var reopened = new SqliteRegistryStore(DatabasePath, Clock);

        var latest = await reopened.GetAsync("ds://raw/orders", null, Ct);
        Assert.Equal((2, DatasetStatus.Bootstrapping, "bs-1"), (latest!.Version, latest.Status, latest.BootstrapId));
    }

    [Fact]
    public async Task Constructor_MissingDatabaseFile_FailsOnUseWithoutCreatingIt()
    {
        var missing = Path.Combine(_temp.Path, "nope", "state.db");
        var store = new SqliteRegistryStore(missing, Clock);

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => store.GetAsync("ds://raw/a", null, Ct));

        Assert.False(File.Exists(missing));
    }
}
