using System.Text.RegularExpressions;
using SignalFactory.DuckDb;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// Null counts and min/max from the Parquet footers (<c>parquet_metadata</c>), for the columns where the footers
/// are exact and complete, so the full scan need not read those columns at all. Used only when, in every file that
/// has the column, every row group carries a null count and the new-style <c>min_value</c>/<c>max_value</c> (the
/// deprecated <c>min</c>/<c>max</c> were sorted wrongly by some writers), and only for types whose statistics are
/// the values themselves: integers, decimals, dates, timestamps, booleans. Never for strings and binaries (writers
/// truncate them, see <c>binary_truncated_min_max.parquet</c>), floats (NaN and ±0 rules differ between writers),
/// INT96 timestamps, or nested columns. The values are cast to the column's type by DuckDB, so min/max text is
/// formatted exactly as a scan's. Files without the column add their rows as nulls, as <c>union_by_name</c> does.
/// </summary>
internal static partial class FooterStatistics
{
    public static async Task<IReadOnlyDictionary<int, MainStats>> ComputeAsync(
        DuckDbConnection connection, ScanSource source, IReadOnlyList<ScanColumn> columns, CancellationToken ct)
    {
        var candidates = new List<(int Index, int[] Files)>();
        for (var i = 0; i < columns.Count; i++)
        {
            if (Eligible(columns[i], source, out var having))
            {
                candidates.Add((i, having));
            }
        }

        var found = new Dictionary<int, MainStats>();
        if (candidates.Count == 0)
        {
            return found;
        }

        var parameters = new List<object?> { source.Files.Select(f => f.Path).ToArray() };
        var select = new List<string>();
        foreach (var (index, _) in candidates)
        {
            var column = columns[index];
            parameters.Add(column.SourceName);
            var mine = $"path_in_schema = ${parameters.Count}";
            var type = column.TypeName;
            string Typed(string field) => $"TRY_CAST({field} AS {type})";
            var unusable = "stats_null_count IS NULL OR type = 'INT96' OR (stats_null_count < num_values AND " +
                $"({Typed("stats_min_value")} IS NULL OR {Typed("stats_max_value")} IS NULL))";
            select.Add($"count(*) FILTER (WHERE {mine})");
            select.Add($"count(*) FILTER (WHERE {mine} AND ({unusable}))");
            select.Add($"sum(stats_null_count) FILTER (WHERE {mine})");
            select.Add($"CAST(min({Typed("stats_min_value")}) FILTER (WHERE {mine}) AS VARCHAR)");
            select.Add($"CAST(max({Typed("stats_max_value")}) FILTER (WHERE {mine}) AS VARCHAR)");
            var numeric = column.Kind == ScanColumnKind.Numeric;
            select.Add(numeric ? $"CAST(min({Typed("stats_min_value")}) FILTER (WHERE {mine}) AS DOUBLE)" : "NULL");
            select.Add(numeric ? $"CAST(max({Typed("stats_max_value")}) FILTER (WHERE {mine}) AS DOUBLE)" : "NULL");
        }

        var sql = $"SELECT {string.Join(", ", select)} FROM parquet_metadata($1)";
        using var result = await connection.QueryAsync(sql, parameters, ct).ConfigureAwait(false);
        if (!result.Read())
        {
            return found;
        }

        for (var k = 0; k < candidates.Count; k++)
        {
            var (index, having) = candidates[k];
            var at = k * 7;
            var expectedChunks = having.Sum(f => (long)source.Files[f].RowGroupRows.Count);
            if (result.GetInt64(at) != expectedChunks || result.GetInt64(at + 1) != 0)
            {
                continue;
            }

            var nulls = (result.IsNull(at + 2) ? 0 : result.GetInt64(at + 2))
                + source.Files.Where((_, f) => !having.Contains(f)).Sum(f => f.RowCount);
            var numeric = columns[index].Kind == ScanColumnKind.Numeric;
            found[index] = new MainStats(
                source.Rows - nulls,
                result.IsNull(at + 3) ? null : result.GetString(at + 3),
                result.IsNull(at + 4) ? null : result.GetString(at + 4),
                numeric && !result.IsNull(at + 5) ? result.GetDouble(at + 5) : null,
                numeric && !result.IsNull(at + 6) ? result.GetDouble(at + 6) : null,
                null,
                null,
                null);
        }

        return found;
    }

    /// <summary>
    /// The smaller (or larger) of two values of a column in the column's own order (DuckDB compares them, cast to
    /// <paramref name="typeName"/>); either may be null. The values are parameters; the type must be a plain type name.
    /// </summary>
    public static async Task<string?> ExtremeAsync(
        DuckDbConnection connection, string typeName, string? a, string? b, bool least, CancellationToken ct)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        if (!PlainTypeName().IsMatch(typeName))
        {
            throw new ArgumentException("Not a plain DuckDB type name.", nameof(typeName));
        }

        var function = least ? "least" : "greatest";
        using var result = await connection.QueryAsync(
            $"SELECT CAST({function}(CAST($1 AS {typeName}), CAST($2 AS {typeName})) AS VARCHAR)", [a, b], ct).ConfigureAwait(false);
        return result.Read() && !result.IsNull(0) ? result.GetString(0) : null;
    }

    // Which files hold the column under exactly this name; a file naming it in another case (DuckDB would match it)
    // or a dotted name (ambiguous with a nested path in parquet_metadata) rules the shortcut out.
    private static bool Eligible(ScanColumn column, ScanSource source, out int[] having)
    {
        having = [];
        var typeOk = column.Type is DuckDbType.TinyInt or DuckDbType.SmallInt or DuckDbType.Integer or DuckDbType.BigInt
            or DuckDbType.UTinyInt or DuckDbType.USmallInt or DuckDbType.UInteger or DuckDbType.UBigInt
            or DuckDbType.HugeInt or DuckDbType.UHugeInt or DuckDbType.Decimal or DuckDbType.Date or DuckDbType.Boolean
            or DuckDbType.Timestamp or DuckDbType.TimestampS or DuckDbType.TimestampMs or DuckDbType.TimestampNs
            or DuckDbType.TimestampTz;
        if (!typeOk || column.SourceName.Contains('.', StringComparison.Ordinal) || !PlainTypeName().IsMatch(column.TypeName))
        {
            return false;
        }

        var files = new List<int>();
        for (var f = 0; f < source.Files.Count; f++)
        {
            var matches = source.Files[f].Fields
                .Where(c => string.Equals(c.Name, column.SourceName, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (matches.Count > 1 || (matches.Count == 1 && matches[0].Name != column.SourceName))
            {
                return false;
            }

            if (matches.Count == 1)
            {
                files.Add(f);
            }
        }

        having = [.. files];
        return files.Count > 0;
    }

    // The type name goes into SQL text: it comes from DuckDB for primitive types, and must look like one.
    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*( [A-Z][A-Z0-9_]*)*(\(\d{1,3}(,\d{1,3})?\))?$")]
    private static partial Regex PlainTypeName();
}
