using SignalFactory.Cli.Tests.Support;
using SignalFactory.Examples.Lake;

namespace SignalFactory.Cli.Tests.Bootstrap;

/// <summary>One small example lake (3 days × 200 rows) shared by the bootstrap tests of a class; tests copy from it.</summary>
public sealed class BootstrapLakeFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public string Lake => _folder.Combine("lake");

    public string OrdersManifest => Path.Combine(Lake, "manifests", "orders_enriched.yaml");

    public string Orders => Path.Combine(Lake, "orders_enriched");

    public async Task InitializeAsync() =>
        await new ExampleLakeGenerator().GenerateAsync(Lake, new ExampleLakeOptions { Days = 3, RowsPerPartition = 200 }, null, CancellationToken.None);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Copies the Tier-1 Delta table into <paramref name="cwd"/> and writes a manifest whose <c>storage.gold</c> is the
    /// copy, so a test may delete and rewrite its gold table. Returns (manifest path, gold path).
    /// </summary>
    internal (string Manifest, string Gold) CopyOrders(TempFolder cwd)
    {
        var gold = cwd.Combine("lake", "orders_enriched");
        CopyFolder(Orders, gold);
        var yaml = File.ReadAllText(OrdersManifest).Replace(Orders, gold, StringComparison.Ordinal);
        var manifest = cwd.Combine("orders_enriched.yaml");
        File.WriteAllText(manifest, yaml);
        return (manifest, gold);
    }

    internal static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
