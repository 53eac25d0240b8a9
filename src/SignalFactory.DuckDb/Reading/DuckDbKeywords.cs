namespace SignalFactory.DuckDb;

/// <summary>
/// DuckDB's SQL keywords (any category), as DuckDB itself lists them in <c>duckdb_keywords()</c>. DuckDB quotes a
/// STRUCT field name in a type name when it is a keyword (in any case), so the type names built here must too.
/// Loaded once, on first use, from a private in-memory database.
/// </summary>
internal static class DuckDbKeywords
{
    private static readonly Lazy<HashSet<string>> s_keywords = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool Contains(string name) => s_keywords.Value.Contains(name);

    private static HashSet<string> Load()
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        using var result = connection.Query("SELECT keyword_name FROM duckdb_keywords()");
        var keywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (result.Read())
        {
            keywords.Add(result.GetString(0));
        }

        return keywords;
    }
}
