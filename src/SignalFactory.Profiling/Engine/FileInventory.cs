using SignalFactory.DuckDb;
using SignalFactory.Storage.Parquet;

namespace SignalFactory.Profiling.Engine;

/// <summary>A top-level Parquet field: its name and whether the footer declares it REQUIRED (never null).</summary>
internal sealed record ParquetField(string Name, bool Required);

/// <summary>A readable file: its footer's row count, the rows of each row group in order, and its top-level fields.</summary>
internal sealed record InventoryFile(ScanFile Source, long RowCount, IReadOnlyList<long> RowGroupRows, IReadOnlyList<ParquetField> Fields)
{
    public string Path => Source.Path;

    /// <summary>
    /// Set when DuckDB cannot read this file's footer and our own parser did (<see cref="ParquetFooterParser"/>): the
    /// file is profiled from this footer alone and never given to DuckDB.
    /// </summary>
    public ParquetFileMetadata? OwnFooter { get; init; }

    /// <summary>Why DuckDB could not read the footer (its sanitized error), with <see cref="OwnFooter"/>.</summary>
    public string? OwnFooterReason { get; init; }
}

/// <summary>The files whose footers could be read, in request order, and the ones skipped.</summary>
internal sealed record FileInventoryResult(IReadOnlyList<InventoryFile> Files, IReadOnlyList<SkippedScanFile> Skipped);

/// <summary>
/// Reads footers (row counts, row groups) and Parquet schemas before any data page is touched. All files go to
/// DuckDB in one list per query, which is fast for hundreds of files; when that fails, each file is read alone so
/// that a corrupt footer skips only its own file.
/// </summary>
internal static class FileInventory
{
    private const string FilesSql = "SELECT file_name, num_rows, num_row_groups FROM parquet_file_metadata($1)";

    private const string RowGroupsSql =
        "SELECT file_name, row_group_id, max(row_group_num_rows) FROM parquet_metadata($1) GROUP BY file_name, row_group_id";

    // Rows come in schema order (pre-order), so the top-level fields are found by skipping each one's subtree.
    private const string SchemaSql = "SELECT file_name, name, repetition_type, num_children FROM parquet_schema($1)";

    public static async Task<FileInventoryResult> ReadAsync(
        DuckDbConnection connection, IReadOnlyList<ScanFile> files, CancellationToken ct)
    {
        var skipped = new List<SkippedScanFile>();
        var present = new List<ScanFile>();
        foreach (var file in files)
        {
            if (!file.Path.Contains("://", StringComparison.Ordinal) && !File.Exists(file.Path))
            {
                skipped.Add(new SkippedScanFile(file.Path, "the file does not exist"));
            }
            else
            {
                present.Add(file);
            }
        }

        var readable = new List<InventoryFile>();
        if (present.Count == 0)
        {
            return new FileInventoryResult(readable, skipped);
        }

        Dictionary<string, Footer>? batch = null;
        try
        {
            batch = await ReadFootersAsync(connection, [.. present.Select(f => f.Path)], ct).ConfigureAwait(false);
        }
        catch (DuckDbException ex) when (!ScanErrors.IsRunWide(ex))
        {
            // Some file is unreadable: fall through to one query per file.
        }

        foreach (var file in present)
        {
            if (batch is not null && batch.TryGetValue(file.Path, out var known))
            {
                readable.Add(known.ToInventory(file));
                continue;
            }

            try
            {
                var single = await ReadFootersAsync(connection, [file.Path], ct).ConfigureAwait(false);
                var footer = single.Values.SingleOrDefault()
                    ?? throw new DuckDbException("DuckDB returned no footer for the file.", DuckDbErrorType.IO);
                readable.Add(footer.ToInventory(file));
            }
            catch (DuckDbException ex) when (!ScanErrors.IsRunWide(ex))
            {
                var reason = ScanErrors.Reason(ex, file.Path);
                if (FromOwnFooter(file, reason) is { } own)
                {
                    readable.Add(own);
                }
                else
                {
                    skipped.Add(new SkippedScanFile(file.Path, "the Parquet footer could not be read: " + reason));
                }
            }
        }

        return new FileInventoryResult(readable, skipped);
    }

