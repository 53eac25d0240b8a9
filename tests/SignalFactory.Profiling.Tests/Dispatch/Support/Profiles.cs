using SignalFactory.Core.Manifests;
using SignalFactory.Profiling.Dispatch;
using SignalFactory.Profiling.Tests.TestSupport;

namespace SignalFactory.Profiling.Tests.Dispatch.Support;

/// <summary>Manifests and profiler runs for the dispatcher tests.</summary>
internal static class Profiles
{
    public static DatasetManifest Delta(string path, string? partitionKey = null, int? overrideDays = null, string tier = Tiers.Tier2) => new()
    {
        Urn = "ds://test/delta_table",
        Tier = tier,
        Storage = new StorageSpec { Format = StorageFormats.Delta, Gold = path, PartitionKey = partitionKey },
        OverrideProfilingDays = overrideDays,
    };

    public static DatasetManifest Parquet(string path, string? partitionKey = null, int? overrideDays = null, string tier = Tiers.Tier3) => new()
    {
        Urn = "ds://test/parquet_table",
        Tier = tier,
        Storage = new StorageSpec { Format = StorageFormats.Parquet, Silver = path, PartitionKey = partitionKey },
        OverrideProfilingDays = overrideDays,
    };

    public static ProfileOptions Options(int? lookback = null) => new()
    {
        BootstrapId = "boot-test-001",
        LookbackPartitions = lookback,
        Threads = 2,
    };

    /// <summary>Profiles with the real DuckDB engine and a fixed clock.</summary>
    public static Task<ProfileOutcome> RunAsync(DatasetManifest manifest, ProfileOptions? options = null) =>
        new DatasetProfiler(new TestClock()).ProfileAsync(manifest, options ?? Options(), progress: null, CancellationToken.None);
}
