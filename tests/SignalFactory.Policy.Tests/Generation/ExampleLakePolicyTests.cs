using System.Text;
using SignalFactory.Core.Manifests;
using SignalFactory.DuckDb;
using SignalFactory.Examples.Lake;
using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Generation;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Dispatch;
using SignalFactory.Storage.Delta;

namespace SignalFactory.Policy.Tests.Generation;

/// <summary>
/// One small example lake (4 days × 500 rows), each table profiled once, then policies generated from the real
/// baselines. Invariants are checked row by row in DuckDB over the table's active data files.
/// </summary>
public sealed class ExampleLakePolicyFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sf-lakepolicy-" + Guid.NewGuid().ToString("N"));

    public ExampleLakeResult Lake { get; private set; } = null!;

    public Dictionary<string, (DatasetManifest Manifest, Baseline Baseline)> Profiled { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Lake = await new ExampleLakeGenerator().GenerateAsync(
            Path.Combine(_root, "lake"), new ExampleLakeOptions { Days = 4, RowsPerPartition = 500 }, null, CancellationToken.None);
        var profiler = new DatasetProfiler(TimeProvider.System);
        foreach (var table in Lake.Tables)
        {
            var loaded = await ManifestLoader.LoadFileAsync(table.ManifestPath, CancellationToken.None);
            Assert.True(loaded.IsValid, string.Join("\n", loaded.Report.All));
            var outcome = await profiler.ProfileAsync(
                loaded.Manifest!, new ProfileOptions { BootstrapId = "boot-test" }, null, CancellationToken.None);
            Profiled[table.Urn] = (loaded.Manifest!, outcome.Baseline);
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }
}

public sealed class ExampleLakePolicyTests : IClassFixture<ExampleLakePolicyFixture>
{
    private readonly ExampleLakePolicyFixture _fixture;

    public ExampleLakePolicyTests(ExampleLakePolicyFixture fixture) => _fixture = fixture;

    // LLD §6.3 _determine_enrichment_level and generate(): every level gets security, schema, contract_lite,
    // freshness, performance and bootstrap; volume_baseline and up add volume; full_contract adds contract and pii.
    public static TheoryData<string, string, bool, bool> Tiers => new()
    {
        { "TIER_1", EnrichmentLevels.FullContract, true, true },
        { "TIER_2", EnrichmentLevels.VolumeBaseline, true, false },
        { "TIER_3", EnrichmentLevels.ContractLite, false, false },
    };

    private ExampleLakeTable Table(string tier) => Assert.Single(_fixture.Lake.Tables, t => t.Tier == tier);

    private PolicyGenerationResult Generate(ExampleLakeTable table, PolicyTemplate? template = null)
    {
        var (manifest, baseline) = _fixture.Profiled[table.Urn];
        return PolicyGenerator.Generate(
            new PolicyGenerationRequest { Baseline = baseline, Manifest = manifest, Template = template, TemplateSource = "test template" },
            TimeProvider.System);
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void Generate_ExampleLakeTier_EnrichmentLevelAndSectionsFollowTheLld(string tier, string level, bool volume, bool contract)
    {
        var bundle = Generate(Table(tier)).Bundle;

        Assert.Equal(level, bundle.EnrichmentLevel);
        Assert.NotNull(bundle.Security);
        Assert.NotNull(bundle.Schema);
        Assert.NotNull(bundle.ContractLite);
        Assert.NotNull(bundle.Freshness);
        Assert.NotNull(bundle.Performance);
        Assert.NotNull(bundle.Bootstrap);
        Assert.Equal(volume, bundle.Volume is not null);
        Assert.Equal(contract, bundle.Contract is not null);
        Assert.Equal(contract, bundle.Pii is not null);
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public async Task Generate_ExampleLakeTier_EveryInvariantHoldsOnEveryRowInDuckDb(string tier, string level, bool volume, bool contract)
    {
        _ = (level, volume);
        var table = Table(tier);
        var bundle = Generate(table).Bundle;
        // Required fields are contract_lite's rule on every tier: each is checked as "field IS NOT NULL".
        var expressions = bundle.ContractLite!.RequiredFields.Select(f => $"\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\" IS NOT NULL")
            .Concat(bundle.ContractLite.Invariants)
            .Concat(bundle.Contract?.Invariants.Select(i => i.Expression) ?? [])
            .ToList();
        Assert.NotEmpty(bundle.ContractLite.RequiredFields);
        if (contract)
        {
            Assert.NotEmpty(bundle.Contract!.Invariants); // a full contract over real data has invariants to check
        }

        using var db = DuckDbDatabase.Open();
        using var connection = db.Connect();
        var files = await DataFilesAsync(table, connection);
        Assert.NotEmpty(files);
        foreach (var expression in expressions)
        {
            var violations = connection.ExecuteScalar<long>(
                $"SELECT count(*) FILTER (WHERE NOT ({expression})) FROM read_parquet($1, hive_partitioning = true)", files);
            Assert.True(violations == 0, $"{table.Name}: {violations} rows violate {expression}");
        }
    }

    [Fact]
    public async Task Generate_Tier1TemplateRuleTheDataBreaks_DroppedWithAReasonAndLeftOutOfTheBundle()
    {
        // The example generator writes quantity as 1..3 or 4..10 (OrdersSql), so "quantity < 0" is false on every row.
        var template = PolicyTemplateYaml.Parse(Encoding.UTF8.GetBytes("""
            invariants:
              - id: negative_quantity
                description: A rule the example data breaks
                expression: quantity < 0
                severity: error
            """), "test template");
        var table = Table("TIER_1");

        var result = Generate(table, template);

        var verdict = Assert.Single(result.Backtest.Rules, r => r.Rule == "negative_quantity");
        Assert.Equal(RuleVerdicts.Dropped, verdict.Verdict);
        Assert.Equal(RuleOrigins.Template, verdict.Origin);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
        Assert.DoesNotContain(result.Bundle.Contract!.Invariants, i => i.Id == "negative_quantity");
        Assert.DoesNotContain(result.Bundle.Contract.Invariants, i => i.Expression == "quantity < 0");

        using var db = DuckDbDatabase.Open();
        using var connection = db.Connect();
        var files = await DataFilesAsync(table, connection);
        var violations = connection.ExecuteScalar<long>(
            "SELECT count(*) FILTER (WHERE NOT (quantity < 0)) FROM read_parquet($1, hive_partitioning = true)", files);
        Assert.Equal(4 * 500, violations); // DuckDB agrees: every row of the 4 × 500-row lake breaks it
    }

    /// <summary>Delta: the snapshot's active files; Parquet: every data file under the table folder.</summary>
    private static async Task<string[]> DataFilesAsync(ExampleLakeTable table, DuckDbConnection connection)
    {
        if (table.Format == ExampleTableFormat.Delta)
        {
            var snapshot = await new DeltaTableReader(connection).ReadSnapshotAsync(table.Path, ct: CancellationToken.None);
            return snapshot.ActiveFiles.Select(f => f.AbsolutePath).Order(StringComparer.Ordinal).ToArray();
        }

        return Directory.EnumerateFiles(table.Path, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
    }
}
