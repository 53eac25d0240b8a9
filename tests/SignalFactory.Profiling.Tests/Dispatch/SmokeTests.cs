using SignalFactory.Core.Manifests;
using SignalFactory.Examples.Lake;
using SignalFactory.Profiling.Dispatch;

namespace SignalFactory.Profiling.Tests.Dispatch;

public sealed class SmokeTests
{
    [Fact]
    public async Task Smoke()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sf-smoke-" + Guid.NewGuid().ToString("N"));
        var lake = await new ExampleLakeGenerator().GenerateAsync(dir, new ExampleLakeOptions { Days = 5, RowsPerPartition = 1000 }, null, default);
        foreach (var m in lake.ManifestPaths)
        {
            var loaded = await ManifestLoader.LoadFileAsync(m, default);
            Assert.True(loaded.IsValid, string.Join("\n", loaded.Report.All));
            var outcome = await new DatasetProfiler().ProfileAsync(loaded.Manifest!, new ProfileOptions { BootstrapId = "b1" }, null, default);
            File.WriteAllBytes("/tmp/smoke-" + Path.GetFileName(m) + ".json", outcome.Json);
        }
    }
}
