using SignalFactory.Core.Manifests;
using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Certification.Graph;
using SignalFactory.Policy.Certification.Store;
using SignalFactory.Policy.Tests.TestSupport;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Registry.Sqlite;

namespace SignalFactory.Policy.Tests.Certification.Support;

/// <summary>A migrated state database in a temp folder, the stores over it, a fake clock and the initializer.</summary>
public sealed class CertificationHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private CertificationHarness(TempFolder folder)
    {
        Folder = folder;
        Clock = new ManualTimeProvider(Start);
        Store = new SqliteCertificationStore(DatabasePath, Clock);
        Graph = new SqliteGraphStore(DatabasePath, Clock);
        Initializer = new CertifiedViewInitializer(Store, Graph);
    }

    public TempFolder Folder { get; }

    public string DatabasePath => Folder.Combine("state.db");

    public ManualTimeProvider Clock { get; }

    public SqliteCertificationStore Store { get; }

    public SqliteGraphStore Graph { get; }

    public CertifiedViewInitializer Initializer { get; }

    public static async Task<CertificationHarness> CreateAsync()
    {
        var harness = new CertificationHarness(new TempFolder());
        await SqliteMigrator.ApplyAsync(harness.DatabasePath, CertificationMigrations.All, CancellationToken.None);
        return harness;
    }

    public CertificationContext Context(string? expectedFingerprint = null, params string[] consumers) => new()
    {
        BootstrapId = "boot-test-001",
        ExpectedSchemaFingerprint = expectedFingerprint,
        Consumers = consumers,
        TimeProvider = Clock,
    };

    public Task<CertificationResult> CertifyAsync(DatasetManifest manifest, string? expectedFingerprint = null, params string[] consumers) =>
        Initializer.CertifyAsync(manifest, Context(expectedFingerprint, consumers), CancellationToken.None);

    /// <summary>A checker whose manifests and baselines come from the given dictionaries.</summary>
    public DeferredCertificationChecker Checker(IReadOnlyDictionary<string, DatasetManifest> manifests, IReadOnlyDictionary<string, Baseline>? baselines = null) =>
        new(Store, new DictionarySource(manifests, baselines ?? new Dictionary<string, Baseline>()), Initializer, Clock);

    public void Dispose() => Folder.Dispose();

    private sealed class DictionarySource(IReadOnlyDictionary<string, DatasetManifest> manifests, IReadOnlyDictionary<string, Baseline> baselines)
        : IDatasetSource
    {
        public Task<DatasetManifest?> GetManifestAsync(string datasetUrn, CancellationToken ct) =>
            Task.FromResult(manifests.GetValueOrDefault(datasetUrn));

        public Task<Baseline?> GetBaselineAsync(string datasetUrn, CancellationToken ct) =>
            Task.FromResult(baselines.GetValueOrDefault(datasetUrn));
    }
}
