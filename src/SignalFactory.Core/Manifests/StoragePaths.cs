using System.Text.RegularExpressions;

namespace SignalFactory.Core.Manifests;

/// <summary>
/// Which storage locations a manifest may name: <c>s3://bucket/prefix</c>, <c>file:///absolute/path</c>, or an
/// absolute local path (<c>/data/orders</c>, or <c>C:\data</c> / <c>\\server\share</c> written on Windows).
/// </summary>
internal static partial class StoragePaths
{
    private const string Accepted = "use s3://bucket/prefix, file:///absolute/path or an absolute local path";

    /// <summary>Null when the location is acceptable, otherwise what is wrong with it.</summary>
    public static string? Problem(string location)
    {
        var shown = MappingReader.Echo(location);
        if (location.Length == 0 || location.Trim().Length != location.Length)
        {
            return $"location '{shown}' is empty or has leading/trailing spaces";
        }

        if (location.StartsWith("s3://", StringComparison.Ordinal))
        {
            var rest = location["s3://".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var bucket = slash < 0 ? rest : rest[..slash];
            return BucketRegex().IsMatch(bucket)
                ? null
                : $"'{shown}' does not start with a valid S3 bucket name (3-63 characters: a-z, 0-9, '.', '-')";
        }

        if (location.StartsWith("file://", StringComparison.Ordinal))
        {
            return location["file://".Length..].StartsWith('/')
                ? null
                : $"file URI '{shown}' must be absolute, like file:///data/orders";
        }

        if (SchemeRegex().Match(location) is { Success: true } scheme)
        {
            var name = scheme.Groups[1].Value;
            return name is "s3a" or "s3n"
                ? $"scheme '{name}://' in '{shown}' is a Hadoop alias; write s3:// instead"
                : $"scheme '{name}://' in '{shown}' is not supported; {Accepted}";
        }

        if (location.StartsWith('/') || location.StartsWith(@"\\", StringComparison.Ordinal) || WindowsDriveRegex().IsMatch(location))
        {
            return null;
        }

        return $"relative path '{shown}' is not allowed; {Accepted}";
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex BucketRegex();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*)://", RegexOptions.CultureInvariant)]
    private static partial Regex SchemeRegex();

    [GeneratedRegex(@"^[A-Za-z]:[\\/]", RegexOptions.CultureInvariant)]
    private static partial Regex WindowsDriveRegex();
}
