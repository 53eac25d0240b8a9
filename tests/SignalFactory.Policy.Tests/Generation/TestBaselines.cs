using SignalFactory.Core.Manifests;
using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Policy.Tests.Generation;

/// <summary>One column of a hand-built baseline: every statistic is given explicitly by the test.</summary>
internal sealed record TestColumn(string Name, string Type, bool Nullable = true, long Nulls = 0, ColumnBound? Min = null, ColumnBound? Max = null, long? Distinct = null, string? Pii = null);

/// <summary>Builds baselines whose statistics the tests state by hand (nothing computed by the code under test).</summary>
internal static class TestBaselines
{
    public static readonly DateTimeOffset ProfiledAt = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static Baseline Build(string urn, long rows, IReadOnlyList<TestColumn> columns, IReadOnlyList<long> partitionRows, VolumeBaseline? volume = null, bool synthetic = false)
    {
        var profiles = columns.ToDictionary(c => c.Name, c => new ColumnProfile
        {
            NullCount = c.Nulls,
            NullRate = rows == 0 ? 0 : (double)c.Nulls / rows,
            Min = c.Pii is null ? c.Min : null,
            Max = c.Pii is null ? c.Max : null,
            ApproxDistinct = c.Distinct,
        }, StringComparer.Ordinal);
        var pii = columns.Where(c => c.Pii is not null).ToList();
        var partitions = partitionRows.Select((n, i) => new PartitionRowCount { Partition = $"2026-10-{i + 20:00}", RowCount = n }).ToList();
        return new Baseline
        {
            DatasetUrn = urn,
            BootstrapId = "boot-" + urn.Split('/')[^1],
            ProfilingMetadata = new ProfilingMetadata
            {
                ProfiledAt = ProfiledAt,
                PartitionsSampled = partitions.Count,
                DateRange = partitions.Count == 0 ? [] : [partitions[0].Partition, partitions[^1].Partition],
                TotalRowsSampled = rows,
                ProfilingEngine = ProfilingEngines.DuckDb,
                IsSynthetic = synthetic,
                Confidence = synthetic ? BaselineConfidence.Low : partitions.Count >= 7 ? BaselineConfidence.High : BaselineConfidence.Medium,
                SyntheticReason = synthetic ? SyntheticReasons.NoHistory : null,
                AutoRefineAfterRuns = synthetic ? 7 : null,
                VolumeSource = synthetic ? VolumeSources.Synthetic : VolumeSources.Profiled,
            },
            Volume = volume ?? FlatVolume(partitionRows),
            Schema = new SchemaBaseline
            {
                ColumnCount = columns.Count,
                CanonicalFingerprint = "sha256:" + new string('a', 64),
                Columns = [.. columns.Select(c => new SchemaColumn { Name = c.Name, Type = c.Type, Nullable = c.Nullable, NullRate = profiles[c.Name].NullRate })],
            },
            Timing = new TimingBaseline(),
            PiiScan = new PiiScanBaseline
            {
                ColumnsWithPii = [.. pii.Select(c => c.Name).Order(StringComparer.Ordinal)],
                PiiPatternsDetected = pii.ToDictionary(c => c.Name, c => new PiiFinding
                {
                    Pattern = c.Pii!, Confidence = 1, Validator = "test", Matched = 10, Sampled = 10,
                }, StringComparer.Ordinal),
                ColumnsScanned = [.. columns.Where(c => c.Type == "STRING").Select(c => c.Name).Order(StringComparer.Ordinal)],
            },
            NullRates = profiles.ToDictionary(kv => kv.Key, kv => kv.Value.NullRate, StringComparer.Ordinal),
            PartitionRowCounts = partitions,
            ColumnProfiles = profiles,
        };
    }

    /// <summary>Volume of partitions that all have the same size: avg = that size, stddev 0, bounds equal to it.</summary>
    private static VolumeBaseline FlatVolume(IReadOnlyList<long> partitionRows)
    {
        var size = partitionRows.Count == 0 ? 0 : partitionRows[0];
        return new VolumeBaseline
        {
            AvgRowCount = size, StddevRowCount = 0, MinRowCount = size, MaxRowCount = size,
            AnomalyLowerBound = size, AnomalyUpperBound = size, SigmaMultiplier = 2,
        };
    }

