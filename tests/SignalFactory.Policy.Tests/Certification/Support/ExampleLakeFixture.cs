using SignalFactory.Core.Manifests;
using SignalFactory.Examples.Lake;

namespace SignalFactory.Policy.Tests.Certification.Support;

/// <summary>
/// One small example lake shared by the certification tests: 12 days (so the version-10 checkpoint exists) × 200
/// rows. Tests that change a table work on a copy (<see cref="CopyTable"/>).
/// </summary>
public sealed class ExampleLakeFixture : IAsyncLifetime
{
    public const int Days = 12;
    public const int RowsPerPartition = 200;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "sf-certify-lake-" + Guid.NewGuid().ToString("N"));

    public string LakeDirectory => Path.Combine(_root, "lake");

    public ExampleLakeResult Result { get; private set; } = null!;

    public ExampleLakeTable Orders => Result.Tables.Single(t => t.Name == "orders_enriched");

    public ExampleLakeTable Events => Result.Tables.Single(t => t.Name == "customer_events");

    public ExampleLakeTable Sessions => Result.Tables.Single(t => t.Name == "web_sessions");

    public async Task InitializeAsync()
    {
        Result = await new ExampleLakeGenerator().GenerateAsync(
            LakeDirectory, new ExampleLakeOptions { Days = Days, RowsPerPartition = RowsPerPartition }, null, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The table's example manifest, as the registry would hand it over.</summary>
    public static async Task<DatasetManifest> ManifestAsync(ExampleLakeTable table)
    {
        var loaded = await ManifestLoader.LoadFileAsync(table.ManifestPath, CancellationToken.None);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Report.All));
        return loaded.Manifest!;
    }

    /// <summary>Copies a table folder (data and log) to <paramref name="target"/>.</summary>
    public static void CopyTable(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ExampleLakeCollection : ICollectionFixture<ExampleLakeFixture>
{
    public const string Name = "certification example lake";
}
