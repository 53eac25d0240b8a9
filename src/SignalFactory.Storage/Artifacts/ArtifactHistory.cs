using System.Globalization;

namespace SignalFactory.Storage.Artifacts;

/// <summary>The numbered history files an artifact keeps beside its latest copy (<c>{stem}.v{N}{extension}</c>).</summary>
public static class ArtifactHistory
{
    /// <summary>
    /// The version numbers of the files <c>{folder}{stem}.v{N}{extension}</c> in <paramref name="store"/>, ascending;
    /// other names in the folder are ignored. <paramref name="folder"/> ends with '/'.
    /// </summary>
    public static async Task<IReadOnlyList<int>> ListVersionsAsync(IArtifactStore store, string folder, string stem, string extension,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var keys = await store.ListAsync(folder, cancellationToken).ConfigureAwait(false);
        var head = stem + ".v";
        var versions = new List<int>();
        foreach (var key in keys)
        {
            var name = key[folder.Length..];
            if (name.StartsWith(head, StringComparison.Ordinal) && name.EndsWith(extension, StringComparison.Ordinal)
                && name.Length > head.Length + extension.Length
                && int.TryParse(name[head.Length..^extension.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n > 0)
            {
                versions.Add(n);
            }
        }

        versions.Sort();
        return versions;
    }
}
