using SignalFactory.Core.Manifests;

namespace SignalFactory.Policy.Certification.Inspection;

/// <summary>The table a certification examines: its format, the manifest field it came from and its local path.</summary>
internal sealed record GoldTable(string Format, string Field, string Location, string LocalPath);

/// <summary>The manifest names no table this certifier can read; the message says which field and why.</summary>
internal sealed class GoldTableLocationException(string message) : Exception(message);

/// <summary>
/// Picks the table to certify. Delta: <c>storage.gold</c> (the validator requires it). Parquet: <c>storage.gold</c>
/// when set, else <c>storage.silver</c>, else <c>storage.bronze</c> — the most curated layer the manifest names, the
/// same choice the profiler makes, so the certified table is the one the baseline describes. <c>file://</c> URIs and
/// absolute paths are read locally; <c>s3://</c> is refused with a clear message for now. The path need not exist:
/// a missing table defers the certification.
/// </summary>
internal static class GoldTableLocator
{
    public static GoldTable Resolve(DatasetManifest manifest)
    {
        var urn = manifest.Urn ?? "the dataset";
        var storage = manifest.Storage
            ?? throw new GoldTableLocationException($"{urn}: the manifest has no storage section, so there is no table to certify.");
        var format = storage.Format;
        if (format is not (StorageFormats.Delta or StorageFormats.Parquet))
        {
            throw new GoldTableLocationException($"{urn}: storage.format '{format}' cannot be certified; expected delta or parquet.");
        }

        (string Field, string? Value)[] candidates = format == StorageFormats.Delta
            ? [("storage.gold", storage.Gold)]
            : [("storage.gold", storage.Gold), ("storage.silver", storage.Silver), ("storage.bronze", storage.Bronze)];
        var chosen = candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Value));
        if (chosen.Value is null)
        {
            throw new GoldTableLocationException(
                $"{urn}: the manifest sets none of {string.Join(", ", candidates.Select(c => c.Field))}, so there is no table to certify.");
        }

        return new GoldTable(format, chosen.Field, chosen.Value, ToLocalPath(chosen.Value, chosen.Field, urn));
    }

    private static string ToLocalPath(string location, string field, string urn)
    {
        if (location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            throw new GoldTableLocationException(
                $"{urn}: {field} '{location}' is on S3; certification reads local paths and file:// URIs only for now. "
                + "Point the manifest at a local copy or mount of the table.");
        }

        string path;
        if (location.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                throw new GoldTableLocationException($"{urn}: {field} '{location}' is not a valid file:// URI; write file:///absolute/path.");
            }

            path = uri.LocalPath;
        }
        else if (location.Contains("://", StringComparison.Ordinal))
        {
            throw new GoldTableLocationException(
                $"{urn}: {field} '{location}' uses a scheme certification cannot read; use an absolute path or a file:// URI.");
        }
        else if (!Path.IsPathFullyQualified(location))
        {
            throw new GoldTableLocationException($"{urn}: {field} '{location}' is a relative path; write an absolute path or a file:// URI.");
        }
        else
        {
            path = location;
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
    }
}
