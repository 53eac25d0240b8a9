namespace SignalFactory.Core.Manifests;

/// <summary>Collects validator findings, attaching positions from the source map.</summary>
internal sealed class ValidationContext(ManifestSourceMap sourceMap)
{
    public List<ManifestDiagnostic> Diagnostics { get; } = [];

    /// <summary>True when the parser already reported this field (wrong type): do not report it again.</summary>
    public bool AlreadyReported(string path) => sourceMap.IsInvalid(path);

    public void Error(string path, string message) => Add(path, message, DiagnosticSeverity.Error, ValueLocation(path));

    public void Warning(string path, string message) => Add(path, message, DiagnosticSeverity.Warning, ValueLocation(path));

    /// <summary>
    /// A finding about a field without a value: positioned at its key when written (<c>gold: ~</c>), otherwise at
    /// its parent's key, when there is one.
    /// </summary>
    public void AbsentError(string path, string message) => Add(path, message, DiagnosticSeverity.Error, KeyOrParentLocation(path));

    /// <inheritdoc cref="AbsentError"/>
    public void AbsentWarning(string path, string message) => Add(path, message, DiagnosticSeverity.Warning, KeyOrParentLocation(path));

    /// <summary>Reports a missing required field, unless the parser already reported it.</summary>
    public void RequireValue(string path, object? value)
    {
        if (value is not null || AlreadyReported(path))
        {
            return;
        }

        if (sourceMap.Contains(path))
        {
            Error(path, "required field has no value");
        }
        else
        {
            AbsentError(path, "missing required field");
        }
    }

    /// <summary>A present string must hold something other than whitespace; false when it does not.</summary>
    public bool RequireNotBlank(string path, string? value)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            Error(path, "must not be empty");
            return false;
        }

        return value is not null;
    }

    private SourceLocation? ValueLocation(string path) =>
        sourceMap.TryGetValueLocation(path, out var location) ? location : ParentLocation(path);

    private SourceLocation? KeyOrParentLocation(string path) =>
        sourceMap.TryGetKeyLocation(path, out var location) ? location : ParentLocation(path);

    private SourceLocation? ParentLocation(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot > 0 && sourceMap.TryGetKeyLocation(path[..dot], out var location) ? location : null;
    }

    private void Add(string path, string message, DiagnosticSeverity severity, SourceLocation? location) =>
        Diagnostics.Add(new ManifestDiagnostic(path, message, location?.Line, location?.Column, severity, sourceMap.SourceName));
}
