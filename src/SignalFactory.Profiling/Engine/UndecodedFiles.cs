using SignalFactory.DuckDb;
using SignalFactory.Storage.Parquet;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// A file whose footer DuckDB reads but whose data it cannot decode (a codec or encoding it lacks, e.g. Hadoop LZ4):
/// profiled from its footer only. <paramref name="Reason"/> holds no data value.
/// </summary>
public sealed record UndecodedScanFile(string Path, string Reason, long RowCount);

/// <summary>What the footers of the undecoded files say about one data column.</summary>
internal sealed record FooterColumnFacts(long? Nulls, MainStats? MinMax);

/// <summary>
/// The footer-level facts of undecoded files: rows (always, from the row groups), per top-level primitive column the
/// null count when every row group of every file holding the column carries one (files without the column add their
/// rows as nulls, as <c>union_by_name</c> does), and min/max under <see cref="FooterStatistics"/>' rules (integers,
/// decimals, dates, timestamps, booleans with new-style statistics; never truncated strings or floats). Nothing else
/// (no distinct count, histogram, string lengths, PII sample) can come from a footer.
/// </summary>
internal static class UndecodedFiles
{
    private const string NullCountSql =
        "SELECT path_in_schema, count(*), count(stats_null_count), sum(stats_null_count) FROM parquet_metadata($1) GROUP BY path_in_schema";

    private const string CodecSql = "SELECT DISTINCT compression, encodings FROM parquet_metadata($1)";

    public static async Task<IReadOnlyList<FooterColumnFacts>> ReadAsync(
        DuckDbConnection connection, IReadOnlyList<InventoryFile> files, IReadOnlyList<ScanColumn> columns, CancellationToken ct)
    {
        // These footers were read once already; should DuckDB fail on them now, no column gets footer statistics.
        // Files whose footers DuckDB cannot read (OwnFooter) are never handed to it: their chunks come from our parser.
        var duckDbFiles = files.Where(f => f.OwnFooter is null).ToList();
        var chunks = new Dictionary<string, (long Chunks, long WithNulls, long Nulls)>(StringComparer.Ordinal);
        var known = true;
        if (duckDbFiles.Count > 0)
        {
            try
            {
                using var result = await connection.QueryAsync(NullCountSql, [duckDbFiles.Select(f => f.Path).ToArray()], ct).ConfigureAwait(false);
                while (result.Read())
                {
                    chunks[result.GetString(0)] = (result.GetInt64(1), result.GetInt64(2), result.IsNull(3) ? 0 : result.GetInt64(3));
                }
            }
            catch (DuckDbException ex) when (!ScanErrors.IsRunWide(ex))
            {
                known = false;
            }
        }

        if (!known)
        {
            chunks.Clear();
        }
        else
        {
            AddOwnFooterChunks(files, chunks);
        }

        IReadOnlyDictionary<int, MainStats> minMax = new Dictionary<int, MainStats>();
        if (duckDbFiles.Count > 0)
        {
            try
            {
                minMax = await FooterStatistics.ComputeAsync(connection, ScanSource.AllOf(duckDbFiles), columns, ct).ConfigureAwait(false);
            }
            catch (DuckDbException ex) when (!ScanErrors.IsRunWide(ex))
            {
                // No min/max from footers then.
            }
        }

        var facts = new List<FooterColumnFacts>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            // Our parser's statistics stay raw bytes (their typed decoding is not ours to redo): a column that a file
            // read by it holds gets no footer min/max.
            var inOwnFooter = files.Any(f => f.OwnFooter is not null
                && f.Fields.Any(c => string.Equals(c.Name, columns[i].SourceName, StringComparison.OrdinalIgnoreCase)));
            facts.Add(new FooterColumnFacts(Nulls(columns[i], files, chunks), inOwnFooter ? null : minMax.GetValueOrDefault(i)));
        }

