using System.Security.Cryptography;
using System.Text;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Registry;

/// <summary>
/// Registers manifests in an <see cref="IRegistryStore"/> and publishes them as artifacts laid out by
/// <see cref="ArtifactKeys"/>: <c>datasets/{zone}/{name}/dataset.yaml.v{N}</c> for every version and
/// <c>datasets/{zone}/{name}/dataset.yaml</c> for the latest.
/// </summary>
/// <remarks>
/// Write order: each new <c>.v{N}</c> artifact is written inside the store's transaction, before it commits, so the
/// database never names a version whose artifact is missing (a failed commit leaves at most an orphan file that
/// the next registration of that version overwrites). The latest copy is written after the commit; a
/// registration that finds it missing or stale, including an unchanged re-registration, repairs it. Unchanged
/// registrations whose artifacts are intact write nothing.
/// </remarks>
public sealed class DatasetRegistryService
{
    private const string HashPrefix = "sha256:";

    private readonly IRegistryStore _store;
    private readonly IArtifactStore _artifacts;

    /// <summary>Creates the service over a registry store and the artifact store the manifests are published to.</summary>
    public DatasetRegistryService(IRegistryStore store, IArtifactStore artifacts)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(artifacts);
        _store = store;
        _artifacts = artifacts;
    }

    /// <summary>The registry store behind the service (for reads).</summary>
    public IRegistryStore Store => _store;

    /// <summary><c>sha256:</c> + lowercase hex SHA-256 of the UTF-8 bytes of <paramref name="yamlContent"/>.</summary>
    public static string ComputeContentHash(string yamlContent)
    {
        ArgumentNullException.ThrowIfNull(yamlContent);
        return HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yamlContent)));
    }

    /// <summary>
    /// Registers the batch in one transaction and publishes its artifacts; results in request order.
    /// </summary>
    /// <exception cref="ArgumentException">A request is malformed (including a URN that is not <c>ds://zone/name</c>); nothing changes.</exception>
    public async Task<IReadOnlyList<RegistrationResult>> RegisterAsync(IReadOnlyList<RegistrationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        // Map every URN to keys up front: a URN that cannot be a folder fails before the store is touched.
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                _ = ArtifactKeys.DatasetFolder(requests[i]?.Urn ?? string.Empty);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"requests[{i}].Urn: {e.Message}", e);
            }
        }

        var results = await _store.RegisterAsync(requests, WriteVersionArtifactsAsync, cancellationToken).ConfigureAwait(false);

        // One latest copy per URN, from the last result for it in the batch.
        var latestByUrn = new Dictionary<string, RegisteredDataset>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            latestByUrn[result.Dataset.Urn] = result.Dataset;
        }

        await Parallel.ForEachAsync(latestByUrn.Values, Parallelism(cancellationToken), PublishLatestAsync).ConfigureAwait(false);

        return results;
    }

    // Runs inside the store transaction. Unchanged results are checked too, so a lost version file is restored.
    private async Task WriteVersionArtifactsAsync(IReadOnlyList<RegistrationResult> pending, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(pending, Parallelism(cancellationToken), async (result, ct) =>
        {
            var dataset = result.Dataset;
            var key = ArtifactKeys.DatasetYamlVersion(dataset.Urn, dataset.Version);
            await WriteIfDifferentAsync(key, dataset.YamlContent, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    // Each artifact write ends in an fsync; overlapping a few keeps a 1,000-manifest batch from waiting on them one by one.
    private static ParallelOptions Parallelism(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };

    // Two registrations of one URN may commit v2 then v3 but publish in the other order. Each publisher re-reads the
    // latest version after its write and publishes again if the store moved on, so the last write always carries
    // the newest committed version.
    private async ValueTask PublishLatestAsync(RegisteredDataset dataset, CancellationToken cancellationToken)
    {
        var key = ArtifactKeys.DatasetYaml(dataset.Urn);
        var current = dataset;
        while (true)
        {
            await WriteIfDifferentAsync(key, current.YamlContent, cancellationToken).ConfigureAwait(false);
            var latest = await _store.GetAsync(current.Urn, version: null, cancellationToken).ConfigureAwait(false);
            if (latest is null || latest.Version <= current.Version)
            {
                return;
            }

            current = latest;
        }
    }

    private async Task WriteIfDifferentAsync(string key, string content, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var existing = await _artifacts.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (existing is null || !existing.AsSpan().SequenceEqual(bytes))
        {
            await _artifacts.WriteAsync(key, bytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
