using SignalFactory.Core.Manifests;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Registry;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Policy.Certification;

/// <summary>Where a certification gets a dataset's current manifest and baseline.</summary>
public interface IDatasetSource
{
    /// <summary>The latest registered manifest, or null when the URN is not registered.</summary>
    Task<DatasetManifest?> GetManifestAsync(string datasetUrn, CancellationToken ct);

    /// <summary>The latest baseline, or null when the dataset has not been profiled.</summary>
    /// <exception cref="BaselineFormatException">The stored baseline is not valid.</exception>
    Task<Baseline?> GetBaselineAsync(string datasetUrn, CancellationToken ct);
}

/// <summary>
/// <see cref="IDatasetSource"/> over a workspace: the registry's latest manifest version and the artifact store's
/// <c>baseline.json</c> (<see cref="ArtifactKeys.Baseline"/>).
/// </summary>
public sealed class WorkspaceDatasetSource(IRegistryStore registry, IArtifactStore artifacts) : IDatasetSource
{
    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The registered manifest no longer validates.</exception>
    public async Task<DatasetManifest?> GetManifestAsync(string datasetUrn, CancellationToken ct)
    {
        var dataset = await registry.GetAsync(datasetUrn, null, ct).ConfigureAwait(false);
        if (dataset is null)
        {
            return null;
        }

        var loaded = ManifestLoader.Load(dataset.YamlContent, $"{datasetUrn} version {dataset.Version}");
        return loaded.Manifest ?? throw new InvalidOperationException(
            $"The registered manifest of {datasetUrn} (version {dataset.Version}) does not validate: "
            + string.Join("; ", loaded.Report.Errors.Select(e => e.ToString())));
    }

    /// <inheritdoc />
    public async Task<Baseline?> GetBaselineAsync(string datasetUrn, CancellationToken ct)
    {
        var key = ArtifactKeys.Baseline(datasetUrn);
        var bytes = await artifacts.ReadAsync(key, ct).ConfigureAwait(false);
        return bytes is null ? null : BaselineJson.Deserialize(bytes, key);
    }
}
