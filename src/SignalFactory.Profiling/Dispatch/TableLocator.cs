using SignalFactory.Core.Manifests;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>The table a manifest points at, as a local path.</summary>
/// <param name="Path">Absolute local path: a folder (Delta table, Hive table) or a single Parquet file.</param>
/// <param name="Format"><c>delta</c> or <c>parquet</c>.</param>
/// <param name="Field">The manifest field the location came from, e.g. <c>storage.gold</c>.</param>
internal sealed record TableLocation(string Path, string Format, string Field);

/// <summary>
/// Picks the table to profile from a manifest. Delta: <c>storage.gold</c> (the validator requires it; the curated
/// table is what the platform observes). Parquet: the first of <c>gold</c>, <c>silver</c>, <c>bronze</c> that is
/// set, most curated first. <c>file://</c> URIs and absolute paths are read locally; <c>s3://</c> is refused for
/// now.
/// </summary>
internal static class TableLocator
{
    public static TableLocation Resolve(DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var urn = manifest.Urn ?? "the dataset";
        var storage = manifest.Storage
            ?? throw Invalid($"{urn}: the manifest has no storage section, so there is no table to profile.");
        var format = storage.Format;
        if (format is not (StorageFormats.Delta or StorageFormats.Parquet))
        {
            throw Invalid($"{urn}: storage.format '{format}' cannot be profiled; expected delta or parquet.");
        }

        (string Field, string? Value)[] candidates = format == StorageFormats.Delta
            ? [("storage.gold", storage.Gold)]
            : [("storage.gold", storage.Gold), ("storage.silver", storage.Silver), ("storage.bronze", storage.Bronze)];
        var chosen = candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Value));
        if (chosen.Value is null)
        {
            var fields = string.Join(", ", candidates.Select(c => c.Field));
            throw Invalid($"{urn}: the manifest sets none of {fields}, so there is no table to profile.");
        }

        var path = ToLocalPath(chosen.Value, chosen.Field, urn);
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw Invalid($"{urn}: {chosen.Field} '{chosen.Value}' does not exist on this machine.");
        }

        if (format == StorageFormats.Delta && !Directory.Exists(path))
        {
            throw Invalid($"{urn}: {chosen.Field} '{chosen.Value}' is a file; a Delta table is a folder with a _delta_log.");
        }

        return new TableLocation(System.IO.Path.TrimEndingDirectorySeparator(path), format, chosen.Field);
    }

    private static string ToLocalPath(string location, string field, string urn)
    {
        if (location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(
                $"{urn}: {field} '{location}' is on S3; profiling reads local paths and file:// URIs only for now. "
                + "Copy the table locally (or mount it) and point the manifest at that path.");
        }

        if (location.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                throw Invalid($"{urn}: {field} '{location}' is not a valid file:// URI; write file:///absolute/path.");
            }

            return System.IO.Path.GetFullPath(uri.LocalPath);
        }

        if (location.Contains("://", StringComparison.Ordinal))
        {
            throw Invalid($"{urn}: {field} '{location}' uses a scheme profiling cannot read; use an absolute path or file:// URI.");
        }

        if (!System.IO.Path.IsPathFullyQualified(location))
        {
            throw Invalid($"{urn}: {field} '{location}' is a relative path; write an absolute path or file:// URI.");
        }

        return System.IO.Path.GetFullPath(location);
    }

    private static DatasetProfilingException Invalid(string message) => new(message) { Failure = ProfilingFailure.InvalidLocation };
}
