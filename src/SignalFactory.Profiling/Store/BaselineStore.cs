using SignalFactory.Profiling.Baselines;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Profiling.Store;

/// <summary>One stored <c>baseline.json</c>.</summary>
/// <param name="Urn">The dataset.</param>
/// <param name="Version">Its history number (<c>baseline.vN.json</c>); 0 for a latest file that has no history entry (written by hand).</param>
/// <param name="Key">The artifact key it was read from or written to.</param>
/// <param name="Json">The exact bytes.</param>
/// <param name="Baseline">The bytes, parsed.</param>
/// <param name="Created">For a save: whether a new history entry was written (false when the bytes equalled the newest one).</param>
public sealed record StoredBaseline(string Urn, int Version, string Key, byte[] Json, Baseline Baseline, bool Created = false);

/// <summary>
/// Keeps each dataset's baselines in the artifact store: the latest at <c>datasets/{zone}/{name}/baseline.json</c>
/// and every saved one at <c>baseline.json.history/baseline.vN.json</c>, N = 1, 2, … (see <see cref="ArtifactKeys"/>).
/// <para>
/// A save writes the history entry first, then the latest file, each atomically (the store writes a temporary file
/// and renames it), so the latest always has its history entry; a crash between the two leaves the previous latest in
/// place and the next save repairs it. A re-profile gets a new entry even when only <c>profiled_at</c> differs —
/// every profile is a recorded event — but saving bytes identical to the newest entry (a retried step) writes no
/// new entry and returns that version, so retries are idempotent. Versions are numbered by listing the history, so
/// two processes saving the same dataset at the same moment could pick the same N; the orchestrator profiles a
/// dataset from one worker at a time.
/// </para>
/// </summary>
public sealed class BaselineStore
{
    private const string HistoryFolder = "baseline.json.history/";
    private readonly IArtifactStore _artifacts;

    /// <summary>A baseline store over <paramref name="artifacts"/> (e.g. the workspace's artifact store).</summary>
    public BaselineStore(IArtifactStore artifacts)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        _artifacts = artifacts;
    }

    /// <summary>Saves <paramref name="baseline"/> as its canonical bytes (<see cref="BaselineJson.Serialize"/>).</summary>
    public Task<StoredBaseline> SaveAsync(Baseline baseline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return SaveAsync(baseline.DatasetUrn, BaselineJson.Serialize(baseline), cancellationToken);
    }

    /// <summary>Saves <c>baseline.json</c> bytes for <paramref name="urn"/>, keeping history.</summary>
    /// <exception cref="BaselineFormatException">The bytes are not a baseline.</exception>
    /// <exception cref="ArgumentException">The baseline's <c>dataset_urn</c> is not <paramref name="urn"/>, or the URN is malformed.</exception>
    public async Task<StoredBaseline> SaveAsync(string urn, byte[] json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        var latestKey = ArtifactKeys.Baseline(urn);
        var baseline = BaselineJson.Deserialize(json, latestKey);
        if (!string.Equals(baseline.DatasetUrn, urn, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The baseline is for {baseline.DatasetUrn}, not {urn}; nothing was stored.");
        }

        var versions = await GetVersionsAsync(urn, cancellationToken).ConfigureAwait(false);
        if (versions.Count > 0)
        {
            var newest = versions[^1];
            var newestBytes = await _artifacts.ReadAsync(ArtifactKeys.BaselineVersion(urn, newest), cancellationToken).ConfigureAwait(false);
            if (newestBytes is not null && newestBytes.AsSpan().SequenceEqual(json))
            {
                var latest = await _artifacts.ReadAsync(latestKey, cancellationToken).ConfigureAwait(false);
                if (latest is null || !latest.AsSpan().SequenceEqual(json))
                {
                    await _artifacts.WriteAsync(latestKey, json, cancellationToken).ConfigureAwait(false);
                }

                return new StoredBaseline(urn, newest, latestKey, json, baseline, Created: false);
            }
        }

        var version = versions.Count == 0 ? 1 : versions[^1] + 1;
        await _artifacts.WriteAsync(ArtifactKeys.BaselineVersion(urn, version), json, cancellationToken).ConfigureAwait(false);
        await _artifacts.WriteAsync(latestKey, json, cancellationToken).ConfigureAwait(false);
        return new StoredBaseline(urn, version, latestKey, json, baseline, Created: true);
    }

    /// <summary>The latest baseline, or null when none was stored.</summary>
    /// <exception cref="BaselineFormatException">The stored file is damaged; the message names its key and field.</exception>
    public async Task<StoredBaseline?> GetLatestAsync(string urn, CancellationToken cancellationToken)
    {
        var key = ArtifactKeys.Baseline(urn);
        var json = await _artifacts.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        var baseline = BaselineJson.Deserialize(json, key);
        var versions = await GetVersionsAsync(urn, cancellationToken).ConfigureAwait(false);
        var version = 0;
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            var entry = await _artifacts.ReadAsync(ArtifactKeys.BaselineVersion(urn, versions[i]), cancellationToken).ConfigureAwait(false);
            if (entry is not null && entry.AsSpan().SequenceEqual(json))
            {
                version = versions[i];
                break;
            }
        }

        return new StoredBaseline(urn, version, key, json, baseline);
    }

    /// <summary>One history entry, or null when it does not exist.</summary>
    /// <exception cref="BaselineFormatException">The stored file is damaged.</exception>
    public async Task<StoredBaseline?> GetVersionAsync(string urn, int version, CancellationToken cancellationToken)
    {
        var key = ArtifactKeys.BaselineVersion(urn, version);
        var json = await _artifacts.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return json is null ? null : new StoredBaseline(urn, version, key, json, BaselineJson.Deserialize(json, key));
    }

    /// <summary>The history's version numbers, ascending; empty when nothing was stored.</summary>
    public Task<IReadOnlyList<int>> GetVersionsAsync(string urn, CancellationToken cancellationToken) =>
        ArtifactHistory.ListVersionsAsync(_artifacts, ArtifactKeys.DatasetFolder(urn) + "/" + HistoryFolder, "baseline", ".json",
            cancellationToken);
}
