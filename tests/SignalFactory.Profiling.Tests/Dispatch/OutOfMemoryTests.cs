using SignalFactory.Examples.Lake;
using SignalFactory.Profiling.Dispatch;
using SignalFactory.Profiling.Engine;
using SignalFactory.Profiling.Tests.Dispatch.Support;
using SignalFactory.Profiling.Tests.TestSupport;

namespace SignalFactory.Profiling.Tests.Dispatch;

/// <summary>
/// Out of memory: the engine's own retry (full → sampled) is reported, and running out in sampled mode too gives a
/// synthetic <c>PROFILING_OOM_FALLBACK</c> baseline. The scanner stands in for DuckDB here because a real
/// out-of-memory depends on the machine; the rest of the pipeline (discovery, planning, assembly) is real.
/// </summary>
public sealed class OutOfMemoryTests(ExampleLakeFixture lake) : IClassFixture<ExampleLakeFixture>
{
    [Fact]
    public async Task ProfileAsync_OutOfMemoryInSampledModeToo_SyntheticOomFallback()
    {
        var manifest = await lake.ManifestAsync(ExampleLakeSchema.OrdersTableName);
        var scanner = new ScriptedScanner(_ => throw new ProfilingOutOfMemoryException("DuckDB ran out of memory (memory_limit 64MB)."));

        var outcome = await new DatasetProfiler(new TestClock(), scanner)
            .ProfileAsync(manifest, Profiles.Options() with { MemoryLimit = "64MB" }, null, CancellationToken.None);

        var metadata = outcome.Baseline.ProfilingMetadata;
        Assert.True(metadata.IsSynthetic);
        Assert.Equal("PROFILING_OOM_FALLBACK", metadata.SyntheticReason);
        Assert.Equal("LOW", metadata.Confidence);
        Assert.Contains(outcome.Warnings, w => w.Code == "PROFILING_OUT_OF_MEMORY" && w.Message.Contains("64MB", StringComparison.Ordinal));
        Assert.Equal("64MB", scanner.Requests.Single().MemoryLimit);
        Assert.Equal(outcome.Json, SignalFactory.Profiling.Baselines.BaselineJson.Serialize(outcome.Baseline));
    }

    [Fact]
    public async Task ProfileAsync_EngineFellBackToSampled_ReportedAsSampledWithWarning()
    {
        var manifest = await lake.ManifestAsync(ExampleLakeSchema.WebSessionsTableName);
        var real = new DuckDbProfiler(new TestClock());
        var scanner = new ScriptedScanner(async request =>
        {
            // What the engine returns after its own retry: the sampled result, flagged, with its note first.
            var sampled = await real.ProfileAsync(request with { Mode = ScanMode.Sampled(0.5) });
            return sampled with
            {
                FallbackReason = ProfileScanResult.FallbackOutOfMemory,
                Warnings = ["the full scan ran out of memory (memory_limit 1GB); profiled a 50% sample instead", .. sampled.Warnings],
            };
        });

        var outcome = await new DatasetProfiler(new TestClock(), scanner).ProfileAsync(manifest, Profiles.Options(), null, CancellationToken.None);

        Assert.Equal(ScanModeKind.Full, scanner.Requests.Single().Mode.Kind);
        Assert.Equal("sampled", outcome.Baseline.ProfilingMetadata.ProfilingMode);
        var warning = Assert.Single(outcome.Warnings);
        Assert.Equal("SAMPLED_AFTER_OUT_OF_MEMORY", warning.Code);
        Assert.Contains("50% sample", warning.Message, StringComparison.Ordinal);
        Assert.False(outcome.Baseline.ProfilingMetadata.IsSynthetic);
    }

    [Fact]
    public async Task ProfileAsync_MemoryLimitAndThreads_HandedToTheEngine()
    {
        var manifest = await lake.ManifestAsync(ExampleLakeSchema.WebSessionsTableName);
        var real = new DuckDbProfiler(new TestClock());
        var scanner = new ScriptedScanner(request => real.ProfileAsync(request));

        await new DatasetProfiler(new TestClock(), scanner)
            .ProfileAsync(manifest, Profiles.Options() with { MemoryLimit = "256MB", Threads = 1 }, null, CancellationToken.None);

        var request = scanner.Requests.Single();
        Assert.Equal("256MB", request.MemoryLimit);
        Assert.Equal(1, request.Threads);
        Assert.Equal([new PartitionColumn("dt", "VARCHAR")], request.PartitionColumns);
        Assert.Equal(7, request.Files.Select(f => f.PartitionLabel).Distinct().Count());
    }

    [Theory]
    [InlineData("1GB", true)]
    [InlineData("512MB", true)]
    [InlineData("2GiB", true)]
    [InlineData("1.5GB", true)]
    [InlineData("lots", false)]
    [InlineData("1GB; DROP", false)]
    [InlineData("", false)]
    public void IsValidMemoryLimit_Text_AcceptsOnlyMemorySizes(string text, bool valid) =>
        Assert.Equal(valid, DatasetProfiler.IsValidMemoryLimit(text));

    private sealed class ScriptedScanner(Func<ProfileScanRequest, Task<ProfileScanResult>> scan) : IProfileScanner
    {
        public List<ProfileScanRequest> Requests { get; } = [];

        public Task<ProfileScanResult> ScanAsync(ProfileScanRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return scan(request);
        }
    }
}