    /// <summary>Shaped like the example lake's Tier-1 <c>orders_enriched</c>: 7 partitions × 1,000 rows.</summary>
    public static Baseline Orders() => Build("ds://curated/orders_enriched", 7000,
    [
        new("order_id", "LONG", Nullable: false, Min: ColumnBound.Number(1L), Max: ColumnBound.Number(7000L), Distinct: 7000),
        new("customer_id", "INT", Min: ColumnBound.Number(1L), Max: ColumnBound.Number(100000L), Distinct: 5200),
        new("customer_email", "STRING", Distinct: 5200, Pii: "EMAIL"),
        new("customer_phone", "STRING", Nulls: 350, Distinct: 5000, Pii: "PHONE"),
        new("customer_ssn", "STRING", Distinct: 5200, Pii: "SSN"),
        new("card_number", "STRING", Distinct: 5200, Pii: "CREDIT_CARD"),
        new("client_ip", "STRING", Distinct: 5200, Pii: "IP_ADDRESS"),
        new("order_total", "DECIMAL(12,2)", Min: ColumnBound.Number(5.00m), Max: ColumnBound.Number(480.00m), Distinct: 4000),
        new("discount_pct", "DOUBLE", Nulls: 700, Min: ColumnBound.Number(0.0), Max: ColumnBound.Number(0.5), Distinct: 11),
        new("quantity", "INT", Min: ColumnBound.Number(1L), Max: ColumnBound.Number(10L), Distinct: 10),
        new("is_gift", "BOOLEAN", Distinct: 2),
        new("status", "STRING", Distinct: 4),
        new("order_date", "DATE", Min: ColumnBound.Date(new DateOnly(2026, 10, 20)), Max: ColumnBound.Date(new DateOnly(2026, 10, 26)), Distinct: 7),
        new("coupon_code", "STRING", Nulls: 4900, Distinct: 30),
        new("notes", "STRING", Nulls: 6650, Distinct: 300),
    ], [1000, 1000, 1000, 1000, 1000, 1000, 1000]);

    /// <summary>Shaped like the Tier-2 <c>customer_events</c>.</summary>
    public static Baseline CustomerEvents() => Build("ds://raw/customer_events", 7000,
    [
        new("event_id", "LONG", Min: ColumnBound.Number(1L), Max: ColumnBound.Number(7000L), Distinct: 7000),
        new("customer_id", "INT", Min: ColumnBound.Number(1L), Max: ColumnBound.Number(100000L), Distinct: 5000),
        new("event_type", "STRING", Distinct: 5),
        new("email", "STRING", Distinct: 5000, Pii: "EMAIL"),
        new("ip", "STRING", Distinct: 5000, Pii: "IP_ADDRESS"),
        new("amount", "DOUBLE", Min: ColumnBound.Number(0.0), Max: ColumnBound.Number(250.75), Distinct: 3000),
        new("device", "STRING", Nulls: 1400, Distinct: 4),
        new("is_mobile", "BOOLEAN", Distinct: 2),
    ], [1000, 1000, 1000, 1000, 1000, 1000, 1000]);

    /// <summary>Shaped like the Tier-3 <c>web_sessions</c>.</summary>
    public static Baseline WebSessions() => Build("ds://analytics/web_sessions", 700,
    [
        new("session_id", "STRING", Distinct: 700),
        new("customer_id", "INT", Nulls: 210, Min: ColumnBound.Number(1L), Max: ColumnBound.Number(100000L), Distinct: 480),
        new("landing_page", "STRING", Distinct: 12),
        new("referrer", "STRING", Nulls: 280, Distinct: 6),
        new("page_views", "INT", Min: ColumnBound.Number(1L), Max: ColumnBound.Number(40L), Distinct: 40),
        new("country", "STRING", Distinct: 20),
    ], [100, 100, 100, 100, 100, 100, 100]);

    public static DatasetManifest Manifest(string urn, string tier, long? minRows = null, double? thresholdPct = null) => new()
    {
        Urn = urn,
        OwnerTeam = "data-platform",
        Tier = tier,
        Runtime = "spark",
        Storage = new StorageSpec { Format = "delta", Gold = "/lake/" + urn.Split('/')[^1], PartitionKey = "dt" },
        Slo = new SloSpec
        {
            Freshness = new FreshnessSpec { ExpectedUpdateBy = "04:00 ET daily", GracePeriod = "45m", MaxStalenessHours = 6 },
            Volume = minRows is null && thresholdPct is null ? null : new VolumeSpec { MinRowsPerPartition = minRows, AnomalyThresholdPct = thresholdPct },
        },
        EnforcementModel = "post_write",
    };
}
