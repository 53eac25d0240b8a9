using System.Text.Json;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Synthetic;
using SignalFactory.Profiling.Tests.TestSupport;

namespace SignalFactory.Profiling.Tests.Synthetic;

public sealed class SyntheticBaselineGeneratorTests
{
    private readonly SyntheticBaselineGenerator _generator = new(new TestClock());

    [Theory]
    // LLD §4.6: avg, stddev; bounds max(0, avg − 3·stddev) and avg + 3·stddev.
    [InlineData("TIER_1", 500_000, 150_000, 50_000, 950_000)]   // 500,000 − 450,000; 500,000 + 450,000
    [InlineData("TIER_2", 100_000, 50_000, 0, 250_000)]         // 100,000 − 150,000 < 0
    [InlineData("TIER_3", 10_000, 5_000, 0, 25_000)]            // 10,000 − 15,000 < 0
    public void Generate_Tier_UsesLldDefaults(string tier, long avg, long stddev, long lower, long upper)
    {
        var volume = _generator.Generate("ds://curated/orders", tier, "boot-1", SyntheticReasons.NoHistory).Volume;

        Assert.Equal(avg, volume.AvgRowCount);
        Assert.Equal(stddev, volume.StddevRowCount);
        Assert.Equal(lower, volume.MinRowCount);
        Assert.Equal(upper, volume.MaxRowCount);
        Assert.Equal(lower, volume.AnomalyLowerBound);
        Assert.Equal(upper, volume.AnomalyUpperBound);
        Assert.Equal(3.0, volume.SigmaMultiplier);
        Assert.Null(volume.MedianRowCount);
        Assert.Null(volume.RobustLowerBound);
    }

    [Fact]
    public void Generate_WithoutData_IsTheLldSyntheticBaseline()
    {
        var b = _generator.Generate("ds://curated/orders", "TIER_2", "boot-1", SyntheticReasons.ProfilingOomFallback);
        var m = b.ProfilingMetadata;

        Assert.True(m.IsSynthetic);
        Assert.Equal("LOW", m.Confidence);
        Assert.Equal("PROFILING_OOM_FALLBACK", m.SyntheticReason);
        Assert.Equal(7, m.AutoRefineAfterRuns);
        Assert.Equal("synthetic", m.ProfilingEngine);
        Assert.Equal("synthetic", m.VolumeSource);
        Assert.Equal(0, m.PartitionsSampled);
        Assert.Empty(m.DateRange);
        Assert.Equal(0, m.TotalRowsSampled);
        Assert.Equal(new DateTimeOffset(2026, 2, 15, 10, 35, 0, TimeSpan.Zero), m.ProfiledAt);
        Assert.Equal("sha256:SYNTHETIC_PENDING", b.Schema.CanonicalFingerprint);
        Assert.Equal(0, b.Schema.ColumnCount);
        Assert.Empty(b.Schema.Columns);
        Assert.Empty(b.NullRates);
        Assert.Empty(b.PiiScan.ColumnsWithPii);
        Assert.Empty(b.PartitionRowCounts);
    }

    [Fact]
    public void Generate_Json_CarriesSyntheticFields()
    {
        var bytes = BaselineJson.Serialize(_generator.Generate("ds://curated/orders", "TIER_3", "boot-1", SyntheticReasons.NoHistory));
        using var doc = JsonDocument.Parse(bytes);
        var m = doc.RootElement.GetProperty("profiling_metadata");

        Assert.True(m.GetProperty("is_synthetic").GetBoolean());
        Assert.Equal("LOW", m.GetProperty("confidence").GetString());
        Assert.Equal("NO_HISTORY", m.GetProperty("synthetic_reason").GetString());
        Assert.Equal(7, m.GetProperty("auto_refine_after_runs").GetInt32());
        Assert.Equal(bytes, BaselineJson.Serialize(BaselineJson.Deserialize(bytes)));
    }

    [Fact]
    public void Generate_WithObservedData_KeepsProfiledSectionsAndSyntheticVolume()
    {
        var observed = ObservedTwoPartitions();

        var b = _generator.Generate("ds://curated/orders", "TIER_1", "boot-1", SyntheticReasons.NoHistory, observed);

        Assert.True(b.ProfilingMetadata.IsSynthetic);
        Assert.Equal("duckdb", b.ProfilingMetadata.ProfilingEngine);
        Assert.Equal("synthetic", b.ProfilingMetadata.VolumeSource);
        Assert.Equal(2, b.ProfilingMetadata.PartitionsSampled);
        Assert.Equal(["2026-02-13", "2026-02-14"], b.ProfilingMetadata.DateRange);
        Assert.Equal(250, b.ProfilingMetadata.TotalRowsSampled);
        Assert.Equal(500_000, b.Volume.AvgRowCount);
        Assert.Equal(observed.Schema.CanonicalFingerprint, b.Schema.CanonicalFingerprint);
        Assert.Equal(0.25, b.NullRates["email"]);
        Assert.Equal(0.25, b.Schema.Columns.Single(c => c.Name == "email").NullRate);
        Assert.Equal(["email"], b.PiiScan.ColumnsWithPii);
        Assert.Equal(2, b.PartitionRowCounts.Count);
    }

