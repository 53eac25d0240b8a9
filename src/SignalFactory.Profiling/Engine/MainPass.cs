using SignalFactory.DuckDb;

namespace SignalFactory.Profiling.Engine;

/// <summary>Per-column results of the main pass; numbers are null where they do not apply.</summary>
internal sealed record MainStats(
    long NonNull,
    string? Min,
    string? Max,
    double? FiniteMin,
    double? FiniteMax,
    long? LengthMin,
    long? LengthMax,
    double? LengthAvg);

/// <summary>
/// The one aggregate query that reads every scanned row once, for every column together: count (so nulls),
/// min/max as text, finite min/max as DOUBLE for numeric columns (the histogram edges), and min/max/avg of the
/// length in characters for strings. These aggregates cost little more than reading the values (about 1.3× a bare
/// min/max scan); the expensive ones (distinct sketches, histograms) go to <see cref="SketchPass"/> on a sample.
/// </summary>
internal static class MainPass
{
    /// <summary>Runs the pass; columns in <paramref name="known"/> (from <see cref="FooterStatistics"/>) are not read.</summary>
    public static async Task<(long Rows, IReadOnlyList<MainStats?> Columns)> RunAsync(
        DuckDbConnection connection,
        ScanSource source,
        IReadOnlyList<ScanColumn> columns,
        IReadOnlyDictionary<int, MainStats> known,
        CancellationToken ct)
    {
        var parameters = new List<object?>();
        var select = new List<string> { "count(*)" };
        var starts = new int[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            starts[i] = -1;
            if (!source.Contains(column) || known.ContainsKey(i))
            {
                continue;
            }

            starts[i] = select.Count;
            var q = column.Sql;
            select.Add($"count({q})");
            if (column.HasMinMax)
            {
                select.Add($"CAST(min({q}) AS VARCHAR)");
                select.Add($"CAST(max({q}) AS VARCHAR)");
            }

            if (column.Kind == ScanColumnKind.Numeric)
            {
                // NaN sorts above every number in DuckDB and infinities have no width: edges use finite values only.
                var filter = column.IsFloatingPoint ? $" FILTER (WHERE isfinite({q}))" : "";
                select.Add($"CAST(min({q}){filter} AS DOUBLE)");
                select.Add($"CAST(max({q}){filter} AS DOUBLE)");
            }
            else if (column.Kind == ScanColumnKind.String)
            {
                select.Add($"min(length({q}))");
                select.Add($"max(length({q}))");
                select.Add($"avg(length({q}))");
            }
        }

        var sql = $"SELECT {string.Join(", ", select)} FROM {source.Relation(parameters)}";
        using var result = await connection.QueryAsync(sql, parameters, ct).ConfigureAwait(false);
        if (!result.Read())
        {
            throw new DuckDbException("DuckDB returned no row for an aggregate query.", DuckDbErrorType.Invalid);
        }

        var stats = new MainStats?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            if (starts[i] < 0)
            {
                stats[i] = known.GetValueOrDefault(i);
                continue;
            }

            var column = columns[i];
            var at = starts[i];
            var nonNull = result.GetInt64(at++);
            string? min = null, max = null;
            double? finiteMin = null, finiteMax = null, lengthAvg = null;
            long? lengthMin = null, lengthMax = null;
            if (column.HasMinMax)
            {
                min = Text(result, at++);
                max = Text(result, at++);
            }

            if (column.Kind == ScanColumnKind.Numeric)
            {
                finiteMin = Number(result, at++);
                finiteMax = Number(result, at++);
            }
            else if (column.Kind == ScanColumnKind.String)
            {
                lengthMin = result.IsNull(at) ? null : result.GetInt64(at);
                lengthMax = result.IsNull(at + 1) ? null : result.GetInt64(at + 1);
                lengthAvg = Number(result, at + 2);
            }

            stats[i] = new MainStats(nonNull, min, max, finiteMin, finiteMax, lengthMin, lengthMax, lengthAvg);
        }

        return (result.GetInt64(0), stats);
    }

    private static string? Text(DuckDbResult result, int column) => result.IsNull(column) ? null : result.GetString(column);

    private static double? Number(DuckDbResult result, int column) => result.IsNull(column) ? null : result.GetDouble(column);
}
