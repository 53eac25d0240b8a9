using System.Text.Json;
using SignalFactory.Cli.Tests.Support;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Synthetic;

namespace SignalFactory.Cli.Tests.Runs;

public sealed class RunsRecordCommandTests
{
    private const string Urn = "ds://curated/orders";

    private static async Task<TempFolder> RegisteredAsync(string tier = "TIER_2")
    {
        var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), Manifests.Delta(Urn, tier));
        var register = await CliRun.InAsync(dir.Path, "registry", "register", "orders.yaml");
        Assert.Equal(0, register.ExitCode);
        return dir;
    }

    [Fact]
    public async Task Record_SevenRunsOnRegisteredDataset_SeedsSyntheticThenRefinesAtTheSeventh()
    {
        using var dir = await RegisteredAsync("TIER_2");
        long[] counts = [100_000, 104_000, 97_000, 110_000, 95_000, 102_000, 108_000];
        var results = new List<JsonElement>();

        for (var i = 0; i < counts.Length; i++)
        {
            var run = await CliRun.InAsync(
                dir.Path, "runs", "record", Urn, "--rows", counts[i].ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--duration-ms", "60000", "--null-rate", "email=0.01", "customer_id=0", "--run-id", $"airflow-{i + 1}", "--json");
            Assert.True(run.ExitCode == 0, run.Error);
            results.Add(run.Json());
        }

        var first = results[0];
        Assert.Equal("synthetic", first.GetProperty("seeded").GetProperty("source").GetString());
        Assert.Equal("TIER_2", first.GetProperty("seeded").GetProperty("tier").GetString());
        Assert.All(results.Skip(1), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("seeded").ValueKind));
        Assert.Equal(
            ["recorded", "recorded", "recorded", "recorded", "recorded", "recorded", "refined"],
            results.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal([6, 5, 4, 3, 2, 1, 0], results.Select(r => r.GetProperty("auto_refine_runs_remaining").GetInt32()));
        Assert.All(results, r => Assert.Equal("in_bounds", r.GetProperty("verdict").GetString()));
        // TIER_2 synthetic bounds judge all seven: 100,000 ± 3 × 50,000.
        Assert.All(results, r => Assert.Equal((0, 250_000), (r.GetProperty("judged_against").GetProperty("lower_bound").GetInt64(), r.GetProperty("judged_against").GetProperty("upper_bound").GetInt64())));
        Assert.True(results[5].GetProperty("baseline").GetProperty("is_synthetic").GetBoolean());

        var seventh = results[6];
        double mean = counts.Sum() / 7.0;
        var sd = Math.Sqrt(counts.Sum(c => (c - mean) * (c - mean)) / 6);
        var baseline = seventh.GetProperty("baseline");
        Assert.False(baseline.GetProperty("is_synthetic").GetBoolean());
        Assert.Equal("HIGH", baseline.GetProperty("confidence").GetString());
        Assert.Equal("auto-refined", baseline.GetProperty("source_engine").GetString());
        var volume = baseline.GetProperty("volume");
        Assert.Equal((long)Math.Round(mean, MidpointRounding.AwayFromZero), volume.GetProperty("avg_row_count").GetInt64());
        Assert.Equal((long)Math.Floor(mean - (2 * sd)), volume.GetProperty("anomaly_lower_bound").GetInt64());
        Assert.Equal((long)Math.Ceiling(mean + (2 * sd)), volume.GetProperty("anomaly_upper_bound").GetInt64());
        Assert.Equal("SYNTHETIC → COMPUTED", seventh.GetProperty("refinement").GetProperty("transition").GetString());
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], seventh.GetProperty("refinement").GetProperty("run_sequences").EnumerateArray().Select(e => e.GetInt32()));

        // The eighth run is judged against the computed bounds.
        var eighth = await CliRun.InAsync(dir.Path, "runs", "record", Urn, "--rows", "200000");
        Assert.Equal(0, eighth.ExitCode);
        Assert.Contains("ABOVE the bounds [91,287, 113,284] of the computed baseline (2σ)", eighth.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_FlatSeries_PrintsThatTheSyntheticBaselineStaysFlagged()
    {
        using var dir = await RegisteredAsync("TIER_3");
        CliResult last = null!;
        for (var i = 0; i < 7; i++)
        {
            last = await CliRun.InAsync(dir.Path, "runs", "record", Urn, "--rows", "5000");
            Assert.Equal(0, last.ExitCode);
        }

        Assert.Contains("Run 7 of ds://curated/orders", last.Output, StringComparison.Ordinal);
        Assert.Contains("Not refined: the last 7 good runs all wrote the same row count (stddev 0)", last.Output, StringComparison.Ordinal);
        Assert.Contains("flagged for review (STDDEV_ZERO)", last.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_FirstRun_SaysWhichBaselineWasSeeded()
    {
        using var dir = await RegisteredAsync("TIER_1");

        var result = await CliRun.InAsync(dir.Path, "runs", "record", Urn, "--rows", "400000", "--known-bad");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("seeded a synthetic TIER_1 baseline from tier defaults", result.Output, StringComparison.Ordinal);
        Assert.Contains("Marked known-bad", result.Output, StringComparison.Ordinal);
        Assert.Contains("7 more good run(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_ProfiledBaselineArtifactExists_SeedsFromItAndNeverRefines()
    {
        using var dir = await RegisteredAsync("TIER_2");
        var clock = TimeProvider.System;
        var profiled = new SyntheticBaselineGenerator(clock).FromDeltaLogHistory(Urn, "boot-9",
        [
            new PartitionRowCount { Partition = "2026-02-12", RowCount = 900 },
            new PartitionRowCount { Partition = "2026-02-13", RowCount = 1_000 },
            new PartitionRowCount { Partition = "2026-02-14", RowCount = 1_100 },
        ]);
        var artifact = dir.Combine(".sf", "artifacts", "datasets", "curated", "orders", "baseline.json");
        await File.WriteAllBytesAsync(artifact, BaselineJson.Serialize(profiled));

        var result = await CliRun.InAsync(dir.Path, "runs", "record", Urn, "--rows", "1250", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var json = result.Json();
        Assert.Equal("baseline.json", json.GetProperty("seeded").GetProperty("source").GetString());
        // Mean 1,000, sample σ 100 → 2σ bounds [800, 1,200]: 1,250 is above.
        Assert.Equal("above", json.GetProperty("verdict").GetString());
        Assert.Equal((800, 1_200), (json.GetProperty("judged_against").GetProperty("lower_bound").GetInt64(), json.GetProperty("judged_against").GetProperty("upper_bound").GetInt64()));
        Assert.Equal(0, json.GetProperty("auto_refine_runs_remaining").GetInt32());
        Assert.Equal("MEDIUM", json.GetProperty("baseline").GetProperty("confidence").GetString());
    }

    [Fact]
    public async Task Record_SameRunIdTwice_SecondSaysNothingChanged()
    {
        using var dir = await RegisteredAsync();
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "runs", "record", Urn, "--rows", "10", "--run-id", "r-1")).ExitCode);

        var again = await CliRun.InAsync(dir.Path, "runs", "record", Urn, "--rows", "10", "--run-id", "r-1", "--json");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal("duplicate", again.Json().GetProperty("outcome").GetString());
        Assert.Equal(6, again.Json().GetProperty("auto_refine_runs_remaining").GetInt32());
    }

    [Fact]
    public async Task Record_UnregisteredUrn_ExitsTwo()
    {
        using var dir = await RegisteredAsync();

        var result = await CliRun.InAsync(dir.Path, "runs", "record", "ds://curated/unknown", "--rows", "10");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ds://curated/unknown is not registered", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("=0.5")]
    [InlineData("email=lots")]
    [InlineData("email=1.5")]
    [InlineData("email=-0.1")]
    public async Task Record_BadNullRate_ExitsTwoNamingTheArgumentAndRecordsNothing(string value)
    {
        using var dir = await RegisteredAsync();

        var result = await CliRun.InAsync(dir.Path, "runs", "record", Urn, "--rows", "10", "--null-rate", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--null-rate '{value}'", result.Error, StringComparison.Ordinal);
        var next = await CliRun.InAsync(dir.Path, "runs", "record", Urn, "--rows", "10", "--json");
        Assert.Equal(1, next.Json().GetProperty("run").GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task Record_RepeatedNullRateColumn_ExitsTwo()
    {
        using var dir = await RegisteredAsync();

        var result = await CliRun.InAsync(dir.Path, "runs", "record", Urn, "--rows", "10", "--null-rate", "a=0.1", "--null-rate", "a=0.2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("column 'a' is given twice", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rows", "-1")]
    [InlineData("--duration-ms", "-5")]
    public async Task Record_NegativeNumber_ExitsTwoNamingTheOption(string option, string value)
    {
        using var dir = await RegisteredAsync();
        string[] args = option == "--rows"
            ? ["runs", "record", Urn, "--rows", value]
            : ["runs", "record", Urn, "--rows", "10", option, value];

        var result = await CliRun.InAsync(dir.Path, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{option} must be 0 or more", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_NotAUrn_ExitsTwo()
    {
        using var dir = await RegisteredAsync();

        var result = await CliRun.InAsync(dir.Path, "runs", "record", "orders", "--rows", "10");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'orders' is not a dataset URN", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_NoWorkspace_ExitsTwoSuggestingInit()
    {
        using var dir = new TempFolder();

        var result = await CliRun.InAsync(dir.Path, "runs", "record", Urn, "--rows", "10");

        Assert.Equal(2, result.ExitCode);
        Assert.False(Directory.Exists(dir.Combine(".sf")));
    }
}
