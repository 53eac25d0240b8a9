using SignalFactory.Cli.Tests.Support;

namespace SignalFactory.Cli.Tests.Validate;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_ValidManifest_ExitsZero()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), Manifests.Delta("ds://curated/orders"));

        var result = await CliRun.InAsync(dir.Path, "validate", "orders.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("orders.yaml: valid", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urn: \"ds://curated/orders\"", "urn: \"ds://Curated/Orders-1\"", "urn")]
    [InlineData("format: delta", "format: iceberg", "storage.format")]
    [InlineData("runtime: spark\n", "runtime: dbt\n", "enforcement_model")]
    [InlineData("schedule: \"0 2 * * *\"", "schedule: \"0 25 * * *\"", "orchestration.schedule")]
    [InlineData("grace_period: \"30m\"", "grace_period: \"soon\"", "slo.freshness.grace_period")]
    public async Task Validate_BrokenVariant_ExitsTwoAndNamesField(string original, string broken, string field)
    {
        using var dir = new TempFolder();
        // inline_sdk is valid for spark, so the dbt variant breaks only through the runtime change.
        var text = Manifests.Delta("ds://curated/orders").Replace("post_write", "inline_sdk", StringComparison.Ordinal);
        Assert.Contains(original, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), text.Replace(original, broken, StringComparison.Ordinal));

        var result = await CliRun.InAsync(dir.Path, "validate", "orders.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {field}:", result.Error, StringComparison.Ordinal);
        Assert.Contains("orders.yaml:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_DeltaWithoutGold_ExitsTwoAndNamesStorageGold()
    {
        using var dir = new TempFolder();
        var text = Manifests.Delta("ds://curated/orders");
        var withoutGold = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("gold:", StringComparison.Ordinal)));
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), withoutGold);

        var result = await CliRun.InAsync(dir.Path, "validate", "orders.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("storage.gold", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WarningsOnly_ExitsZeroAndPrintsWarning()
    {
        using var dir = new TempFolder();
        var text = Manifests.Parquet("ds://raw/clicks").Replace("  partition_key: \"dt\"\n", string.Empty, StringComparison.Ordinal);
        await File.WriteAllTextAsync(dir.Combine("clicks.yaml"), text + "\nowner_tem: x\n");

        var result = await CliRun.InAsync(dir.Path, "validate", "clicks.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: storage.partition_key", result.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'owner_team'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Json_PrintsOnlyJsonWithErrorsPerFile()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("a.yaml"), Manifests.Delta("ds://curated/a"));
        await File.WriteAllTextAsync(dir.Combine("b.yaml"), Manifests.Delta("ds://curated/b").Replace("TIER_1", "TIER_9", StringComparison.Ordinal));

        var result = await CliRun.InAsync(dir.Path, "validate", ".", "--json");

        Assert.Equal(2, result.ExitCode);
        var files = result.Json().EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.True(files[0].GetProperty("valid").GetBoolean());
        Assert.False(files[1].GetProperty("valid").GetBoolean());
        Assert.Equal("tier", files[1].GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(3, files[1].GetProperty("errors")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwoNamingIt()
    {
        using var dir = new TempFolder();

        var result = await CliRun.InAsync(dir.Path, "validate", "nope.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.yaml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        using var dir = new TempFolder();

        var result = await CliRun.InAsync(dir.Path, "frobnicate");

        Assert.Equal(2, result.ExitCode);
    }
}
