using SignalFactory.Core.Manifests;
using SignalFactory.DuckDb;
using SignalFactory.Examples.Lake;

namespace SignalFactory.Profiling.Tests.Dispatch.Support;

/// <summary>One small example lake (10 days × 1,000 rows) shared by a test class, plus a DuckDB connection for the test's own counts.</summary>
public sealed class ExampleLakeFixture : IAsyncLifetime
{
    public const int Days = 10;
    public const int RowsPerPartition = 1000;

    private readonly TempDir _temp = new();

    public ExampleLakeResult Lake { get; private set; } = null!;

    internal DuckDbDatabase Database { get; } = DuckDbDatabase.Open();

    internal DuckDbConnection Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connection = Database.Connect();
        Lake = await new ExampleLakeGenerator().GenerateAsync(
            _temp.Combine("lake"), new ExampleLakeOptions { Days = Days, RowsPerPartition = RowsPerPartition, Seed = 7 }, null, CancellationToken.None);
    }

    public ExampleLakeTable Table(string name) => Lake.Tables.Single(t => t.Name == name);

    public async Task<DatasetManifest> ManifestAsync(string name)
    {
        var loaded = await ManifestLoader.LoadFileAsync(Table(name).ManifestPath, CancellationToken.None);
        Assert.True(loaded.IsValid, string.Join('\n', loaded.Report.All));
        return loaded.Manifest!;
    }

    internal string TempPath(string name) => _temp.Combine(name);

    public Task DisposeAsync()
    {
        Connection.Dispose();
        Database.Dispose();
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
