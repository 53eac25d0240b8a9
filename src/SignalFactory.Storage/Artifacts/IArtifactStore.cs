namespace SignalFactory.Storage.Artifacts;

/// <summary>
/// A flat store of artifacts (manifests, baselines, policy bundles) addressed by keys that look like relative paths
/// with forward slashes (<c>datasets/raw/orders/dataset.yaml</c>). Backends: a local folder now, an S3 bucket later,
/// so the contract says nothing about files.
/// </summary>
/// <remarks>
/// Keys are validated by <see cref="ArtifactKey.Validate"/>: no empty segment, no <c>.</c> or <c>..</c>, no leading
/// slash, no backslash, no drive letter or control character. A bad key raises <see cref="ArgumentException"/>.
/// </remarks>
public interface IArtifactStore
{
    /// <summary>
    /// Writes <paramref name="content"/> under <paramref name="key"/>, replacing any earlier content. Atomic: a reader
    /// sees either the old complete content or the new complete content, never a partial write; concurrent writers
    /// of one key leave one complete version.
    /// </summary>
    Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Reads the whole artifact, or returns <c>null</c> when no artifact has that key.</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether an artifact with that exact key exists.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Keys that start with <paramref name="prefix"/> (plain string prefix, as S3 does; <c>""</c> lists everything),
    /// in ordinal order. <c>datasets/raw/</c> lists that folder recursively; <c>datasets/raw/ord</c> also matches
    /// <c>datasets/raw/orders/…</c>.
    /// </summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes the artifact; returns <c>false</c> when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);
}
