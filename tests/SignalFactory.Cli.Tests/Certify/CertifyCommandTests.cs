using System.Globalization;
using System.Text.RegularExpressions;
using SignalFactory.Cli.Tests.Support;
using SignalFactory.Examples.Lake;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Synthetic;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Cli.Tests.Certify;

/// <summary>One example lake (12 days × 200 rows, so the Delta log has a checkpoint) for every test in the class.</summary>
public sealed class CertifyLakeFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public string Lake => _folder.Combine("lake");

    public string Manifests => Path.Combine(Lake, "manifests");

    public string Orders => Path.Combine(Lake, "orders_enriched");

    public async Task InitializeAsync() =>
        await new ExampleLakeGenerator().GenerateAsync(Lake, new ExampleLakeOptions { Days = 12, RowsPerPartition = 200 }, null, CancellationToken.None);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed partial class CertifyCommandTests(CertifyLakeFixture lake) : IClassFixture<CertifyLakeFixture>
{
    private const string OrdersUrn = "ds://curated/orders_enriched";

    [Fact]
    public async Task Certify_RegisteredExampleDelta_PointsAtTheLogsHighestCommit()
    {
        using var cwd = new TempFolder();
        Assert.Equal(0, (await CliRun.InAsync(cwd.Path, "registry", "register", lake.Manifests)).ExitCode);

        var result = await CliRun.InAsync(cwd.Path, "certify", OrdersUrn, "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal("CERTIFIED", json.GetProperty("status").GetString());
        Assert.Equal(HighestCommit(lake.Orders), json.GetProperty("pointer").GetProperty("version").GetInt64());
        Assert.Equal("delta_version", json.GetProperty("pointer").GetProperty("type").GetString());
        Assert.Equal(6, json.GetProperty("record").GetProperty("staleness_sla_hours").GetInt32());
        Assert.Equal("v0", json.GetProperty("record").GetProperty("current_certified_version").GetString());
        var edges = json.GetProperty("graph").GetProperty("edges").EnumerateArray()
            .Select(e => (e.GetProperty("from").GetString(), e.GetProperty("label").GetString())).ToList();
        Assert.Contains(("team:data-platform", "OWNS"), edges);
    }

    [Fact]
    public async Task Certify_HumanOutput_ShowsStatusPointerAndSla()
    {
        using var cwd = new TempFolder();
        await CliRun.InAsync(cwd.Path, "registry", "register", lake.Manifests);

        var result = await CliRun.InAsync(cwd.Path, "certify", "ds://raw/customer_events");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ds://raw/customer_events: CERTIFIED", result.Output, StringComparison.Ordinal);
        Assert.Contains("partition dt=2026-11-01", result.Output, StringComparison.Ordinal);
        Assert.Contains("SLA 24 h (TIER_2)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certify_UnregisteredUrn_ExitsTwo()
    {
        using var cwd = new TempFolder();
        await CliRun.InAsync(cwd.Path, "registry", "register", lake.Manifests);

        var result = await CliRun.InAsync(cwd.Path, "certify", "ds://curated/unknown_table");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not registered", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-urn")]
    [InlineData("")]
    public async Task Certify_BadArguments_ExitTwo(string urn)
    {
        using var cwd = new TempFolder();
        await CliRun.InAsync(cwd.Path, "registry", "register", lake.Manifests);

        var result = urn.Length == 0 ? await CliRun.InAsync(cwd.Path, "certify") : await CliRun.InAsync(cwd.Path, "certify", urn);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Certify_NoWorkspace_ExitsTwoAndCreatesNothing()
    {
        using var cwd = new TempFolder();

        var result = await CliRun.InAsync(cwd.Path, "certify", OrdersUrn);

        Assert.Equal(2, result.ExitCode);
        Assert.False(Directory.Exists(cwd.Combine(".sf")));
    }

    [Fact]
    public async Task Certify_MissingGoldThenFirstWrite_DeferredThenCertifiedByRunningAgain()
    {
        using var cwd = new TempFolder();
        var gold = cwd.Combine("late", "orders_late");
        await RegisterLateOrdersAsync(cwd, gold);

        var deferred = await CliRun.InAsync(cwd.Path, "certify", "ds://curated/orders_late", "--json");
        CopyFolder(lake.Orders, gold);
        var certified = await CliRun.InAsync(cwd.Path, "certify", "ds://curated/orders_late", "--json");

        Assert.Equal(0, deferred.ExitCode);
        Assert.Equal("DEFERRED", deferred.Json().GetProperty("status").GetString());
        Assert.Equal("GOLD_TABLE_NOT_FOUND", deferred.Json().GetProperty("deferred_reason").GetString());
        Assert.Equal(0, certified.ExitCode);
        Assert.Equal("CERTIFIED", certified.Json().GetProperty("status").GetString());
        Assert.Equal(HighestCommit(gold), certified.Json().GetProperty("pointer").GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task CheckDeferred_AfterFirstWrite_CompletesTheCertification()
    {
        using var cwd = new TempFolder();
        var gold = cwd.Combine("late", "orders_late");
        await RegisterLateOrdersAsync(cwd, gold);
        await CliRun.InAsync(cwd.Path, "certify", "ds://curated/orders_late");

        var before = await CliRun.InAsync(cwd.Path, "certify", "--check-deferred", "--json");
        CopyFolder(lake.Orders, gold);
        var after = await CliRun.InAsync(cwd.Path, "certify", "--check-deferred", "--json");
        var shown = await CliRun.InAsync(cwd.Path, "certify", "ds://curated/orders_late", "--json");

        Assert.Equal(0, before.ExitCode);
        Assert.Equal("still_deferred", before.Json()[0].GetProperty("outcome").GetString());
        Assert.Equal(0, after.ExitCode);
        var entry = after.Json()[0];
        Assert.Equal("completed", entry.GetProperty("outcome").GetString());
        Assert.Equal(HighestCommit(gold), entry.GetProperty("pointer").GetProperty("version").GetInt64());
        Assert.False(shown.Json().GetProperty("record_changed").GetBoolean());
    }

    [Fact]
    public async Task Certify_BaselineFingerprintDiffers_ExitsOneAndSaysToProfileAgain()
    {
        using var cwd = new TempFolder();
        await CliRun.InAsync(cwd.Path, "registry", "register", lake.Manifests);
        var baseline = Synthetic(OrdersUrn) with
        {
            Schema = new SchemaBaseline
            {
                ColumnCount = 1,
                CanonicalFingerprint = "sha256:" + new string('0', 64),
                Columns = [new SchemaColumn { Name = "legacy_id", Type = "LONG", Nullable = false }],
            },
        };
        await WriteBaselineAsync(cwd, OrdersUrn, baseline);

        var result = await CliRun.InAsync(cwd.Path, "certify", OrdersUrn, "--json");

        Assert.Equal(1, result.ExitCode);
        var json = result.Json();
        Assert.Equal("SCHEMA_CHANGED", json.GetProperty("status").GetString());
        Assert.Contains($"sf profile {OrdersUrn}", json.GetProperty("next_step").GetString(), StringComparison.Ordinal);
        var changes = json.GetProperty("schema_differences").EnumerateArray()
            .Select(d => (d.GetProperty("column").GetString(), d.GetProperty("change").GetString())).ToList();
        Assert.Contains(("legacy_id", "removed"), changes);
        Assert.Contains(("order_id", "added"), changes);
    }

    [Fact]
    public async Task Certify_SyntheticBaseline_CertifiesWithTheBaselinesBootstrapId()
    {
        using var cwd = new TempFolder();
        await CliRun.InAsync(cwd.Path, "registry", "register", lake.Manifests);
        await WriteBaselineAsync(cwd, OrdersUrn, Synthetic(OrdersUrn));

        var result = await CliRun.InAsync(cwd.Path, "certify", OrdersUrn, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("synthetic_pending", result.Json().GetProperty("schema_check").GetString());
        Assert.Equal("boot-cli-test", result.Json().GetProperty("record").GetProperty("bootstrap_id").GetString());
    }

    private static Baseline Synthetic(string urn) =>
        new SyntheticBaselineGenerator(TimeProvider.System).Generate(urn, "TIER_1", "boot-cli-test", SyntheticReasons.NoHistory);

    private static async Task WriteBaselineAsync(TempFolder cwd, string urn, Baseline baseline)
    {
        var store = new LocalArtifactStore(cwd.Combine(".sf", "artifacts"));
        await store.WriteAsync(ArtifactKeys.Baseline(urn), BaselineJson.Serialize(baseline), CancellationToken.None);
    }

    // The example orders manifest, renamed and pointed at a folder that does not exist yet.
    private async Task RegisterLateOrdersAsync(TempFolder cwd, string gold)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(lake.Manifests, "orders_enriched.yaml"));
        var late = text.Replace(OrdersUrn, "ds://curated/orders_late", StringComparison.Ordinal)
            .Replace($"\"{lake.Orders}\"", $"\"{gold}\"", StringComparison.Ordinal);
        Assert.NotEqual(text, late);
        var file = cwd.Combine("orders_late.yaml");
        await File.WriteAllTextAsync(file, late);
        Assert.Equal(0, (await CliRun.InAsync(cwd.Path, "registry", "register", file)).ExitCode);
    }

    private static long HighestCommit(string tableRoot) =>
        Directory.EnumerateFiles(Path.Combine(tableRoot, "_delta_log"))
            .Select(Path.GetFileName)
            .Where(name => CommitName().IsMatch(name!))
            .Select(name => long.Parse(name![..20], CultureInfo.InvariantCulture))
            .Max();

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    [GeneratedRegex(@"^\d{20}\.json$")]
    private static partial Regex CommitName();
}
