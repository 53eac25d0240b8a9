using SignalFactory.DuckDb;
using SignalFactory.Profiling.Schema;

namespace SignalFactory.Policy.Certification.Inspection;

/// <summary>The table's current schema and its canonical fingerprint.</summary>
internal sealed record CurrentSchema(IReadOnlyList<ObservedColumn> Columns, string Fingerprint);

/// <summary>
/// Computes the current schema fingerprint the way the profiler builds <c>baseline.json</c>'s
/// <c>schema.canonical_fingerprint</c>, so that the two compare: data columns are the names and DuckDB types of
/// <c>read_parquet(files, union_by_name = true, hive_partitioning = false)</c> (footers only: <c>LIMIT 0</c>), with
/// Delta physical names mapped to logical ones and partition columns left out; partition columns are added with
/// the profiler's types (Delta: from the schema's type; Hive: VARCHAR). Nullability is what the table declares
/// (Delta), else a column is NOT NULL only when every file has it as a REQUIRED field. Types go through
/// <see cref="TypeNormalizer"/> (an unparsable name is upper-cased, the LLD fallback) and the columns through
/// <see cref="SchemaFingerprint.Compute"/>. Only the newest data's files are read (see the inspectors): a schema
/// change shows there first. File paths are bound parameters.
/// </summary>
internal static class CurrentSchemaReader
{
    private const string ColumnsSql = "SELECT * FROM read_parquet($1, union_by_name = true, hive_partitioning = false) LIMIT 0";

    // Rows come in schema order (pre-order); top-level fields are found by skipping each one's subtree.
    private const string FieldsSql = "SELECT file_name, name, repetition_type, num_children FROM parquet_schema($1)";

    public static async Task<CurrentSchema> ReadAsync(DuckDbConnection connection, SchemaSource source, CancellationToken ct)
    {
        var files = source.Files.ToArray();
        var partitionKeys = source.PartitionColumns.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var required = await RequiredFieldsAsync(connection, files, ct).ConfigureAwait(false);
        var columns = new List<ObservedColumn>();
        try
        {
            using var result = await connection.QueryAsync(ColumnsSql, [files], ct).ConfigureAwait(false);
            for (var i = 0; i < result.ColumnCount; i++)
            {
                var name = result.GetName(i);
                var logical = source.PhysicalToLogical.GetValueOrDefault(name) ?? name;
                if (partitionKeys.Contains(logical))
                {
                    continue;
                }

                var nullable = source.DeclaredNullable.TryGetValue(logical, out var declared)
                    ? declared
                    : !required.All(fileFields => fileFields.Contains(name));
                columns.Add(new ObservedColumn(logical, Normalize(result.GetTypeName(i)), nullable));
            }
        }
        catch (DuckDbException ex)
        {
            throw new TableInspectionException($"the schema of the newest data files cannot be read: {FirstLine(ex.Message)}", ex);
        }

        foreach (var key in source.PartitionColumns)
        {
            columns.Add(new ObservedColumn(key.Name, Normalize(key.DuckDbType), key.Nullable));
        }

        string fingerprint;
        try
        {
            fingerprint = SchemaFingerprint.Compute(columns.Select(c => new FingerprintColumn(c.Name, c.Type, c.Nullable)));
        }
        catch (ArgumentException ex)
        {
            throw new TableInspectionException($"the table's schema cannot be fingerprinted: {ex.Message}", ex);
        }

        return new CurrentSchema(columns, fingerprint);
    }

    // Per file, the top-level fields declared REQUIRED (DuckDB matches names ignoring case, so the set does too).
    private static async Task<List<HashSet<string>>> RequiredFieldsAsync(DuckDbConnection connection, string[] files, CancellationToken ct)
    {
        var rowsByFile = new Dictionary<string, List<(string Name, string? Repetition, long Children)>>(StringComparer.Ordinal);
        try
        {
            using var result = await connection.QueryAsync(FieldsSql, [files], ct).ConfigureAwait(false);
            while (result.Read())
            {
                var file = result.GetString(0);
                if (!rowsByFile.TryGetValue(file, out var rows))
                {
                    rows = [];
                    rowsByFile[file] = rows;
                }

                rows.Add((result.GetString(1), result.IsNull(2) ? null : result.GetString(2), result.IsNull(3) ? 0 : result.GetInt64(3)));
            }
        }
        catch (DuckDbException ex)
        {
            throw new TableInspectionException($"the Parquet schema of the newest data files cannot be read: {FirstLine(ex.Message)}", ex);
        }

        var perFile = new List<HashSet<string>>();
        foreach (var file in files)
        {
            var requiredFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (rowsByFile.TryGetValue(file, out var rows) && rows.Count > 0)
            {
                var next = 1;
                for (var child = 0; child < rows[0].Children && next < rows.Count; child++)
                {
                    var field = rows[next];
                    if (string.Equals(field.Repetition, "REQUIRED", StringComparison.OrdinalIgnoreCase))
                    {
                        requiredFields.Add(field.Name);
                    }

                    next = SkipSubtree(rows, next);
                }
            }

            perFile.Add(requiredFields);
        }

        return perFile;
    }

    private static int SkipSubtree(List<(string Name, string? Repetition, long Children)> rows, int index)
    {
        var next = index + 1;
        for (var child = 0; child < rows[index].Children && next < rows.Count; child++)
        {
            next = SkipSubtree(rows, next);
        }

        return next;
    }

    private static string Normalize(string duckDbType)
    {
        try
        {
            return TypeNormalizer.Normalize(duckDbType);
        }
        catch (ArgumentException)
        {
            return duckDbType.Trim().ToUpperInvariant();
        }
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}
