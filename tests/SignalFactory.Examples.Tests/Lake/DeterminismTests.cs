using System.Security.Cryptography;
using SignalFactory.Examples.Lake;

namespace SignalFactory.Examples.Tests.Lake;

public sealed class DeterminismTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sf-examples-determinism-" + Guid.NewGuid().ToString("N"));

    private static ExampleLakeOptions Options(int seed) => new() { Days = 3, RowsPerPartition = 500, MaxRowsPerFile = 300, Seed = seed };

    [Fact]
    public async Task Generate_SameSeedTwice_WritesByteIdenticalDataAndLogs()
    {
        var first = await Generate("a", Options(7));
        var second = await Generate("b", Options(7));

        var a = Hashes(first.Directory);
        var b = Hashes(second.Directory);
        Assert.Equal(a.Keys, b.Keys);
        Assert.Contains(a.Keys, k => k.EndsWith(".parquet", StringComparison.Ordinal));
        Assert.Contains(a.Keys, k => k.Contains("_delta_log", StringComparison.Ordinal));
        Assert.All(a, kv => Assert.True(kv.Value == b[kv.Key], $"{kv.Key} differs between runs"));

        // Manifests name the lake's absolute path; apart from it they are identical too.
        foreach (var (manifestA, manifestB) in first.ManifestPaths.Zip(second.ManifestPaths))
        {
            Assert.Equal(
                File.ReadAllText(manifestA).Replace(first.Directory, "<lake>", StringComparison.Ordinal),
                File.ReadAllText(manifestB).Replace(second.Directory, "<lake>", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Generate_DifferentSeed_WritesDifferentData()
    {
        var first = await Generate("a", Options(7));
        var second = await Generate("b", Options(8));

        var cards = (ExampleLakeResult r) => LakeFixture.Rows(
                "SELECT card_number FROM read_parquet($1) ORDER BY ALL",
                Path.Combine(r.Directory, "orders_enriched", "*", "*.parquet"))
            .Select(x => (string)x[0]!).ToList();
        Assert.NotEqual(cards(first), cards(second));
        var events = (ExampleLakeResult r) => File.ReadAllBytes(Path.Combine(r.Directory, "customer_events", "dt=2026-11-01", "part-00000.parquet"));
        Assert.NotEqual(events(first), events(second));
    }

    [Fact]
    public async Task Generate_FewerThanTenCommits_WritesNoCheckpoint()
    {
        var result = await Generate("a", Options(7));
        var log = Path.Combine(result.Directory, "orders_enriched", "_delta_log");

        Assert.Empty(Directory.GetFiles(log, "*.checkpoint.parquet"));
        Assert.False(File.Exists(Path.Combine(log, "_last_checkpoint")));
        var replay = DeltaLogReplay.Read(Path.Combine(result.Directory, "orders_enriched"));
        Assert.Equal(5, replay.Commits.Count);
        Assert.Equal(3 * 2, replay.Active.Count);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task<ExampleLakeResult> Generate(string name, ExampleLakeOptions options) =>
        new ExampleLakeGenerator().GenerateAsync(Path.Combine(_root, name), options, progress: null, CancellationToken.None);

    private static Dictionary<string, string> Hashes(string directory) => Directory
        .GetFiles(directory, "*", SearchOption.AllDirectories)
        .Where(f => !f.Contains(Path.DirectorySeparatorChar + "manifests" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        .ToDictionary(
            f => Path.GetRelativePath(directory, f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
