using SignalFactory.Examples.Lake;
using SignalFactory.Profiling.Dispatch;
using SignalFactory.Profiling.Tests.Dispatch.Support;

namespace SignalFactory.Profiling.Tests.Dispatch;

/// <summary>The dispatcher's choices on the example lake: lookback, too little history, log-stats volume, sampling.</summary>
public sealed class DispatchDecisionTests(ExampleLakeFixture lake) : IClassFixture<ExampleLakeFixture>
{
    [Fact]
    public async Task ProfileAsync_OverrideProfilingDays_SamplesThatManyNewestPartitions()
    {
        var table = lake.Table(ExampleLakeSchema.CustomerEventsTableName);
        var manifest = await lake.ManifestAsync(table.Name) with { OverrideProfilingDays = 4 };

        var outcome = await Profiles.RunAsync(manifest);

        Assert.Equal(table.Partitions.TakeLast(4), outcome.Baseline.PartitionRowCounts.Select(p => p.Partition).Order(StringComparer.Ordinal));
        Assert.Equal("MEDIUM", outcome.Baseline.ProfilingMetadata.Confidence);
        Assert.Equal(table.Partitions.TakeLast(4).Reverse(), outcome.ScannedPartitions.Select(p => p.Partition));
    }

    [Fact]
    public async Task ProfileAsync_FewerThanThreeParquetPartitions_SyntheticVolumeButDataSectionsProfiled()
    {
        var table = lake.Table(ExampleLakeSchema.CustomerEventsTableName);
        var manifest = await lake.ManifestAsync(table.Name) with { OverrideProfilingDays = 2 };
        var rows = table.Partitions.TakeLast(2).Sum(p => CountRows(Directory.GetFiles(Path.Combine(table.Path, $"dt={p}"))));

        var outcome = await Profiles.RunAsync(manifest);

        var metadata = outcome.Baseline.ProfilingMetadata;
        Assert.True(metadata.IsSynthetic);
        Assert.Equal("NO_HISTORY", metadata.SyntheticReason);
        Assert.Equal("synthetic", metadata.VolumeSource);
        Assert.Equal(rows, metadata.TotalRowsSampled);
        Assert.Equal(2, outcome.Baseline.PartitionRowCounts.Count);
        Assert.NotEqual("sha256:SYNTHETIC_PENDING", outcome.Baseline.Schema.CanonicalFingerprint);
        Assert.Equal(ExampleLakeSchema.CustomerEvents.Columns.Count + 1, outcome.Baseline.Schema.ColumnCount);
        Assert.Equal(["email", "ip"], outcome.Baseline.PiiScan.ColumnsWithPii);
        Assert.Equal(ExampleLakeSchema.DeviceNulls.Fraction, outcome.Baseline.NullRates["device"], 12);
    }

