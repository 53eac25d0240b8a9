using SignalFactory.Cli.Tests.Support;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Cli.Tests.Policy;

/// <summary>A workspace with one registered Tier-1 Delta manifest and, on request, a baseline written by the test.</summary>
internal sealed class PolicyWorkspace : IDisposable
{
    public const string Urn = "ds://curated/orders";

    private PolicyWorkspace(TempFolder folder) => Folder = folder;

    public TempFolder Folder { get; }

    public string Dir => Folder.Path;

    public string Artifacts => Folder.Combine(".sf", "artifacts");

    public string BundlePath => Path.Combine(Artifacts, "datasets", "curated", "orders", "policy_bundle.yaml");

    /// <summary>Registers <see cref="Manifests.Delta"/> for <see cref="Urn"/> (Tier-1, SLO minimum 100,000 rows per partition).</summary>
    public static async Task<PolicyWorkspace> CreateAsync(bool withBaseline = true)
    {
        var workspace = Empty();
        await workspace.RegisterAsync(Manifests.Delta(Urn));
        if (withBaseline)
        {
            await workspace.WriteBaselineAsync(Baseline());
        }

        return workspace;
    }

    /// <summary>A temp folder where no workspace exists yet.</summary>
    public static PolicyWorkspace Empty() => new(new TempFolder());

    public async Task RegisterAsync(string manifest)
    {
        var file = Folder.Combine("manifest-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(file, manifest);
        var register = await CliRun.InAsync(Dir, "registry", "register", file);
        Assert.Equal(0, register.ExitCode);
    }

    public async Task WriteBaselineAsync(Baseline baseline)
    {
        var store = new LocalArtifactStore(Artifacts);
        await store.WriteAsync(ArtifactKeys.Baseline(baseline.DatasetUrn), BaselineJson.Serialize(baseline), CancellationToken.None);
    }

    public Task<CliResult> RunAsync(params string[] args) => CliRun.InAsync(Dir, args);

    public void Dispose() => Folder.Dispose();

    /// <summary>
    /// Five partitions of 1,000 rows. order_id 1..5000 (declared NOT NULL), order_total 5.00..480.00, customer_email
    /// flagged as EMAIL, status with 4 distinct values; no nulls anywhere.
    /// </summary>
    public static Baseline Baseline(string urn = Urn) => new()
    {
        DatasetUrn = urn,
        BootstrapId = "boot-cli-1",
        ProfilingMetadata = new ProfilingMetadata
        {
            ProfiledAt = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero),
            PartitionsSampled = 5,
            DateRange = ["2026-10-20", "2026-10-24"],
            TotalRowsSampled = 5000,
            ProfilingEngine = ProfilingEngines.DuckDb,
            IsSynthetic = false,
            Confidence = BaselineConfidence.Medium,
            VolumeSource = VolumeSources.Profiled,
        },
        Volume = new VolumeBaseline
        {
            AvgRowCount = 1000, StddevRowCount = 0, MinRowCount = 1000, MaxRowCount = 1000,
            AnomalyLowerBound = 1000, AnomalyUpperBound = 1000, SigmaMultiplier = 2,
        },
        Schema = new SchemaBaseline
        {
            ColumnCount = 4,
            CanonicalFingerprint = "sha256:" + new string('b', 64),
            Columns =
            [
                new SchemaColumn { Name = "order_id", Type = "LONG", Nullable = false, NullRate = 0 },
                new SchemaColumn { Name = "order_total", Type = "DECIMAL(12,2)", Nullable = true, NullRate = 0 },
                new SchemaColumn { Name = "customer_email", Type = "STRING", Nullable = true, NullRate = 0 },
                new SchemaColumn { Name = "status", Type = "STRING", Nullable = true, NullRate = 0 },
            ],
        },
        Timing = new TimingBaseline(),
        PiiScan = new PiiScanBaseline
        {
            ColumnsWithPii = ["customer_email"],
            PiiPatternsDetected = new Dictionary<string, PiiFinding>
            {
                ["customer_email"] = new() { Pattern = "EMAIL", Confidence = 1, Validator = "email_structure", Matched = 100, Sampled = 100 },
            },
            ColumnsScanned = ["customer_email", "status"],
        },
        NullRates = new Dictionary<string, double> { ["order_id"] = 0, ["order_total"] = 0, ["customer_email"] = 0, ["status"] = 0 },
        PartitionRowCounts = [.. Enumerable.Range(0, 5).Select(i => new PartitionRowCount { Partition = $"2026-10-{20 + i}", RowCount = 1000 })],
        ColumnProfiles = new Dictionary<string, ColumnProfile>
        {
            ["order_id"] = new() { NullCount = 0, NullRate = 0, Min = ColumnBound.Number(1L), Max = ColumnBound.Number(5000L), ApproxDistinct = 5000 },
            ["order_total"] = new() { NullCount = 0, NullRate = 0, Min = ColumnBound.Number(5.00m), Max = ColumnBound.Number(480.00m), ApproxDistinct = 3000 },
            ["customer_email"] = new() { NullCount = 0, NullRate = 0, ApproxDistinct = 900 },
            ["status"] = new() { NullCount = 0, NullRate = 0, ApproxDistinct = 4 },
        },
    };
}
