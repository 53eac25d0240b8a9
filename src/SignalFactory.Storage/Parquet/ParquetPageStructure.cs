using Microsoft.Win32.SafeHandles;

namespace SignalFactory.Storage.Parquet;

/// <summary>
/// The page structure check: walks each column chunk's page headers (only the headers: a small read per page, no
/// decompression, no level or value decoding) from its first page to <c>total_compressed_size</c> and checks that
/// they agree with the footer: the pages tile the chunk exactly, there is at most one dictionary page and it comes
/// first, the data pages' <c>num_values</c> add up to the chunk's <c>num_values</c>, a column without repetition has
/// one value per row, and V2 pages' rows, nulls and level lengths fit their page and the row group. Messages name the
/// row group, the column path and the counts, never data.
/// </summary>
public static partial class ParquetPageStructure
{
    /// <summary>The largest page header read (real ones are tens to a few hundred bytes; statistics can make them bigger).</summary>
    public const int MaxHeaderBytes = 16 * 1024 * 1024;

    private const int FirstWindow = 512;

    /// <summary>Reads the footer of a local file and checks its page structure.</summary>
    /// <exception cref="ParquetFooterFormatException">The footer cannot be read.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ParquetPageCheckResult Check(string path, CancellationToken ct = default) =>
        Check(path, ParquetFooterParser.ReadFile(path), ct);

    /// <summary>Checks the page structure of a local file whose footer is <paramref name="metadata"/>.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ParquetPageCheckResult Check(string path, ParquetFileMetadata metadata, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(metadata);
        var leaves = LeafLevels(metadata.Schema);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var dataEnd = RandomAccess.GetLength(handle) - 8 - (metadata.FooterLength ?? 0);
        var buffer = new byte[FirstWindow];
        var chunks = 0;
        var pages = 0;
        var notChecked = new List<string>();
        for (var g = 0; g < metadata.RowGroups.Count; g++)
        {
            var group = metadata.RowGroups[g];
            if (group.Columns.Count != leaves.Count)
            {
                // The footer parser refuses this; a hand-made ParquetFileMetadata may not.
                return new ParquetPageCheckResult($"row group {g} has {group.Columns.Count} column chunks for {leaves.Count} schema leaves", chunks, pages, notChecked);
            }

            for (var c = 0; c < group.Columns.Count; c++)
            {
                ct.ThrowIfCancellationRequested();
                var chunk = group.Columns[c];
                var where = $"row group {g}, column {string.Join('.', chunk.Path.Count > 0 ? chunk.Path : leaves[c].Path)}";
                if (chunk.InOtherFile || chunk.Path.Count == 0)
                {
                    notChecked.Add($"{where}: {(chunk.InOtherFile ? "stored in another file" : "no inline column metadata")}");
                    continue;
                }

                var error = CheckChunk(handle, dataEnd, group, chunk, leaves[c].MaxRepetition, ref buffer, ref pages);
                chunks++;
                if (error is not null)
                {
                    return new ParquetPageCheckResult($"{where}: {error}", chunks, pages, notChecked);
                }
            }
        }

