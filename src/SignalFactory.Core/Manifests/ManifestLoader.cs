using System.Text;

namespace SignalFactory.Core.Manifests;

/// <summary>The outcome of <see cref="ManifestLoader"/>: the manifest only when it is valid, and every finding.</summary>
/// <param name="Manifest">The validated manifest; null when <see cref="Report"/> has errors.</param>
/// <param name="Report">Parse and validation errors and warnings, each in source order.</param>
public sealed record ManifestLoadResult(DatasetManifest? Manifest, ValidationReport Report)
{
    /// <summary>True when the manifest parsed and passed validation (warnings allowed).</summary>
    public bool IsValid => Report.IsValid;
}

/// <summary>Parse and validate in one call: the entry point for the registry and the CLI.</summary>
public static class ManifestLoader
{
    /// <summary>Manifests are a few hundred bytes; refuse to read anything that cannot be one.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Parses and validates manifest text. Never throws for bad input.</summary>
    /// <param name="yamlText">The YAML text.</param>
    /// <param name="sourceName">Name shown in diagnostics, e.g. <c>orders.yaml</c>.</param>
    public static ManifestLoadResult Load(string yamlText, string sourceName)
    {
        var parsed = ManifestParser.Parse(yamlText, sourceName);
        if (parsed.Manifest is null)
        {
            return new ManifestLoadResult(null, parsed.Diagnostics);
        }

        var validated = DatasetYamlValidator.Validate(parsed.Manifest, parsed.SourceMap);
        var report = ValidationReport.From(parsed.Diagnostics.All.Concat(validated.All));
        return new ManifestLoadResult(report.IsValid ? parsed.Manifest : null, report);
    }

    /// <summary>Reads a manifest file (UTF-8) and loads it; an unreadable file becomes an error, not an exception.</summary>
    /// <param name="path">The file; also used as the source name in diagnostics.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<ManifestLoadResult> LoadFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                return FileError(path, $"the file is {info.Length} bytes; a manifest may be at most {MaxFileBytes} bytes");
            }

            text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return FileError(path, $"cannot read the file: {ex.Message}");
        }

        return Load(text, path);
    }

    private static ManifestLoadResult FileError(string path, string message) =>
        new(null, new ValidationReport(
            [new ManifestDiagnostic(string.Empty, message, null, null, DiagnosticSeverity.Error, path)], []));
}
