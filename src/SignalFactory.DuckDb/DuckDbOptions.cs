namespace SignalFactory.DuckDb;

/// <summary>
/// Start-up settings for <see cref="DuckDbDatabase.Open"/>, passed to DuckDB through duckdb_config.
/// Names and values follow DuckDB's configuration options (e.g. <c>threads</c>, <c>memory_limit</c>, <c>temp_directory</c>).
/// </summary>
public sealed record DuckDbOptions
{
    /// <summary>Worker threads DuckDB may use (the <c>threads</c> option); DuckDB's default when null.</summary>
    public int? Threads { get; init; }

    /// <summary>The <c>memory_limit</c> option, e.g. <c>"512MB"</c> or <c>"2GB"</c>; DuckDB's default when null.</summary>
    public string? MemoryLimit { get; init; }

    /// <summary>Any other options by name, applied after <see cref="Threads"/> and <see cref="MemoryLimit"/>.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    internal IEnumerable<KeyValuePair<string, string>> ToSettings()
    {
        if (Threads is { } threads)
        {
            yield return new("threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (MemoryLimit is { } memoryLimit)
        {
            yield return new("memory_limit", memoryLimit);
        }

        foreach (var setting in Settings ?? new Dictionary<string, string>())
        {
            yield return setting;
        }
    }
}
