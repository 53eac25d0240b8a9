using SignalFactory.DuckDb;
using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Cli.Tests.Policy;

/// <summary><c>sf policy generate</c> reads accepted-value sets from the profiled partitions of a local Hive table.</summary>
public sealed class PolicyAcceptedValuesTests
{
    private const string Urn = "ds://raw/events";

    [Fact]
    public async Task Generate_LocalHiveTable_AcceptedValuesFromTheProfiledPartitionsOnly()
    {
        using var ws = await CreateAsync();

        var result = await ws.RunAsync("policy", "generate", Urn, "--json");

        Assert.Equal(0, result.ExitCode);
        var text = await File.ReadAllTextAsync(Path.Combine(ws.Artifacts, "datasets", "raw", "events", "policy_bundle.yaml"));
        // 'LATE' only occurs in dt=2026-10-23, which the baseline did not profile.
        Assert.Contains("expression: \"kind IN ('click', 'view')\"", text, StringComparison.Ordinal);
        Assert.Contains("expression: \"amount BETWEEN 0.0 AND 5.0\"", text, StringComparison.Ordinal);
        Assert.Contains("expression: \"event_id >= 0\"", text, StringComparison.Ordinal);

        var noData = (await ws.RunAsync("policy", "generate", Urn, "--no-data-read", "--json")).Json();
        Assert.DoesNotContain("kind_accepted_values", noData.GetProperty("invariants").EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>
    /// dt=2026-10-20..22: 30 rows each, row i of partition p: event_id = 30p + i + 1 (1..90), kind = click/view by
    /// i % 2, amount = (i % 10) × 0.5 (0..4.5). dt=2026-10-23 (not profiled): 30 rows of kind 'LATE'.
    /// </summary>
    private static async Task<PolicyWorkspace> CreateAsync()
    {
        var ws = PolicyWorkspace.Empty();
        var root = ws.Folder.Combine("lake", "events");
        using (var db = DuckDbDatabase.Open())
        using (var connection = db.Connect())
        {
            for (var p = 0; p < 4; p++)
            {
                var folder = Directory.CreateDirectory(Path.Combine(root, $"dt=2026-10-{20 + p}")).FullName;
                var kind = p == 3 ? "'LATE'" : "CASE i % 2 WHEN 0 THEN 'click' ELSE 'view' END";
                connection.Execute($"""
                    COPY (SELECT CAST({30 * p} + i + 1 AS BIGINT) AS event_id, {kind} AS kind, (i % 10) * 0.5 AS amount FROM range(30) t(i))
                    TO '{Path.Combine(folder, "part-0.parquet").Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)
                    """);
            }
        }

        await ws.RegisterAsync($"""
            urn: "{Urn}"
            owner_team: "growth"
            tier: TIER_1
            runtime: python
            storage:
              format: parquet
              silver: "{root}"
              partition_key: "dt"
            slo:
              volume:
                min_rows_per_partition: 10
                anomaly_threshold_pct: 50
            """);
        await ws.WriteBaselineAsync(Baseline());
        return ws;
    }

    private static Baseline Baseline() => new()
    {
        DatasetUrn = Urn,
        BootstrapId = "boot-events",
        ProfilingMetadata = new ProfilingMetadata
        {
            ProfiledAt = new DateTimeOffset(2026, 10, 23, 9, 0, 0, TimeSpan.Zero),
            PartitionsSampled = 3,
            TotalRowsSampled = 90,
            ProfilingEngine = ProfilingEngines.DuckDb,
            IsSynthetic = false,
            Confidence = BaselineConfidence.Medium,
            VolumeSource = VolumeSources.Profiled,
        },
        Volume = new VolumeBaseline
        {
            AvgRowCount = 30, StddevRowCount = 0, MinRowCount = 30, MaxRowCount = 30,
            AnomalyLowerBound = 30, AnomalyUpperBound = 30, SigmaMultiplier = 2,
        },
        Schema = new SchemaBaseline
        {
            ColumnCount = 3,
            CanonicalFingerprint = "sha256:" + new string('c', 64),
            Columns =
            [
                new SchemaColumn { Name = "event_id", Type = "LONG", Nullable = true, NullRate = 0 },
                new SchemaColumn { Name = "kind", Type = "STRING", Nullable = true, NullRate = 0 },
                new SchemaColumn { Name = "amount", Type = "DOUBLE", Nullable = true, NullRate = 0 },
            ],
        },
        Timing = new TimingBaseline(),
        PiiScan = new PiiScanBaseline { ColumnsScanned = ["kind"] },
        PartitionRowCounts = [.. Enumerable.Range(0, 3).Select(p => new PartitionRowCount { Partition = $"2026-10-{20 + p}", RowCount = 30 })],
        ColumnProfiles = new Dictionary<string, ColumnProfile>
        {
            ["event_id"] = new() { NullCount = 0, NullRate = 0, Min = ColumnBound.Number(1L), Max = ColumnBound.Number(90L), ApproxDistinct = 90 },
            ["kind"] = new() { NullCount = 0, NullRate = 0, ApproxDistinct = 2 },
            ["amount"] = new() { NullCount = 0, NullRate = 0, Min = ColumnBound.Number(0.0), Max = ColumnBound.Number(4.5), ApproxDistinct = 10 },
        },
    };
}