    [Fact]
    public async Task ProfileAsync_UnpartitionedFile_SyntheticVolumeWithRowsRead()
    {
        var table = lake.Table(ExampleLakeSchema.WebSessionsTableName);
        var file = Directory.GetFiles(Path.Combine(table.Path, $"dt={table.Partitions[^1]}"), "*.parquet")[0];

        var outcome = await Profiles.RunAsync(Profiles.Parquet(file));

        Assert.Equal("NO_HISTORY", outcome.Baseline.ProfilingMetadata.SyntheticReason);
        Assert.Equal(CountRows([file]), outcome.Baseline.ProfilingMetadata.TotalRowsSampled);
        Assert.Empty(outcome.Baseline.PartitionRowCounts);
        Assert.Equal(ExampleLakeSchema.WebSessions.Columns.Select(c => c.Name), outcome.Baseline.Schema.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task ProfileAsync_DeltaWithShortLookback_VolumeFromLogStatsWithoutWaitingForRuns()
    {
        var table = lake.Table(ExampleLakeSchema.OrdersTableName);
        var manifest = await lake.ManifestAsync(table.Name) with { OverrideProfilingDays = 2 };
        var reference = ReferenceDeltaLog.Read(table.Path, lake.Connection);
        var newestThree = table.Partitions.TakeLast(3).ToList();
        var logCounts = newestThree.ToDictionary(
            p => p,
            p => reference.ActiveFiles.Where(f => f.PartitionValues["dt"] == p).Sum(f => f.NumRecords!.Value));

        var outcome = await Profiles.RunAsync(manifest);

        var metadata = outcome.Baseline.ProfilingMetadata;
        Assert.False(metadata.IsSynthetic);
        Assert.Equal("delta_log_stats", metadata.VolumeSource);
        Assert.Contains(outcome.Warnings, w => w.Code == "VOLUME_FROM_DELTA_LOG_STATS");
        Assert.Equal(logCounts.OrderBy(c => c.Key), outcome.Baseline.PartitionRowCounts.ToDictionary(p => p.Partition, p => p.RowCount).OrderBy(c => c.Key));
        Assert.Equal(2, outcome.ScannedPartitions.Count);
        Assert.Contains("customer_email", outcome.Baseline.PiiScan.ColumnsWithPii);
    }

    [Fact]
    public async Task ProfileAsync_RowsAboveTheFullScanBudget_SampledButPartitionCountsExact()
    {
        var table = lake.Table(ExampleLakeSchema.CustomerEventsTableName);
        var manifest = await lake.ManifestAsync(table.Name);
        var options = Profiles.Options() with { FullScanMaxRows = 3000 };

        var outcome = await Profiles.RunAsync(manifest, options);

        var metadata = outcome.Baseline.ProfilingMetadata;
        Assert.Equal("sampled", metadata.ProfilingMode);
        Assert.True(metadata.TotalRowsSampled < 7 * ExampleLakeFixture.RowsPerPartition);
        Assert.True(metadata.TotalRowsSampled > 0);
        Assert.Equal((double)metadata.TotalRowsSampled / (7 * ExampleLakeFixture.RowsPerPartition), metadata.SampleRate, 12);
        Assert.All(outcome.Baseline.PartitionRowCounts, p => Assert.Equal(ExampleLakeFixture.RowsPerPartition, p.RowCount));
    }

    [Fact]
    public async Task ProfileAsync_RowsWithinTheBudget_FullScan()
    {
        var manifest = await lake.ManifestAsync(ExampleLakeSchema.CustomerEventsTableName);
        var options = Profiles.Options() with { FullScanMaxRows = 7 * ExampleLakeFixture.RowsPerPartition };

        var outcome = await Profiles.RunAsync(manifest, options);

        Assert.Equal("full", outcome.Baseline.ProfilingMetadata.ProfilingMode);
        Assert.Equal(7 * ExampleLakeFixture.RowsPerPartition, outcome.Baseline.ProfilingMetadata.TotalRowsSampled);
    }

    [Fact]
    public async Task ProfileAsync_ForcedSampleRate_SampledEvenWhenSmall()
    {
        var manifest = await lake.ManifestAsync(ExampleLakeSchema.OrdersTableName);

        var outcome = await Profiles.RunAsync(manifest, Profiles.Options() with { SampleRate = 0.5 });

        Assert.Equal("sampled", outcome.Baseline.ProfilingMetadata.ProfilingMode);
        Assert.All(outcome.Baseline.PartitionRowCounts, p => Assert.Equal(ExampleLakeFixture.RowsPerPartition, p.RowCount));
    }

    [Fact]
    public async Task ProfileAsync_Progress_ReportsEveryStageInOrder()
    {
        var manifest = await lake.ManifestAsync(ExampleLakeSchema.WebSessionsTableName);
        var reports = new List<ProfileProgress>();

        await new DatasetProfiler(new TestSupport.TestClock()).ProfileAsync(manifest, Profiles.Options(), new SyncProgress(reports.Add), CancellationToken.None);

        var stages = reports.Select(r => r.Stage).Distinct().ToList();
        Assert.Equal(
            [ProfileStage.Discovering, ProfileStage.Planning, ProfileStage.Scanning, ProfileStage.ScanningPii, ProfileStage.Assembling, ProfileStage.Done],
            stages);
        Assert.Equal(stages.Order(), stages);
    }

    [Fact]
    public async Task ProfileAsync_Cancelled_Throws()
    {
        var manifest = await lake.ManifestAsync(ExampleLakeSchema.OrdersTableName);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new DatasetProfiler().ProfileAsync(manifest, Profiles.Options(), null, cts.Token));
    }

    private long CountRows(IEnumerable<string> files) =>
        files.Sum(f => lake.Connection.ExecuteScalar<long>("SELECT count(*) FROM read_parquet($1)", f));

    private sealed class SyncProgress(Action<ProfileProgress> report) : IProgress<ProfileProgress>
    {
        public void Report(ProfileProgress value) => report(value);
    }
}
