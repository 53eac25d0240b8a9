using SignalFactory.DuckDb;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// Distinct non-null values of the string columns, for the in-memory PII detector: one query reads the head of
/// each sketch range once (<see cref="RowGroupSampler.Head"/>, about 20 × the wanted count of rows), materialises only
/// the string columns, and for each column keeps up to <c>limit</c> distinct values ordered by DuckDB's hash of the
/// value — a fixed pseudo-random pick (not the alphabetically first ones), the same for the same data. Values are cut
/// to their first <see cref="MaxValueLength"/> characters, which bounds memory on columns of large documents and
/// changes nothing for the PII patterns (none is that long).
/// </summary>
internal static class DistinctSamplePass
{
    public const int MaxValueLength = 1024;

    public static async Task<IReadOnlyList<IReadOnlyList<string>?>> RunAsync(
        DuckDbConnection connection, ScanSource source, IReadOnlyList<ScanColumn> columns, int limit, CancellationToken ct)
    {
        var wanted = new List<int>();
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Kind == ScanColumnKind.String && source.Contains(columns[i]))
            {
                wanted.Add(i);
            }
        }

        var samples = new IReadOnlyList<string>?[columns.Count];
        if (wanted.Count == 0 || limit <= 0)
        {
            return samples;
        }

        var parameters = new List<object?>();
        var projection = string.Join(", ", wanted.Select(i => $"left({columns[i].Sql}, {MaxValueLength}) AS {columns[i].Sql}"));
        var relation = source.Relation(parameters);
        parameters.Add((long)limit);
        var limitParameter = parameters.Count;
        var lists = wanted.Select(i =>
        {
            var q = columns[i].Sql;
            return $"(SELECT list(v ORDER BY hash(v), v) FROM (SELECT DISTINCT {q} AS v FROM sample WHERE {q} IS NOT NULL " +
                $"ORDER BY hash(v), v LIMIT ${limitParameter}))";
        });
        var sql = $"WITH sample AS MATERIALIZED (SELECT {projection} FROM {relation}) SELECT {string.Join(", ", lists)}";
        using var result = await connection.QueryAsync(sql, parameters, ct).ConfigureAwait(false);
        if (!result.Read())
        {
            return samples;
        }

        for (var k = 0; k < wanted.Count; k++)
        {
            var values = result.IsNull(k) ? [] : (object?[])result.GetValue(k)!;
            samples[wanted[k]] = [.. values.OfType<string>()];
        }

        return samples;
    }
}
