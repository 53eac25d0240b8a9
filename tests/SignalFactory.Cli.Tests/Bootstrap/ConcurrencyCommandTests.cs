using SignalFactory.Cli.Tests.Support;

namespace SignalFactory.Cli.Tests.Bootstrap;

public sealed class ConcurrencyCommandTests
{
    [Fact]
    public async Task Status_TwoBootstrapsNotYetAdmitted_ShowsQueuePositions()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), Manifests.Delta("ds://curated/orders"));
        await File.WriteAllTextAsync(dir.Combine("payments.yaml"), Manifests.Delta("ds://curated/payments"));
        await CliRun.InAsync(dir.Path, "bootstrap", "orders.yaml", "payments.yaml");

        var text = await CliRun.InAsync(dir.Path, "bootstrap", "status");
        var json = await CliRun.InAsync(dir.Path, "bootstrap", "status", "ds://curated/payments", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("ds://curated/orders  TIER_1  REGISTERED  (queued, position 1 of 2", text.Output, StringComparison.Ordinal);
        Assert.Contains("ds://curated/payments  TIER_1  REGISTERED  (queued, position 2 of 2", text.Output, StringComparison.Ordinal);
        var queue = json.Json().GetProperty("bootstraps")[0].GetProperty("queue");
        Assert.Equal(2, queue.GetProperty("position").GetInt32());
        Assert.Equal(2, queue.GetProperty("length").GetInt32());
    }

    [Theory]
    [InlineData("concurrency.tier_1", "0")]
    [InlineData("concurrency.tier_3", "many")]
    public async Task ConfigSet_InvalidTierLimit_ExitsInvalidInputNamingTheKey(string key, string value)
    {
        using var dir = new TempFolder();
        await CliRun.InAsync(dir.Path, "init");

        var result = await CliRun.InAsync(dir.Path, "config", "set", key, value);
        var after = await CliRun.InAsync(dir.Path, "config", "get", key);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{key}: '{value}' must be a whole number of 1 or more", result.Error, StringComparison.Ordinal);
        Assert.Contains("(default)", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigSet_TierLimit_GetShowsIt()
    {
        using var dir = new TempFolder();
        await CliRun.InAsync(dir.Path, "init");

        var set = await CliRun.InAsync(dir.Path, "config", "set", "concurrency.tier_2", "3");
        var get = await CliRun.InAsync(dir.Path, "config", "get", "concurrency.tier_2");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal("3", get.Output.Trim());
    }

    [Fact]
    public async Task Worker_ParallelZero_ExitsInvalidInput()
    {
        using var dir = new TempFolder();
        await CliRun.InAsync(dir.Path, "init");

        var result = await CliRun.InAsync(dir.Path, "worker", "--once", "--parallel", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--parallel: 0 must be between 1 and 64", result.Error, StringComparison.Ordinal);
    }
}
