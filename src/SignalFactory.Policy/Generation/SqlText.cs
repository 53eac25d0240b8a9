using System.Globalization;
using System.Text.RegularExpressions;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// The one place invariant expressions get their identifiers and literals. Expressions are ANSI SQL so that DuckDB,
/// PostgreSQL, Trino or Spark (with <c>spark.sql.ansi.doubleQuotedIdentifiers</c> for quoted names) can evaluate them:
/// a column name is written bare when it is a plain lower-case word that is not a keyword, and in double quotes
/// (inner quotes doubled) otherwise; string literals are single-quoted with inner quotes doubled; numbers are plain
/// decimals without exponent.
/// </summary>
public static partial class SqlText
{
    // Reserved (or commonly reserved) words of ANSI SQL, PostgreSQL/DuckDB and Spark SQL's ANSI mode: a column
    // named like one of them is quoted. Quoting a word that did not need it is harmless; the list errs on that side.
    private static readonly HashSet<string> _keywords = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
        "binary", "both", "by", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint",
        "create", "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "describe", "distinct", "do", "else",
        "end", "except", "exists", "false", "fetch", "filter", "for", "foreign", "freeze", "from", "full", "glob",
        "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect", "interval", "into", "is",
        "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "map",
        "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "pivot",
        "placing", "primary", "qualify", "references", "returning", "right", "select", "session_user", "similar",
        "some", "struct", "symmetric", "table", "tablesample", "then", "to", "trailing", "true", "try_cast", "union",
        "unique", "unpivot", "user", "using", "variadic", "verbose", "when", "where", "window", "with",
    };

    /// <summary>True when <paramref name="name"/> can be written without quotes: <c>[a-z_][a-z0-9_]*</c> and no keyword.</summary>
    public static bool IsPlainIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return PlainIdentifierRegex().IsMatch(name) && !_keywords.Contains(name);
    }

    /// <summary>
    /// A column reference: bare when <see cref="IsPlainIdentifier"/>, else <c>"…"</c> with inner <c>"</c> doubled,
    /// so <c>x"; DROP TABLE t; --</c> stays one identifier.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or holds a NUL character.</exception>
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A column name cannot contain a NUL character.", nameof(name));
        }

        return IsPlainIdentifier(name) ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A string literal: <c>'…'</c> with inner <c>'</c> doubled.</summary>
    /// <exception cref="ArgumentException">The value holds a NUL character.</exception>
    public static string StringLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A string literal cannot contain a NUL character.", nameof(value));
        }

        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A numeric literal: plain decimal in invariant culture, trailing zeros of the scale kept.</summary>
    public static string NumberLiteral(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z_][a-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdentifierRegex();
}
