using System.Security.Cryptography;
using SignalFactory.Examples.Lake;

namespace SignalFactory.Examples.Tests.Lake;

/// <summary>Three small lakes: two with the same seed, one with another.</summary>
public sealed class SeededLakes : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sf-examples-determinism-" + Guid.NewGuid().ToString("N"));

    public ExampleLakeResult First { get; private set; } = null!;

    public ExampleLakeResult SameSeed { get; private set; } = null!;

    public ExampleLakeResult OtherSeed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var lakes = await Task.WhenAll(Generate("a", 7), Generate("b", 7), Generate("c", 8));
        (First, SameSeed, OtherSeed) = (lakes[0], lakes[1], lakes[2]);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    private Task<ExampleLakeResult> Generate(string name, int seed) => new ExampleLakeGenerator().GenerateAsync(
        Path.Combine(_root, name),
        new ExampleLakeOptions { Days = 3, RowsPerPartition = 500, MaxRowsPerFile = 300, Seed = seed },
        progress: null,
        CancellationToken.None);
}

public sealed class DeterminismTests(SeededLakes lakes) : IClassFixture<SeededLakes>
{
    [Fact]
    public void Generate_SameSeedTwice_WritesByteIdenticalDataAndLogs()
    {
        var a = Hashes(lakes.First.Directory);
        var b = Hashes(lakes.SameSeed.Directory);

        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.Contains(a.Keys, k => k.EndsWith(".parquet", StringComparison.Ordinal));
        Assert.Contains(a.Keys, k => k.Contains("_delta_log", StringComparison.Ordinal));
        Assert.All(a, kv => Assert.True(kv.Value == b[kv.Key], $"{kv.Key} differs between runs"));

        // Manifests name the lake's absolute path; apart from it they are identical too.
        foreach (var (manifestA, manifestB) in lakes.First.ManifestPaths.Zip(lakes.SameSeed.ManifestPaths))
        {
            Assert.Equal(
                File.ReadAllText(manifestA).Replace(lakes.First.Directory, "<lake>", StringComparison.Ordinal),
                File.ReadAllText(manifestB).Replace(lakes.SameSeed.Directory, "<lake>", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Generate_DifferentSeed_WritesDifferentData()
    {
        static List<string> Cards(ExampleLakeResult r) => LakeFixture.Rows(
                "SELECT card_number FROM read_parquet($1) ORDER BY ALL",
                Path.Combine(r.Directory, "orders_enriched", "*", "*.parquet"))
            .Select(x => (string)x[0]!).ToList();
        static byte[] Events(ExampleLakeResult r) =>
            File.ReadAllBytes(Path.Combine(r.Directory, "customer_events", "dt=2026-11-01", "part-00000.parquet"));

        Assert.NotEqual(Cards(lakes.First), Cards(lakes.OtherSeed));
        Assert.NotEqual(Events(lakes.First), Events(lakes.OtherSeed));
        Assert.NotEqual(
            File.ReadAllText(Path.Combine(lakes.First.Directory, "orders_enriched", "_delta_log", "00000000000000000001.json")),
            File.ReadAllText(Path.Combine(lakes.OtherSeed.Directory, "orders_enriched", "_delta_log", "00000000000000000001.json")));
    }

    [Fact]
    public void Generate_FewerThanTenCommits_WritesNoCheckpoint()
    {
        var table = Path.Combine(lakes.First.Directory, "orders_enriched");
        var log = Path.Combine(table, "_delta_log");

        Assert.Empty(Directory.GetFiles(log, "*.checkpoint.parquet"));
        Assert.False(File.Exists(Path.Combine(log, "_last_checkpoint")));
        var replay = DeltaLogReplay.Read(table);
        Assert.Equal(5, replay.Commits.Count);
        Assert.Equal(3 * 2, replay.Active.Count);
    }

    private static Dictionary<string, string> Hashes(string directory) => Directory
        .GetFiles(directory, "*", SearchOption.AllDirectories)
        .Where(f => !f.Contains(Path.DirectorySeparatorChar + "manifests" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        .ToDictionary(
            f => Path.GetRelativePath(directory, f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
