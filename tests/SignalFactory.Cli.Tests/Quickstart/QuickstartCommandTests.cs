using SignalFactory.Cli.Tests.Support;

namespace SignalFactory.Cli.Tests.Quickstart;

public sealed class QuickstartCommandTests
{
    [Fact]
    public async Task Quickstart_FreshFolder_WritesLakeAndRegistersOneDatasetPerTier()
    {
        using var dir = new TempFolder();

        var result = await CliRun.InAsync(dir.Path, "quickstart", "--days", "3", "--rows-per-partition", "200");

        Assert.Equal(0, result.ExitCode);
        var list = await CliRun.InAsync(dir.Path, "registry", "list", "--json");
        var items = list.Json().GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["TIER_1", "TIER_2", "TIER_3"], items.Select(i => i.GetProperty("tier").GetString()).Order(StringComparer.Ordinal));
        Assert.True(Directory.Exists(dir.Combine(".sf", "example-lake", "orders_enriched", "_delta_log")));
        foreach (var item in items)
        {
            var urn = item.GetProperty("urn").GetString()!["ds://".Length..].Split('/');
            Assert.True(File.Exists(dir.Combine(".sf", "artifacts", "datasets", urn[0], urn[1], "dataset.yaml.v1")));
        }
    }

    [Fact]
    public async Task Quickstart_RunTwice_ReusesLakeAndKeepsVersions()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "quickstart", "--days", "2", "--rows-per-partition", "100")).ExitCode);

        var again = await CliRun.InAsync(dir.Path, "quickstart", "--days", "2", "--rows-per-partition", "100");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("reusing", again.Output, StringComparison.Ordinal);
        Assert.Contains("3 unchanged", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExamplesLake_NonEmptyTarget_ExitsThreeAndLeavesItAlone()
    {
        using var dir = new TempFolder();
        var target = Directory.CreateDirectory(dir.Combine("lake")).FullName;
        await File.WriteAllTextAsync(Path.Combine(target, "keep.txt"), "mine");

        var result = await CliRun.InAsync(dir.Path, "examples", "lake", "lake", "--days", "2");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ExamplesLake_BadOption_ExitsTwo()
    {
        using var dir = new TempFolder();

        var result = await CliRun.InAsync(dir.Path, "examples", "lake", "lake", "--days", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.False(Directory.Exists(dir.Combine("lake")));
    }
}