    private static async Task<Dictionary<string, Footer>> ReadFootersAsync(
        DuckDbConnection connection, string[] paths, CancellationToken ct)
    {
        var footers = new Dictionary<string, Footer>(StringComparer.Ordinal);
        using (var result = await connection.QueryAsync(FilesSql, [paths], ct).ConfigureAwait(false))
        {
            while (result.Read())
            {
                footers[result.GetString(0)] = new Footer(result.GetInt64(1), result.IsNull(2) ? 0 : result.GetInt64(2));
            }
        }

        using (var result = await connection.QueryAsync(RowGroupsSql, [paths], ct).ConfigureAwait(false))
        {
            while (result.Read())
            {
                if (footers.TryGetValue(result.GetString(0), out var footer))
                {
                    footer.RowGroups.Add((result.GetInt64(1), result.IsNull(2) ? 0 : result.GetInt64(2)));
                }
            }
        }

        var schemaRows = new Dictionary<string, List<(string Name, string? Repetition, int Children)>>(StringComparer.Ordinal);
        using (var result = await connection.QueryAsync(SchemaSql, [paths], ct).ConfigureAwait(false))
        {
            while (result.Read())
            {
                var file = result.GetString(0);
                if (!schemaRows.TryGetValue(file, out var rows))
                {
                    rows = [];
                    schemaRows.Add(file, rows);
                }

                rows.Add((result.GetString(1), result.IsNull(2) ? null : result.GetString(2), result.IsNull(3) ? 0 : result.GetInt32(3)));
            }
        }

        foreach (var (file, footer) in footers)
        {
            if (schemaRows.TryGetValue(file, out var rows))
            {
                footer.Fields.AddRange(TopLevelFields(rows));
            }
        }

        return footers;
    }

    // DuckDB refused the footer: when our own parser reads it (and finds it consistent), the file is profiled from it.
    private static InventoryFile? FromOwnFooter(ScanFile file, string duckDbReason)
    {
        if (file.Path.Contains("://", StringComparison.Ordinal)
            || !ParquetFooterParser.TryReadFile(file.Path, out var footer, out _) || footer is null)
        {
            return null;
        }

        var schema = footer.Schema;
        var fields = TopLevelFields([.. schema.Select(e => (e.Name, e.Repetition is { } r ? r.ToString().ToUpperInvariant() : null, e.NumChildren))]);
        var groups = footer.RowGroups.Select(g => g.NumRows).ToList();
        return new InventoryFile(file, groups.Sum(), groups, [.. fields])
        {
            OwnFooter = footer,
            OwnFooterReason = duckDbReason,
        };
    }

    private static IEnumerable<ParquetField> TopLevelFields(List<(string Name, string? Repetition, int Children)> rows)
    {
        if (rows.Count == 0)
        {
            yield break;
        }

        var index = 1;
        for (var child = 0; child < rows[0].Children && index < rows.Count; child++)
        {
            var (name, repetition, _) = rows[index];
            yield return new ParquetField(name, string.Equals(repetition, "REQUIRED", StringComparison.Ordinal));
            index = SkipSubtree(rows, index);
        }
    }

    private static int SkipSubtree(List<(string Name, string? Repetition, int Children)> rows, int index)
    {
        var next = index + 1;
        for (var child = 0; child < rows[index].Children && next < rows.Count; child++)
        {
            next = SkipSubtree(rows, next);
        }

        return next;
    }

    private sealed class Footer(long rowCount, long rowGroupCount)
    {
        public List<(long Id, long Rows)> RowGroups { get; } = [];

        public List<ParquetField> Fields { get; } = [];

        public InventoryFile ToInventory(ScanFile source)
        {
            // A row group without column chunks has no parquet_metadata row: then the file is one unit of num_rows.
            var groups = RowGroups.Count == rowGroupCount
                ? RowGroups.OrderBy(g => g.Id).Select(g => g.Rows).ToList()
                : (rowCount > 0 ? [rowCount] : new List<long>());
            var rows = RowGroups.Count == rowGroupCount ? groups.Sum() : rowCount;
            return new InventoryFile(source, rows, groups, Fields);
        }
    }
}