        return new ParquetPageCheckResult(null, chunks, pages, notChecked);
    }

    /// <summary>
    /// Reads one column chunk's page headers, in file order. Throws when a header cannot be decoded or a page runs
    /// past the chunk; the check (<see cref="Check(string, ParquetFileMetadata, CancellationToken)"/>) reports that instead.
    /// </summary>
    /// <exception cref="ParquetFooterFormatException">A page header is corrupt or runs past the chunk.</exception>
    public static IReadOnlyList<ParquetPageHeader> ReadPageHeaders(string path, ParquetColumnChunkMetadata chunk)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(chunk);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var buffer = new byte[FirstWindow];
        var headers = new List<ParquetPageHeader>();
        var error = Walk(handle, RandomAccess.GetLength(handle), chunk, headers, ref buffer);
        return error is null ? headers : throw new ParquetFooterFormatException(error);
    }

    private static string? CheckChunk(
        SafeFileHandle handle, long dataEnd, ParquetRowGroupMetadata group, ParquetColumnChunkMetadata chunk, int maxRepetition,
        ref byte[] buffer, ref int pages)
    {
        var headers = new List<ParquetPageHeader>();
        var error = Walk(handle, dataEnd, chunk, headers, ref buffer);
        pages += headers.Count;
        if (error is not null)
        {
            return error;
        }

        long values = 0;
        long rows = 0;
        var dataPages = 0;
        var allV2 = true;
        for (var i = 0; i < headers.Count; i++)
        {
            var page = headers[i];
            if (page.Type == ParquetPageType.DictionaryPage)
            {
                if (i > 0)
                {
                    return $"page {i} (byte {page.Offset}) is a dictionary page, but a dictionary page may only be the chunk's first";
                }

                continue;
            }

            if (page.Type == ParquetPageType.IndexPage)
            {
                continue;
            }

            dataPages++;
            if (page.NumValues < 0)
            {
                return $"page {i} (byte {page.Offset}) declares {page.NumValues} values";
            }

            values += page.NumValues!.Value;
            if (page.Type == ParquetPageType.DataPageV2)
            {
                if (V2Error(page, maxRepetition) is { } v2)
                {
                    return $"page {i} (byte {page.Offset}): {v2}";
                }

                rows += page.NumRows!.Value;
            }
            else
            {
                allV2 = false;
            }
        }

        if (values != chunk.NumValues)
        {
            return $"its {dataPages} data page(s) hold {values} values in their headers, but the column chunk declares num_values {chunk.NumValues}";
        }

        if (maxRepetition == 0 && chunk.NumValues != group.NumRows)
        {
            return $"the column has no repetition, so one value per row, but the chunk declares num_values {chunk.NumValues} for the row group's {group.NumRows} rows";
        }

        if (maxRepetition > 0 && chunk.NumValues < group.NumRows)
        {
            return $"the chunk declares num_values {chunk.NumValues}, fewer than the row group's {group.NumRows} rows (every row has at least one value)";
        }

        return dataPages > 0 && allV2 && rows != group.NumRows
            ? $"its V2 data pages hold {rows} rows in their headers, but the row group declares {group.NumRows}"
            : null;
    }

    private static string? V2Error(ParquetPageHeader page, int maxRepetition)
    {
        var (values, nulls, rows) = (page.NumValues!.Value, page.NumNulls!.Value, page.NumRows!.Value);
        var levels = (long)page.DefinitionLevelsByteLength!.Value + page.RepetitionLevelsByteLength!.Value;
        if (nulls < 0 || rows < 0 || page.DefinitionLevelsByteLength < 0 || page.RepetitionLevelsByteLength < 0)
        {
            return "a negative num_nulls, num_rows or level byte length";
        }

        if (nulls > values)
        {
            return $"num_nulls {nulls} exceeds num_values {values}";
        }

        if (rows > values || (maxRepetition == 0 && rows != values))
        {
            return $"num_rows {rows} does not fit num_values {values} for a column with maximum repetition level {maxRepetition}";
        }

        return levels > page.CompressedPageSize || levels > page.UncompressedPageSize
            ? $"its level byte lengths ({page.DefinitionLevelsByteLength} + {page.RepetitionLevelsByteLength}) exceed the page's {page.CompressedPageSize} compressed / {page.UncompressedPageSize} uncompressed bytes"
            : null;
    }

    // Reads headers from the chunk's first page to its end; an error when a header is corrupt or the pages do not end
    // exactly at start + total_compressed_size.
    private static string? Walk(SafeFileHandle handle, long dataEnd, ParquetColumnChunkMetadata chunk, List<ParquetPageHeader> headers, ref byte[] buffer)
    {
        // The chunk starts at its dictionary page when it has one. Writers differ: some write dictionary_page_offset 0
        // for "none" (dict-page-offset-zero.parquet), and an empty chunk may have only a dictionary page and
        // data_page_offset 0 (column_chunk_key_value_metadata.parquet).
        var data = chunk.DataPageOffset;
        var start = chunk.DictionaryPageOffset is long d && d >= 4 && (d < data || data < 4) ? d : data;
        var end = start + chunk.TotalCompressedSize;
        if (start < 4 || chunk.TotalCompressedSize < 0 || end > dataEnd)
        {
            return $"the chunk's bytes {start}..{end} (first page offset, total_compressed_size) lie outside the file's data area 4..{dataEnd}";
        }

        var position = start;
        while (position < end)
        {
            var header = ReadHeader(handle, position, end, ref buffer, out var error);
            if (header is null)
            {
                return $"page {headers.Count}: {error}";
            }

            if (header.CompressedPageSize < 0 || header.UncompressedPageSize < 0)
            {
                return $"page {headers.Count} (byte {position}) declares a negative page size";
            }

            if (header.End > end)
            {
                return $"page {headers.Count} (byte {position}, compressed_page_size {header.CompressedPageSize}) runs {header.End - end} bytes past the chunk's end at byte {end} (total_compressed_size {chunk.TotalCompressedSize})";
            }

            headers.Add(header);
            position = header.End;
        }

        return null;
    }

    // Reads a window and decodes a header from it; a header longer than the window is retried with a bigger one.
    private static ParquetPageHeader? ReadHeader(SafeFileHandle handle, long position, long end, ref byte[] buffer, out string? error)
    {
        var window = (int)Math.Min(end - position, FirstWindow);
        while (true)
        {
            if (buffer.Length < window)
            {
                buffer = new byte[window];
            }

            var read = 0;
            while (read < window)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read, window - read), position + read);
                if (n == 0)
                {
                    error = $"the file ends at byte {position + read}, inside the chunk";
                    return null;
                }

                read += n;
            }

            try
            {
                error = null;
                return DecodeHeader(buffer, window, position);
            }
            catch (ParquetFooterFormatException ex)
            {
                if (window >= end - position || window >= MaxHeaderBytes)
                {
                    error = $"the header at byte {position} cannot be decoded ({ex.Message})";
                    return null;
                }

                window = (int)Math.Min(Math.Min(end - position, MaxHeaderBytes), (long)window * 8);
            }
        }
    }

    private static List<(string[] Path, int MaxRepetition)> LeafLevels(IReadOnlyList<ParquetSchemaElement> schema)
    {
        var leaves = new List<(string[] Path, int MaxRepetition)>();
        var path = new List<string>();
        var next = 1;
        for (var child = 0; child < schema[0].NumChildren; child++)
        {
            next = Collect(schema, next, path, 0, leaves);
        }

        return leaves;
    }

    // The footer parser already checked that the schema is one tree of bounded depth, so this recursion is bounded.
    private static int Collect(IReadOnlyList<ParquetSchemaElement> schema, int index, List<string> path, int repetition, List<(string[] Path, int MaxRepetition)> leaves)
    {
        var element = schema[index];
        var level = repetition + (element.Repetition == ParquetRepetition.Repeated ? 1 : 0);
        path.Add(element.Name);
        var next = index + 1;
        if (element.NumChildren == 0)
        {
            leaves.Add(([.. path], level));
        }

        for (var child = 0; child < element.NumChildren; child++)
        {
            next = Collect(schema, next, path, level, leaves);
        }

        path.RemoveAt(path.Count - 1);
        return next;
    }
}
