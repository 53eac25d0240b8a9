using SignalFactory.DuckDb;

namespace SignalFactory.Storage.Delta;

/// <summary>
/// Reads checkpoint (and sidecar) Parquet files with DuckDB. Each action column is a struct; DuckDB's
/// <c>to_json</c> turns it into the same JSON shape as a commit line (maps become objects), so one parser serves
/// both. Checkpoint <c>remove</c> rows are tombstones for VACUUM and are not read.
/// </summary>
internal sealed class DuckDbCheckpointSource(DuckDbConnection connection) : IDeltaCheckpointSource
{
    private static readonly string[] ActionColumns = ["add", "metaData", "protocol", "sidecar", "checkpointMetadata"];

    public async Task<IReadOnlyList<RawDeltaAction>> ReadActionsAsync(string parquetPath, CancellationToken ct)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        using (var schema = await connection.QueryAsync("SELECT * FROM read_parquet($1) LIMIT 0", [parquetPath], ct).ConfigureAwait(false))
        {
            for (var i = 0; i < schema.ColumnCount; i++)
            {
                present.Add(schema.GetName(i));
            }
        }

        var columns = ActionColumns.Where(present.Contains).ToList();
        if (columns.Count == 0)
        {
            return [];
        }

        var quoted = columns.Select(DuckDbSql.QuoteIdentifier).ToList();
        var sql = "SELECT " + string.Join(", ", quoted.Select(c => $"to_json({c})"))
            + " FROM read_parquet($1) WHERE " + string.Join(" OR ", quoted.Select(c => $"{c} IS NOT NULL"));
        var actions = new List<RawDeltaAction>();
        using var result = await connection.QueryAsync(sql, [parquetPath], ct).ConfigureAwait(false);
        while (result.Read())
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (!result.IsNull(i))
                {
                    actions.Add(new RawDeltaAction(columns[i], result.GetString(i)));
                }
            }
        }

        return actions;
    }
}