        return facts;
    }

    /// <summary>
    /// The footer's codecs and encodings of one file (names from the Parquet format, never data), to say why its data
    /// could not be decoded; empty when the footer cannot say.
    /// </summary>
    public static async Task<string> DescribeEncodingAsync(DuckDbConnection connection, string path, CancellationToken ct)
    {
        var codecs = new SortedSet<string>(StringComparer.Ordinal);
        var encodings = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            using var result = await connection.QueryAsync(CodecSql, [new[] { path }], ct).ConfigureAwait(false);
            while (result.Read())
            {
                if (!result.IsNull(0))
                {
                    codecs.Add(result.GetString(0));
                }

                if (!result.IsNull(1))
                {
                    encodings.UnionWith(result.GetString(1).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                }
            }
        }
        catch (DuckDbException ex) when (!ScanErrors.IsRunWide(ex))
        {
            return "";
        }

        return Describe(codecs, encodings);
    }

    /// <summary>The same description from a footer our own parser read.</summary>
    public static string DescribeEncoding(ParquetFileMetadata footer)
    {
        var chunks = footer.RowGroups.SelectMany(g => g.Columns).ToList();
        var codecs = new SortedSet<string>(chunks.Where(c => c.Codec is not null).Select(c => ParquetFormatNames.Codec(c.Codec!.Value)), StringComparer.Ordinal);
        var encodings = new SortedSet<string>(chunks.SelectMany(c => c.Encodings).Select(ParquetFormatNames.Encoding), StringComparer.Ordinal);
        return Describe(codecs, encodings);
    }

    // Only the format's own upper-case names are kept: a footer is written by anyone.
    private static string Describe(IEnumerable<string> codecs, IEnumerable<string> encodings)
    {
        static IEnumerable<string> Names(IEnumerable<string> names) =>
            names.Where(n => n.Length <= 40 && n.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'));
        return $"footer codecs: {string.Join(", ", Names(codecs))}; encodings: {string.Join(", ", Names(encodings))}";
    }

    /// <summary>A scanned column's statistics with the undecoded files' footer facts added (full mode only).</summary>
    public static async Task<ColumnScanProfile> MergeAsync(
        DuckDbConnection connection, ColumnScanProfile scanned, ScanColumn column, FooterColumnFacts facts, long undecodedRows, CancellationToken ct)
    {
        var merged = scanned;
        if (facts.Nulls is { } nulls)
        {
            merged = merged with { RowCount = scanned.RowCount + undecodedRows, NullCount = scanned.NullCount + nulls };
        }

        if (facts.MinMax is { } footer)
        {
            try
            {
                merged = merged with
                {
                    Min = await FooterStatistics.ExtremeAsync(connection, column.TypeName, scanned.Min, footer.Min, least: true, ct).ConfigureAwait(false),
                    Max = await FooterStatistics.ExtremeAsync(connection, column.TypeName, scanned.Max, footer.Max, least: false, ct).ConfigureAwait(false),
                };
            }
            catch (DuckDbException ex) when (!ScanErrors.IsRunWide(ex))
            {
                // Not comparable after all: the decoded files' min/max stand (the DATA_NOT_DECODABLE warning says so).
            }
        }

        return merged;
    }

    /// <summary>A column known only from footers: null count and min/max where they carry them, else no statistics.</summary>
    public static ColumnScanProfile FromFooter(ScanColumn column, FooterColumnFacts facts, long rows) => new()
    {
        Name = column.LogicalName,
        PhysicalName = column.SourceName,
        DuckDbType = column.TypeName,
        Kind = column.Kind,
        Nullable = column.Nullable,
        RowCount = facts.Nulls is null ? 0 : rows,
        NullCount = facts.Nulls ?? 0,
        Min = facts.MinMax?.Min,
        Max = facts.MinMax?.Max,
        StatisticsKnown = facts.Nulls is not null,
    };

    // The same per-path tally as the DuckDB query: chunks, chunks with a null count, the sum of null counts.
    private static void AddOwnFooterChunks(IReadOnlyList<InventoryFile> files, Dictionary<string, (long Chunks, long WithNulls, long Nulls)> chunks)
    {
        foreach (var footer in files.Select(f => f.OwnFooter).OfType<ParquetFileMetadata>())
        {
            foreach (var chunk in footer.RowGroups.SelectMany(g => g.Columns))
            {
                var path = string.Join(", ", chunk.Path);
                var (count, withNulls, nulls) = chunks.GetValueOrDefault(path);
                var chunkNulls = chunk.Statistics?.NullCount;
                chunks[path] = (count + 1, withNulls + (chunkNulls is null ? 0 : 1), nulls + (chunkNulls ?? 0));
            }
        }
    }

    private static long? Nulls(ScanColumn column, IReadOnlyList<InventoryFile> files, Dictionary<string, (long Chunks, long WithNulls, long Nulls)> chunks)
    {
        // Top-level primitive columns only: a nested column's leaves have paths of their own, and a name with a comma
        // could be mistaken for such a path.
        if (column.Kind == ScanColumnKind.Nested || column.SourceName.Contains(',', StringComparison.Ordinal)
            || !chunks.TryGetValue(column.SourceName, out var found))
        {
            return null;
        }

        long expected = 0;
        long missingRows = 0;
        foreach (var file in files)
        {
            var matches = file.Fields.Count(f => string.Equals(f.Name, column.SourceName, StringComparison.OrdinalIgnoreCase));
            var exact = file.Fields.Any(f => f.Name == column.SourceName);
            if (matches > 1 || (matches == 1 && !exact))
            {
                return null;
            }

            if (matches == 1)
            {
                expected += file.RowGroupRows.Count;
            }
            else
            {
                missingRows += file.RowCount;
            }
        }

        return found.Chunks == expected && found.WithNulls == expected ? found.Nulls + missingRows : null;
    }
}
