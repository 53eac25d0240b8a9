using SignalFactory.DuckDb;
using SignalFactory.Examples.Lake;
using SignalFactory.Profiling.Tests.Dispatch.Support;

namespace SignalFactory.Profiling.Tests.Dispatch;

/// <summary>Schema fingerprint across rewrites of the same data, and the timing section against the test's own reading of the log and files.</summary>
public sealed class FingerprintAndTimingTests(ExampleLakeFixture lake) : IClassFixture<ExampleLakeFixture>
{
    [Fact]
    public async Task ProfileAsync_ColumnsReordered_SameFingerprint_TypeChanged_DifferentFingerprint()
    {
        var table = lake.Table(ExampleLakeSchema.CustomerEventsTableName);
        var columns = ExampleLakeSchema.CustomerEvents.Columns.Select(c => DuckDbSql.QuoteIdentifier(c.Name)).ToList();
        var reversed = string.Join(", ", Enumerable.Reverse(columns));
        var retyped = string.Join(", ", columns.Select(c => c == "\"amount\"" ? "CAST(amount AS DECIMAL(12,2)) AS amount" : c));
        var reordered = Rewrite(table, "reordered", reversed);
        var changed = Rewrite(table, "retyped", retyped);

        var original = await Profiles.RunAsync(Profiles.Parquet(table.Path, "dt"));
        var reorderedProfile = await Profiles.RunAsync(Profiles.Parquet(reordered, "dt"));
        var changedProfile = await Profiles.RunAsync(Profiles.Parquet(changed, "dt"));

        Assert.NotEqual(
            original.Baseline.Schema.Columns.Select(c => c.Name),
            reorderedProfile.Baseline.Schema.Columns.Select(c => c.Name));
        Assert.Equal(original.Baseline.Schema.CanonicalFingerprint, reorderedProfile.Baseline.Schema.CanonicalFingerprint);
        Assert.NotEqual(original.Baseline.Schema.CanonicalFingerprint, changedProfile.Baseline.Schema.CanonicalFingerprint);
        Assert.Equal("DECIMAL(12,2)", changedProfile.Baseline.Schema.Columns.Single(c => c.Name == "amount").Type);
    }

    [Fact]
    public async Task ProfileAsync_Delta_TimingFromCommitInfoOfTheSampledPartitions()
    {
        var table = lake.Table(ExampleLakeSchema.OrdersTableName);
        var manifest = await lake.ManifestAsync(table.Name);
        var reference = ReferenceDeltaLog.Read(table.Path, lake.Connection, fromVersionZero: true);
        Assert.Contains(Directory.GetFiles(Path.Combine(table.Path, "_delta_log")), f => f.EndsWith(".checkpoint.parquet", StringComparison.Ordinal));
        var newest = table.Partitions.TakeLast(7).ToHashSet(StringComparer.Ordinal);
        var files = reference.ActiveFiles.Where(f => newest.Contains(f.PartitionValues["dt"]!)).ToList();
        var durations = files.Select(f => f.AddedIn).Distinct().Select(v => reference.Commits[v].ExecutionTimeMs!.Value).Order().ToList();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var offsets = files
            .GroupBy(f => f.PartitionValues["dt"]!)
            .Select(g =>
            {
                var arrived = g.Max(f => reference.Commits[f.AddedIn].Timestamp!.Value);
                var due = TimeZoneInfo.ConvertTimeToUtc(DateTime.Parse(g.Key, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).AddHours(4), zone);
                return (arrived.UtcDateTime - due).TotalMinutes;
            })
            .Order()
            .ToList();

        var outcome = await Profiles.RunAsync(manifest);

        var timing = outcome.Baseline.Timing;
        Assert.Equal("04:00 ET daily", manifest.Slo!.Freshness!.ExpectedUpdateBy);
        Assert.Equal("delta_commit_info", timing.Source);
        Assert.Equal((long)Math.Round(durations.Average(d => (double)d), MidpointRounding.AwayFromZero), timing.AvgDurationMs);
        Assert.Equal(durations[(int)Math.Ceiling(0.50 * durations.Count) - 1], timing.P50DurationMs);
        Assert.Equal(durations[(int)Math.Ceiling(0.95 * durations.Count) - 1], timing.P95DurationMs);
        Assert.Equal(durations[^1], timing.P99DurationMs);
        Assert.Equal((long)Math.Round(offsets[offsets.Count / 2], MidpointRounding.AwayFromZero), timing.TypicalArrivalOffsetMin);
    }

    [Fact]
    public async Task ProfileAsync_Parquet_ArrivalFromFileModificationTimes_NoDurations()
    {
        var table = lake.Table(ExampleLakeSchema.CustomerEventsTableName);
        var manifest = (await lake.ManifestAsync(table.Name)) with { Slo = null };
        var offsets = table.Partitions.TakeLast(7)
            .Select(p =>
            {
                var arrived = Directory.GetFiles(Path.Combine(table.Path, $"dt={p}")).Max(File.GetLastWriteTimeUtc);
                var due = DateTime.Parse(p, System.Globalization.CultureInfo.InvariantCulture).AddDays(1);
                return (arrived - due).TotalMinutes;
            })
            .Order()
            .ToList();

        var outcome = await Profiles.RunAsync(manifest);

        var timing = outcome.Baseline.Timing;
        Assert.Equal("file_modification_time", timing.Source);
        Assert.Null(timing.AvgDurationMs);
        Assert.Null(timing.P50DurationMs);
        Assert.Equal((long)Math.Round(offsets[3], MidpointRounding.AwayFromZero), timing.TypicalArrivalOffsetMin);
    }

    // Writes the table's partitions again with another SELECT list, into a new Hive folder.
    private string Rewrite(ExampleLakeTable table, string name, string selectList)
    {
        var target = lake.TempPath(name);
        foreach (var partition in table.Partitions)
        {
            var folder = Path.Combine(target, $"dt={partition}");
            Directory.CreateDirectory(folder);
            var sources = Directory.GetFiles(Path.Combine(table.Path, $"dt={partition}"), "*.parquet");
            using (lake.Connection.Query($"CREATE OR REPLACE TEMP TABLE rewrite AS SELECT {selectList} FROM read_parquet($1)", sources))
            {
            }

            // A COPY target cannot be a parameter; the path is a temp folder of this test.
            var file = Path.Combine(folder, "part-0.parquet").Replace("'", "''", StringComparison.Ordinal);
            lake.Connection.Execute($"COPY rewrite TO '{file}' (FORMAT parquet)");
        }

        return target;
    }
}
