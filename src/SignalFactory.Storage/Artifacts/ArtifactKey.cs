namespace SignalFactory.Storage.Artifacts;

/// <summary>Validation of artifact keys, shared by every <see cref="IArtifactStore"/> backend.</summary>
public static class ArtifactKey
{
    /// <summary>Longest key accepted; S3 allows 1024 bytes and a local path must stay well under PATH_MAX.</summary>
    public const int MaxLength = 1024;

    /// <summary>
    /// Suffix of the temporary files a local write creates before its rename; keys may not end with it, so a
    /// listing can tell the two apart.
    /// </summary>
    internal const string TemporarySuffix = ".sf-tmp";

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="key"/> is a relative, forward-slash path without
    /// traversal: segments are non-empty and not <c>.</c> or <c>..</c>; no backslash, colon or control character.
    /// </summary>
    public static void Validate(string key, string paramName = "key")
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        var problem = FindProblem(key, allowTrailingSlash: false);
        if (problem is not null)
        {
            throw new ArgumentException($"Invalid artifact key '{Printable(key)}': {problem}.", paramName);
        }
    }

    /// <summary>
    /// Validates a listing prefix: empty, or the same rules as a key except that it may end with a slash.
    /// </summary>
    public static void ValidatePrefix(string prefix, string paramName = "prefix")
    {
        ArgumentNullException.ThrowIfNull(prefix, paramName);
        if (prefix.Length == 0)
        {
            return;
        }

        var problem = FindProblem(prefix, allowTrailingSlash: true);
        if (problem is not null)
        {
            throw new ArgumentException($"Invalid artifact prefix '{Printable(prefix)}': {problem}.", paramName);
        }
    }

    /// <summary>Whether <paramref name="key"/> passes <see cref="Validate"/>, without throwing.</summary>
    public static bool IsValid(string? key) => key is not null && FindProblem(key, allowTrailingSlash: false) is null;

    private static string? FindProblem(string key, bool allowTrailingSlash)
    {
        if (key.Length == 0)
        {
            return "it is empty";
        }

        if (key.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (key[0] == '/')
        {
            return "it must be relative (no leading '/')";
        }

        foreach (var c in key)
        {
            if (c == '\\')
            {
                return "use '/' as separator, not '\\'";
            }

            if (c == ':')
            {
                // Refuses drive letters (C:) and NTFS alternate streams; URNs are mapped to folders before this.
                return "':' is not allowed";
            }

            if (char.IsControl(c))
            {
                return "control characters are not allowed";
            }
        }

        var body = allowTrailingSlash && key.EndsWith('/') ? key[..^1] : key;
        foreach (var segment in body.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "empty path segment ('//' or trailing '/')";
            }

            if (segment is "." or "..")
            {
                return "'.' and '..' segments are not allowed";
            }
        }

        if (!allowTrailingSlash && key.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            return $"the suffix '{TemporarySuffix}' is reserved";
        }

        return null;
    }

    // Keys are paths chosen by us, but echo them without control characters so a log line cannot be forged.
    private static string Printable(string key)
    {
        var shown = key.Length > 200 ? key[..200] + "…" : key;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
