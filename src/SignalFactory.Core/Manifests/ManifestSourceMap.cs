namespace SignalFactory.Core.Manifests;

/// <summary>A 1-based position in the manifest text.</summary>
public readonly record struct SourceLocation(int Line, int Column);

/// <summary>
/// Where each field of a parsed manifest sits in its YAML text, by dotted path (<c>storage.gold</c>), so that
/// validation messages can carry line and column. Also remembers which fields already failed to parse, so the
/// validator does not report them a second time (e.g. as missing).
/// </summary>
public sealed class ManifestSourceMap
{
    private readonly Dictionary<string, SourceLocation> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _invalid = new(StringComparer.Ordinal);

    /// <summary>A map that knows no positions: for manifests built in code.</summary>
    public static ManifestSourceMap Empty { get; } = new();

    /// <summary>The source name (file name) the positions refer to, if any.</summary>
    public string? SourceName { get; private init; }

    internal static ManifestSourceMap Create(string? sourceName) => new() { SourceName = sourceName };

    /// <summary>Position of the value of <paramref name="path"/> (falls back to its key).</summary>
    public bool TryGetValueLocation(string path, out SourceLocation location) =>
        _values.TryGetValue(path, out location) || _keys.TryGetValue(path, out location);

    /// <summary>Position of the key of <paramref name="path"/>.</summary>
    public bool TryGetKeyLocation(string path, out SourceLocation location) => _keys.TryGetValue(path, out location);

    /// <summary>True when the key <paramref name="path"/> appears in the source text.</summary>
    public bool Contains(string path) => _keys.ContainsKey(path);

    internal bool IsInvalid(string path) => _invalid.Contains(path);

    internal void Record(string path, SourceLocation key, SourceLocation value)
    {
        // First definition wins, like the binder (duplicates are errors anyway).
        _keys.TryAdd(path, key);
        _values.TryAdd(path, value);
    }

    internal void MarkInvalid(string path) => _invalid.Add(path);
}
