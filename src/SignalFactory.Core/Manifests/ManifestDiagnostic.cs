using System.Globalization;
using System.Text;

namespace SignalFactory.Core.Manifests;

/// <summary>How serious a <see cref="ManifestDiagnostic"/> is. Warnings never make a manifest invalid.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The manifest is rejected.</summary>
    Error,

    /// <summary>The manifest is accepted; the author should look at it.</summary>
    Warning,
}

/// <summary>
/// One finding about a manifest: the field path it concerns (e.g. <c>storage.gold</c>; empty for the whole file),
/// a message, and the 1-based line and column of the YAML node when it exists in the source text.
/// </summary>
/// <param name="Path">Dotted field path, e.g. <c>slo.freshness.grace_period</c>; empty when about the whole document.</param>
/// <param name="Message">What is wrong, without the path or location (those are separate fields).</param>
/// <param name="Line">1-based line of the node, when known.</param>
/// <param name="Column">1-based column of the node, when known.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="SourceName">File name shown in front of the location, e.g. <c>orders.yaml</c>.</param>
public sealed record ManifestDiagnostic(
    string Path,
    string Message,
    int? Line,
    int? Column,
    DiagnosticSeverity Severity,
    string? SourceName = null)
{
    /// <summary>Compiler-style text: <c>orders.yaml:3:7: error: tier: invalid tier 'TIER_9'; ...</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(SourceName))
        {
            text.Append(SourceName);
        }

        if (Line is { } line)
        {
            if (text.Length > 0)
            {
                text.Append(':');
            }

            text.Append(line.ToString(CultureInfo.InvariantCulture));
            if (Column is { } column)
            {
                text.Append(':').Append(column.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (text.Length > 0)
        {
            text.Append(": ");
        }

        text.Append(Severity == DiagnosticSeverity.Error ? "error: " : "warning: ");
        if (!string.IsNullOrEmpty(Path))
        {
            text.Append(Path).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}

/// <summary>The outcome of checking a manifest: errors and warnings kept apart.</summary>
/// <param name="Errors">Problems that reject the manifest.</param>
/// <param name="Warnings">Advice; a manifest with only warnings is valid.</param>
public sealed record ValidationReport(IReadOnlyList<ManifestDiagnostic> Errors, IReadOnlyList<ManifestDiagnostic> Warnings)
{
    /// <summary>True when there is no error (warnings allowed).</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Errors then warnings, each group in source order.</summary>
    public IEnumerable<ManifestDiagnostic> All => Errors.Concat(Warnings);

    internal static ValidationReport From(IEnumerable<ManifestDiagnostic> diagnostics)
    {
        var ordered = diagnostics
            .Select((diagnostic, index) => (diagnostic, index))
            .OrderBy(item => item.diagnostic.Line ?? int.MaxValue)
            .ThenBy(item => item.diagnostic.Column ?? int.MaxValue)
            .ThenBy(item => item.index)
            .Select(item => item.diagnostic)
            .ToList();
        return new ValidationReport(
            ordered.Where(d => d.Severity == DiagnosticSeverity.Error).ToList(),
            ordered.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList());
    }
}
