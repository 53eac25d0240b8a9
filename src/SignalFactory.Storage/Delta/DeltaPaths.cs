namespace SignalFactory.Storage.Delta;

/// <summary>
/// Paths in the Delta log are RFC 2396 URIs: relative to the table root or absolute (<c>file:/…</c>,
/// <c>s3://…</c>), percent-encoded. This turns them into the paths a reader opens.
/// </summary>
internal static class DeltaPaths
{
    /// <summary>Turns a table root given as a local path or a <c>file:</c> URI into a full local path.</summary>
    public static string NormalizeTableRoot(string tableRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableRoot);
        var local = tableRoot;
        if (HasScheme(tableRoot))
        {
            if (!tableRoot.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                throw new DeltaTableException(
                    $"Delta table '{tableRoot}': only local folders and file: URIs can be read by this reader.")
                {
                    TableRoot = tableRoot,
                };
            }

            local = FileUriToLocalPath(tableRoot);
        }

        var full = Path.GetFullPath(local);
        return full.Length > 1 ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
    }

    /// <summary>Resolves an <c>add</c>/<c>remove</c> path against the table root, decoding it.</summary>
    public static string ResolveDataPath(string tableRoot, string logPath)
    {
        if (HasScheme(logPath))
        {
            return logPath.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
                ? Path.GetFullPath(FileUriToLocalPath(logPath))
                : Uri.UnescapeDataString(logPath);
        }

        var decoded = Uri.UnescapeDataString(logPath);
        if (decoded.StartsWith('/'))
        {
            return Path.GetFullPath(decoded);
        }

        return Path.GetFullPath(Path.Combine(tableRoot, decoded.Replace('/', Path.DirectorySeparatorChar)));
    }

    /// <summary>Resolves a sidecar path (a file name in <c>_delta_log/_sidecars</c>, or an absolute URI).</summary>
    public static string ResolveSidecarPath(string logDirectory, string sidecarPath)
    {
        if (HasScheme(sidecarPath) || sidecarPath.StartsWith('/'))
        {
            return ResolveDataPath(logDirectory, sidecarPath);
        }

        return ResolveDataPath(Path.Combine(logDirectory, "_sidecars"), sidecarPath);
    }

    // A URI scheme is at least two characters so that a Windows drive letter ("C:") is not mistaken for one.
    private static bool HasScheme(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2)
        {
            return false;
        }

        if (!char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '.' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    // file:/p, file:///p and file://localhost/p all name the local path /p.
    private static string FileUriToLocalPath(string uri)
    {
        var rest = uri["file:".Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            rest = slash < 0 ? "/" : rest[slash..];
        }

        return Uri.UnescapeDataString(rest);
    }
}
