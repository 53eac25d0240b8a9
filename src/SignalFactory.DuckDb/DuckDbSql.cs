namespace SignalFactory.DuckDb;

/// <summary>SQL text helpers. The one place identifiers are quoted; values are always bound as parameters.</summary>
public static class DuckDbSql
{
    /// <summary>
    /// Quotes an identifier (column, table or key name) for DuckDB: wraps it in double quotes and doubles any double
    /// quote inside, so any name, e.g. <c>a"; DROP TABLE x; --</c>, stays one identifier.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or contains a NUL character.</exception>
    public static string QuoteIdentifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An identifier cannot contain a NUL character.", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
