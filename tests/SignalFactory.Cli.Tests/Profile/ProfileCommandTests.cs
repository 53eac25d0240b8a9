using SignalFactory.Cli.Tests.Support;
using SignalFactory.DuckDb;
using SignalFactory.Examples.Lake;

namespace SignalFactory.Cli.Tests.Profile;

public sealed class ProfileCommandTests
{
    [Fact]
    public async Task Profile_ManifestFileJson_PrintsOnlyTheBaselineAndStoresNothing()
    {
        using var dir = new TempFolder();
        var table = ProfileManifests.DeltaTable("delta-0.8.0-partitioned");
        await File.WriteAllTextAsync(dir.Combine("t.yaml"), ProfileManifests.Delta("ds://curated/partitioned", table, partitionKey: "year"));

        var result = await CliRun.InAsync(dir.Path, "profile", "t.yaml", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var json = result.Json();
        Assert.Equal("ds://curated/partitioned", json.GetProperty("dataset_urn").GetString());
        Assert.Equal(CountRows(Directory.GetFiles(table, "*.parquet", SearchOption.AllDirectories)), json.GetProperty("profiling_metadata").GetProperty("total_rows_sampled").GetInt64());
        Assert.False(Directory.Exists(dir.Combine(".sf")));
    }

    [Fact]
    public async Task Profile_RegisteredUrn_StoresVersionsThatBaselineShowPrints()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("t.yaml"), ProfileManifests.Delta("ds://curated/simple", ProfileManifests.DeltaTable("simple_table")));
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "registry", "register", "t.yaml")).ExitCode);

        var first = await CliRun.InAsync(dir.Path, "profile", "ds://curated/simple");
        var second = await CliRun.InAsync(dir.Path, "profile", "ds://curated/simple", "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Stored as baseline version 1", first.Output, StringComparison.Ordinal);
        Assert.Contains("PARTITION_KEY_NOT_FOUND", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        var history = dir.Combine(".sf", "artifacts", "datasets", "curated", "simple", "baseline.json.history");
        Assert.Equal(["baseline.v1.json", "baseline.v2.json"], Directory.GetFiles(history).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var latest = await File.ReadAllTextAsync(dir.Combine(".sf", "artifacts", "datasets", "curated", "simple", "baseline.json"));
        Assert.Equal(latest, second.Output);

        var show = await CliRun.InAsync(dir.Path, "baseline", "show", "ds://curated/simple", "--json");
        var showV1 = await CliRun.InAsync(dir.Path, "baseline", "show", "ds://curated/simple", "--version", "1", "--json");
        var table = await CliRun.InAsync(dir.Path, "baseline", "show", "ds://curated/simple");

        Assert.Equal(latest, show.Output);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(history, "baseline.v1.json")), showV1.Output);
        Assert.Contains("(version 2)", table.Output, StringComparison.Ordinal);
        Assert.Contains("fingerprint sha256:", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_ExampleLakeOrders_PiiAndNullRatesInTheSummaryAndJson()
    {
        using var dir = new TempFolder();
        var lake = await new ExampleLakeGenerator().GenerateAsync(
            dir.Combine("lake"), new ExampleLakeOptions { Days = 3, RowsPerPartition = 200 }, null, CancellationToken.None);
        var manifest = lake.Tables.Single(t => t.Name == ExampleLakeSchema.OrdersTableName).ManifestPath;

        var summary = await CliRun.InAsync(dir.Path, "profile", manifest);
        var json = (await CliRun.InAsync(dir.Path, "profile", manifest, "--json")).Json();

        Assert.Equal(0, summary.ExitCode);
        foreach (var column in ExampleLakeSchema.Orders.Columns)
        {
            var rate = json.GetProperty("null_rates").GetProperty(column.Name).GetDouble();
            Assert.Equal(column.Nulls.ExpectedNulls(200) / 200.0, rate, 9);
            Assert.Equal(column.PiiPattern is not null, json.GetProperty("pii_scan").GetProperty("pii_patterns_detected").TryGetProperty(column.Name, out _));
            Assert.Contains(column.Name, summary.Output, StringComparison.Ordinal);
        }

        Assert.Contains("CREDIT_CARD (1)", summary.Output, StringComparison.Ordinal);
        Assert.Contains("confidence MEDIUM", summary.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_InvalidManifest_Exit2AndNothingProfiled()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("bad.yaml"), "urn: ds://Bad URN\ntier: TIER_9\n");

        var result = await CliRun.InAsync(dir.Path, "profile", "bad.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.yaml is invalid", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("s3://lake-bucket/silver/events", "S3")]
    [InlineData("/definitely/not/here/sf-events", "does not exist")]
    public async Task Profile_UnusableLocation_Exit2NamingIt(string location, string expected)
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("p.yaml"), ProfileManifests.Parquet("ds://raw/events", location));

        var result = await CliRun.InAsync(dir.Path, "profile", "p.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("storage.silver", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_UnsupportedDeltaFeature_Exit1NamingTheFeature()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("f.yaml"), ProfileManifests.Delta("ds://curated/features", ProfileManifests.DeltaTable("simple_table_features")));

        var result = await CliRun.InAsync(dir.Path, "profile", "f.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'deletionVectors'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sample-rate", "0")]
    [InlineData("--sample-rate", "1.5")]
    [InlineData("--memory-limit", "lots")]
    [InlineData("--threads", "0")]
    public async Task Profile_BadOption_Exit2(string option, string value)
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("t.yaml"), ProfileManifests.Delta("ds://curated/simple", ProfileManifests.DeltaTable("simple_table")));

        var result = await CliRun.InAsync(dir.Path, "profile", "t.yaml", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_SampleRate_SampledMode()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("t.yaml"), ProfileManifests.Delta("ds://curated/simple", ProfileManifests.DeltaTable("simple_table")));

        var result = await CliRun.InAsync(dir.Path, "profile", "t.yaml", "--sample-rate", "0.5", "--memory-limit", "256MB", "--threads", "1", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("sampled", result.Json().GetProperty("profiling_metadata").GetProperty("profiling_mode").GetString());
    }

    [Fact]
    public async Task Profile_UnknownUrnOrMissingFile_Exit2()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "init")).ExitCode);

        var unknown = await CliRun.InAsync(dir.Path, "profile", "ds://curated/nothing");
        var missing = await CliRun.InAsync(dir.Path, "profile", "nothing.yaml");
        var noBaseline = await CliRun.InAsync(dir.Path, "baseline", "show", "ds://curated/nothing");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("not registered", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, noBaseline.ExitCode);
        Assert.Contains("sf profile ds://curated/nothing", noBaseline.Error, StringComparison.Ordinal);
    }

    private static long CountRows(IEnumerable<string> files)
    {
        using var db = DuckDbDatabase.Open();
        using var connection = db.Connect();
        return files.Sum(f => connection.ExecuteScalar<long>("SELECT count(*) FROM read_parquet($1)", f));
    }
}
