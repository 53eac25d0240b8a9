using System.Text;
using SignalFactory.Registry.Sqlite;
using SignalFactory.Registry.Tests.TestSupport;
using SignalFactory.Storage.Artifacts;
using static SignalFactory.Registry.Tests.TestSupport.Manifests;

namespace SignalFactory.Registry.Tests.Datasets;

public sealed class DatasetRegistryServiceTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    private string DatabasePath => Path.Combine(_temp.Path, "state.db");

    private string ArtifactsRoot => Path.Combine(_temp.Path, "artifacts");

    private static CancellationToken Ct => CancellationToken.None;

    public Task InitializeAsync() => SqliteMigrator.ApplyAsync(DatabasePath, RegistryMigrations.All, Ct);

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    private SqliteRegistryStore NewStore() => new(DatabasePath, _clock);

    private (DatasetRegistryService Service, ScriptedArtifactStore Artifacts) NewService()
    {
        var artifacts = new ScriptedArtifactStore(new LocalArtifactStore(ArtifactsRoot));
        return (new DatasetRegistryService(NewStore(), artifacts), artifacts);
    }

    // The file a key should land in, built from the documented layout rather than from ArtifactKeys.
    private string FileOf(string zone, string name, string file) => Path.Combine(ArtifactsRoot, "datasets", zone, name, file);

    private static RegistrationRequest WithYaml(string urn, string yaml) => Request(urn) with { YamlContent = yaml, ContentHash = Sha256(yaml) };

    [Fact]
    public async Task RegisterAsync_NewDataset_WritesVersionAndLatestWithExactUtf8Bytes()
    {
        var (service, _) = NewService();
        const string yaml = "urn: ds://raw/orders\n# café ✓\n";

        await service.RegisterAsync([WithYaml("ds://raw/orders", yaml)], Ct);

        var expected = Encoding.UTF8.GetBytes(yaml);
        Assert.Equal(expected, await File.ReadAllBytesAsync(FileOf("raw", "orders", "dataset.yaml.v1"), Ct));
        Assert.Equal(expected, await File.ReadAllBytesAsync(FileOf("raw", "orders", "dataset.yaml"), Ct));
        Assert.Equal(["dataset.yaml", "dataset.yaml.v1"], Directory.GetFiles(Path.Combine(ArtifactsRoot, "datasets", "raw", "orders")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task RegisterAsync_ChangedContent_AddsVersionAndKeepsHistory()
    {
        var (service, _) = NewService();
        var r1 = Request("ds://raw/orders", "r1");
        var r2 = Request("ds://raw/orders", "r2");

        await service.RegisterAsync([r1], Ct);
        await service.RegisterAsync([r2], Ct);

        Assert.Equal(r1.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml.v1"), Ct));
        Assert.Equal(r2.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml.v2"), Ct));
        Assert.Equal(r2.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml"), Ct));
    }

    [Fact]
    public async Task RegisterAsync_IdenticalContentWithIntactArtifacts_WritesNothing()
    {
        var (service, artifacts) = NewService();
        await service.RegisterAsync([Request("ds://raw/orders")], Ct);
        var writesBefore = artifacts.Writes.Count;

        var result = Assert.Single(await service.RegisterAsync([Request("ds://raw/orders")], Ct));

        Assert.Equal(RegistrationOutcome.Unchanged, result.Outcome);
        Assert.Equal(2, writesBefore);
        Assert.Equal(writesBefore, artifacts.Writes.Count);
    }

    [Fact]
    public async Task RegisterAsync_SameNameInTwoZones_UsesSeparateFolders()
    {
        var (service, _) = NewService();
        var raw = Request("ds://raw/orders", "raw");
        var curated = Request("ds://curated/orders", "curated");

        await service.RegisterAsync([raw, curated], Ct);

        Assert.Equal(raw.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml"), Ct));
        Assert.Equal(curated.YamlContent, await File.ReadAllTextAsync(FileOf("curated", "orders", "dataset.yaml"), Ct));
        Assert.Equal(curated.YamlContent, await File.ReadAllTextAsync(FileOf("curated", "orders", "dataset.yaml.v1"), Ct));
    }

    [Fact]
    public async Task RegisterAsync_SameUrnTwiceInBatch_WritesBothVersionsAndLatestIsTheSecond()
    {
        var (service, _) = NewService();
        var r1 = Request("ds://raw/orders", "r1");
        var r2 = Request("ds://raw/orders", "r2");

        await service.RegisterAsync([r1, r2], Ct);

        Assert.Equal(r1.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml.v1"), Ct));
        Assert.Equal(r2.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml.v2"), Ct));
        Assert.Equal(r2.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml"), Ct));
    }

    [Fact]
    public async Task RegisterAsync_UnchangedWithMissingOrStaleArtifacts_RepairsThem()
    {
        var (service, _) = NewService();
        var r1 = Request("ds://raw/orders", "r1");
        var r2 = Request("ds://raw/orders", "r2");
        await service.RegisterAsync([r1], Ct);
        await service.RegisterAsync([r2], Ct);

        File.Delete(FileOf("raw", "orders", "dataset.yaml"));
        await service.RegisterAsync([r2], Ct);
        Assert.Equal(r2.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml"), Ct));

        // A crash between commit and latest copy leaves the previous version as "latest".
        await File.WriteAllTextAsync(FileOf("raw", "orders", "dataset.yaml"), r1.YamlContent, Ct);
        File.Delete(FileOf("raw", "orders", "dataset.yaml.v2"));
        await service.RegisterAsync([r2], Ct);
        Assert.Equal(r2.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml"), Ct));
        Assert.Equal(r2.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml.v2"), Ct));
    }

    [Fact]
    public async Task RegisterAsync_VersionArtifactWriteFails_CommitsNothing()
    {
        var (service, artifacts) = NewService();
        await service.RegisterAsync([Request("ds://raw/orders", "r1")], Ct);
        artifacts.FailWrite = key => key.EndsWith(".v2", StringComparison.Ordinal);

        await Assert.ThrowsAsync<IOException>(() => service.RegisterAsync([Request("ds://raw/orders", "r2"), Request("ds://raw/other")], Ct));

        var store = NewStore();
        Assert.Equal([1], await store.GetVersionsAsync("ds://raw/orders", Ct));
        Assert.Null(await store.GetAsync("ds://raw/other", null, Ct));
        Assert.Equal(Request("ds://raw/orders", "r1").YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml"), Ct));
    }

    [Fact]
    public async Task RegisterAsync_LatestCopyWriteFails_VersionArtifactExistsAndRetryRepairs()
    {
        var (service, artifacts) = NewService();
        artifacts.FailWrite = key => key.EndsWith("/dataset.yaml", StringComparison.Ordinal);
        var request = Request("ds://raw/orders");

        await Assert.ThrowsAsync<IOException>(() => service.RegisterAsync([request], Ct));

        // Committed, and the version the database names has its artifact.
        Assert.Equal([1], await NewStore().GetVersionsAsync("ds://raw/orders", Ct));
        Assert.Equal(request.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml.v1"), Ct));
        Assert.False(File.Exists(FileOf("raw", "orders", "dataset.yaml")));

        artifacts.FailWrite = _ => false;
        var retry = Assert.Single(await service.RegisterAsync([request], Ct));
        Assert.Equal(RegistrationOutcome.Unchanged, retry.Outcome);
        Assert.Equal(request.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml"), Ct));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("ds://raw/../orders")]
    [InlineData("ds://raw")]
    public async Task RegisterAsync_UrnThatCannotBeAFolder_ThrowsBeforeTouchingTheStore(string urn)
    {
        var (service, artifacts) = NewService();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(
            () => service.RegisterAsync([Request("ds://raw/fine"), Request(urn)], Ct));

        Assert.StartsWith("requests[1].Urn", error.Message, StringComparison.Ordinal);
        Assert.Null(await NewStore().GetAsync("ds://raw/fine", null, Ct));
        Assert.Empty(artifacts.Writes);
    }

    [Fact]
    public async Task RegisterAsync_TwoServicesChangingOneUrnAtOnce_LeaveLatestCopyEqualToLatestVersion()
    {
        const int rounds = 15;
        var (serviceA, _) = NewService();
        var (serviceB, _) = NewService();
        using var start = new Barrier(2);

        Task Writer(DatasetRegistryService service, string name) => Task.Run(async () =>
        {
            start.SignalAndWait();
            for (var i = 0; i < rounds; i++)
            {
                await service.RegisterAsync([Request("ds://raw/orders", $"{name}-{i}")], Ct);
            }
        });

        await Task.WhenAll(Writer(serviceA, "a"), Writer(serviceB, "b"));

        var store = NewStore();
        var latest = await store.GetAsync("ds://raw/orders", null, Ct);
        Assert.Equal(2 * rounds, latest!.Version);
        Assert.Equal(latest.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml"), Ct));
        for (var version = 1; version <= 2 * rounds; version++)
        {
            var stored = await store.GetAsync("ds://raw/orders", version, Ct);
            Assert.Equal(stored!.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", $"dataset.yaml.v{version}"), Ct));
        }
    }

    [Fact]
    public async Task RegisterAsync_OlderLatestCopyLandsAfterNewerOne_IsCorrectedToTheNewestVersion()
    {
        var (serviceA, artifactsA) = NewService();
        var (serviceB, _) = NewService();
        var r2 = Request("ds://raw/orders", "r2");
        var r3 = Request("ds://raw/orders", "r3");
        await serviceA.RegisterAsync([Request("ds://raw/orders", "r1")], Ct);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        artifactsA.BeforeWrite = async (key, content) =>
        {
            if (key.EndsWith("/dataset.yaml", StringComparison.Ordinal) && Encoding.UTF8.GetString(content.Span) == r2.YamlContent)
            {
                held.SetResult();
                await release.Task;
            }
        };

        // A commits v2 and is held just before writing its latest copy; B commits v3 and publishes it; then A goes on.
        var registeringA = serviceA.RegisterAsync([r2], Ct);
        await held.Task;
        await serviceB.RegisterAsync([r3], Ct);
        Assert.Equal(r3.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml"), Ct));
        release.SetResult();
        await registeringA;

        Assert.Equal(r3.YamlContent, await File.ReadAllTextAsync(FileOf("raw", "orders", "dataset.yaml"), Ct));
    }

    [Fact]
    public void ComputeContentHash_KnownVector_MatchesSha256()
    {
        // FIPS 180-2 test vector: SHA-256("abc").
        Assert.Equal(
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            DatasetRegistryService.ComputeContentHash("abc"));
    }
}
