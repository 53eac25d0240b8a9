using SignalFactory.DuckDb;

namespace SignalFactory.Profiling.Engine;

/// <summary>Per-column results of the sketch pass over the sample.</summary>
internal sealed record SketchStats(long NonNull, long? Distinct, long[]? Bins);

/// <summary>Histogram edges decided from the main pass: finite min and max, and the bin count.</summary>
internal sealed record HistogramEdges(double Min, double Max, int Bins)
{
    public int BinCount => Min == Max ? 1 : Bins;

    public IReadOnlyList<double> Edges()
    {
        if (Min == Max)
        {
            return [Min, Max];
        }

        var edges = new double[Bins + 1];
        for (var i = 0; i < Bins; i++)
        {
            edges[i] = Min + ((Max - Min) * i / Bins);
        }

        edges[Bins] = Max;
        return edges;
    }
}

/// <summary>
/// The expensive aggregates, on the sketch sample: HyperLogLog distinct counts (<c>approx_count_distinct</c>, the
/// dominant cost: about 0.5 s per column per 7M rows on this machine) and histogram counts. Bin of x:
/// <c>min(n − 1, ⌊(x − min) / (max − min) · n⌋)</c>, the rule of <c>HistogramBins</c>, computed in DOUBLE;
/// <c>histogram()</c> then counts rows per bin index. Edges are parameters. A small sample (at most
/// <see cref="ExactDistinctRows"/> rows) gets exact <c>count(DISTINCT)</c> instead: cheap at that size, and
/// HyperLogLog is off by one already on a handful of values.
/// </summary>
internal static class SketchPass
{
    public const long ExactDistinctRows = 100_000;

    public static async Task<(long Rows, IReadOnlyList<SketchStats?> Columns)> RunAsync(
        DuckDbConnection connection,
        ScanSource source,
        IReadOnlyList<ScanColumn> columns,
        IReadOnlyList<HistogramEdges?> edges,
        CancellationToken ct)
    {
        var parameters = new List<object?>();
        var select = new List<string> { "count(*)" };
        var starts = new int[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            starts[i] = -1;
            if (!source.Contains(column))
            {
                continue;
            }

            starts[i] = select.Count;
            var q = column.Sql;
            select.Add($"count({q})");
            select.Add(source.Rows <= ExactDistinctRows ? $"count(DISTINCT {q})" : $"approx_count_distinct({q})");
            if (edges[i] is { } e)
            {
                // Every parameter added must appear in the text: DuckDB counts the ones the statement uses.
                parameters.Add(e.Min);
                var lo = parameters.Count;
                var x = $"CAST({q} AS DOUBLE)";
                if (e.Min == e.Max)
                {
                    select.Add($"histogram(0) FILTER (WHERE {x} = ${lo})");
                }
                else
                {
                    parameters.Add(e.Max);
                    var hi = parameters.Count;
                    parameters.Add((double)e.Bins);
                    var n = parameters.Count;
                    select.Add(
                        $"histogram(CAST(least(${n} - 1, floor(({x} - ${lo}) / (${hi} - ${lo}) * ${n})) AS INTEGER)) " +
                        $"FILTER (WHERE {x} BETWEEN ${lo} AND ${hi})");
                }
            }
        }

        var sql = $"SELECT {string.Join(", ", select)} FROM {source.Relation(parameters)}";
        using var result = await connection.QueryAsync(sql, parameters, ct).ConfigureAwait(false);
        if (!result.Read())
        {
            throw new DuckDbException("DuckDB returned no row for an aggregate query.", DuckDbErrorType.Invalid);
        }

        var stats = new SketchStats?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            if (starts[i] < 0)
            {
                continue;
            }

            var at = starts[i];
            var nonNull = result.GetInt64(at);
            long? distinct = result.IsNull(at + 1) ? null : result.GetInt64(at + 1);
            long[]? bins = null;
            if (edges[i] is { } e)
            {
                bins = new long[e.BinCount];
                if (!result.IsNull(at + 2) && result.GetValue(at + 2) is IEnumerable<KeyValuePair<object?, object?>> map)
                {
                    foreach (var (key, value) in map)
                    {
                        var bin = Convert.ToInt32(key, System.Globalization.CultureInfo.InvariantCulture);
                        if (bin >= 0 && bin < bins.Length)
                        {
                            bins[bin] += Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                        }
                    }
                }
            }

            stats[i] = new SketchStats(nonNull, distinct, bins);
        }

        return (result.GetInt64(0), stats);
    }
}
