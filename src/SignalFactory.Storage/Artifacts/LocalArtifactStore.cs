namespace SignalFactory.Storage.Artifacts;

/// <summary>
/// An <see cref="IArtifactStore"/> over a local (or mounted shared) folder: key <c>a/b/c.yaml</c> is the file
/// <c>{root}/a/b/c.yaml</c>. Writes go to a temporary file in the destination folder, are flushed to disk, then
/// renamed over the destination, so readers never see a partial file.
/// </summary>
/// <remarks>
/// A folder cannot hold a file and a sub-folder of the same name, so unlike S3 the keys <c>a</c> and <c>a/b</c>
/// cannot both exist here; the second write fails with an <see cref="IOException"/>.
/// </remarks>
public sealed class LocalArtifactStore : IArtifactStore
{
    private static readonly EnumerationOptions _listOptions = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        // On Unix, names starting with '.' count as hidden; they are still artifacts.
        AttributesToSkip = FileAttributes.None,
        MatchType = MatchType.Simple,
    };

    private readonly string _root;
    private readonly string _rootWithSeparator;

    /// <summary>Creates a store rooted at <paramref name="rootFolder"/>; the folder is created on first write.</summary>
    public LocalArtifactStore(string rootFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolder);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootFolder));
        _rootWithSeparator = _root + Path.DirectorySeparatorChar;
    }

    /// <summary>The absolute path of the root folder.</summary>
    public string RootFolder => _root;

    /// <summary>The absolute file path that holds <paramref name="key"/> (for messages and tools; do not write to it).</summary>
    public string GetPath(string key) => PathFor(key);

    /// <inheritdoc />
    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        cancellationToken.ThrowIfCancellationRequested();
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);

        // Same folder as the destination so the rename stays on one file system and is atomic; a unique name so
        // concurrent writers of one key never share a temporary file.
        var temporary = Path.Combine(folder, $"{Path.GetFileName(path)}.{Guid.NewGuid():N}{ArtifactKey.TemporarySuffix}");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            };
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                // fsync before the rename: after a power loss the destination holds either the old or the new
                // complete content, never a renamed file whose blocks were not written yet.
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        if (Directory.Exists(path))
        {
            return null;
        }

        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(path));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArtifactKey.ValidatePrefix(prefix);
        var lastSlash = prefix.LastIndexOf('/');
        var folder = lastSlash <= 0 ? _root : PathFor(prefix[..lastSlash]);
        var keys = new List<string>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", _listOptions))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
                // Skips in-flight or abandoned temporary files, and files whose names no key could produce.
                if (key.StartsWith(prefix, StringComparison.Ordinal) && ArtifactKey.IsValid(key))
                {
                    keys.Add(key);
                }
            }
        }

        keys.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    private string PathFor(string key)
    {
        ArtifactKey.Validate(key);
        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        // Validation already refuses traversal; this guards the mapping itself (e.g. a platform path quirk).
        if (!path.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
        {
            throw new ArgumentException("Invalid artifact key: it resolves outside the store root.", nameof(key));
        }

        return path;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is ignored by ListAsync and never read as an artifact.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