    [Fact]
    public void Generate_UnknownTier_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _generator.Generate("ds://a/b", "TIER_9", "boot-1", SyntheticReasons.NoHistory));

    [Fact]
    public void Generate_UnknownReason_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _generator.Generate("ds://a/b", "TIER_1", "boot-1", "because"));

    [Fact]
    public void FromDeltaLogHistory_ThreePartitions_ComputesVolumeWithTwoSigma()
    {
        // Counts 90, 100, 110: mean 100, sample σ 10, bounds 80 and 120.
        PartitionRowCount[] history =
        [
            new() { Partition = "2026-01-03", RowCount = 110 },
            new() { Partition = "2026-01-01", RowCount = 90 },
            new() { Partition = "2026-01-02", RowCount = 100 },
        ];

        var b = _generator.FromDeltaLogHistory("ds://curated/orders", "boot-1", history);
        var m = b.ProfilingMetadata;

        Assert.False(m.IsSynthetic);
        Assert.Equal("MEDIUM", m.Confidence);
        Assert.Equal("delta_log_stats", m.VolumeSource);
        Assert.Equal("delta_log", m.ProfilingEngine);
        Assert.Null(m.SyntheticReason);
        Assert.Equal(3, m.PartitionsSampled);
        Assert.Equal(["2026-01-01", "2026-01-03"], m.DateRange);
        Assert.Equal(300, m.TotalRowsSampled);
        Assert.Equal(100, b.Volume.AvgRowCount);
        Assert.Equal(10, b.Volume.StddevRowCount);
        Assert.Equal(80, b.Volume.AnomalyLowerBound);
        Assert.Equal(120, b.Volume.AnomalyUpperBound);
        Assert.Equal(2.0, b.Volume.SigmaMultiplier);
        var note = Assert.Single(m.Warnings);
        Assert.Equal("VOLUME_FROM_DELTA_LOG_STATS", note.Code);
        Assert.Contains("3 partitions", note.Message, StringComparison.Ordinal);
        Assert.Equal("sha256:SYNTHETIC_PENDING", b.Schema.CanonicalFingerprint);
    }

    [Fact]
    public void FromDeltaLogHistory_WithObservedData_KeepsBothSources()
    {
        PartitionRowCount[] history =
        [
            new() { Partition = "2026-01-01", RowCount = 90 },
            new() { Partition = "2026-01-02", RowCount = 100 },
            new() { Partition = "2026-01-03", RowCount = 110 },
        ];

        var b = _generator.FromDeltaLogHistory("ds://curated/orders", "boot-1", history, ObservedTwoPartitions());

        Assert.Equal("duckdb", b.ProfilingMetadata.ProfilingEngine);
        Assert.Equal(3, b.PartitionRowCounts.Count);
        Assert.Equal(2, b.Schema.ColumnCount);
    }

    [Fact]
    public void FromDeltaLogHistory_TwoPartitions_Throws() =>
        Assert.Throws<ArgumentException>(() => _generator.FromDeltaLogHistory(
            "ds://a/b", "boot-1", [new() { Partition = "1", RowCount = 1 }, new() { Partition = "2", RowCount = 2 }]));

    [Fact]
    public void FromDeltaLogHistory_RepeatedPartition_Throws() =>
        Assert.Throws<ArgumentException>(() => _generator.FromDeltaLogHistory(
            "ds://a/b",
            "boot-1",
            [new() { Partition = "1", RowCount = 1 }, new() { Partition = "1", RowCount = 2 }, new() { Partition = "2", RowCount = 2 }]));

    internal static ProfiledSections ObservedTwoPartitions() => new()
    {
        Schema = Profiling.Schema.SchemaSection.From(
        [
            new SchemaColumn { Name = "id", Type = "LONG", Nullable = false },
            new SchemaColumn { Name = "email", Type = "STRING", Nullable = true },
        ]),
        ColumnProfiles = new Dictionary<string, ColumnProfile>
        {
            ["id"] = new() { NullCount = 0, NullRate = 0, Min = ColumnBound.Number(1L), Max = ColumnBound.Number(250L) },
            ["email"] = new() { NullCount = 62, NullRate = 0.25 },
        },
        PiiScan = new PiiScanBaseline
        {
            ColumnsWithPii = ["email"],
            PiiPatternsDetected = new Dictionary<string, PiiFinding>
            {
                ["email"] = new() { Pattern = "EMAIL", Confidence = 1, Validator = "email_structure", Matched = 10, Sampled = 10 },
            },
            ColumnsScanned = ["email"],
        },
        PartitionRowCounts =
        [
            new() { Partition = "2026-02-14", RowCount = 130 },
            new() { Partition = "2026-02-13", RowCount = 120 },
        ],
        TotalRowsSampled = 250,
    };
}
