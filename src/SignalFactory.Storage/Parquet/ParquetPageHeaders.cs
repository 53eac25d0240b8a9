namespace SignalFactory.Storage.Parquet;

/// <summary>The <c>PageType</c> enum.</summary>
public enum ParquetPageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}

/// <summary>
/// One page header of a column chunk (the Thrift <c>PageHeader</c>), as read by <see cref="ParquetPageStructure"/>:
/// where it starts, how long the header is, the page sizes, and the counts of its data or dictionary header
/// (<see cref="NumValues"/> is the dictionary's entries for a dictionary page, the levels for a data page;
/// <see cref="NumNulls"/>, <see cref="NumRows"/> and the level byte lengths are set for V2 data pages only).
/// </summary>
public sealed record ParquetPageHeader(
    long Offset,
    int HeaderLength,
    ParquetPageType Type,
    int UncompressedPageSize,
    int CompressedPageSize,
    int? NumValues,
    int? NumNulls = null,
    int? NumRows = null,
    int? DefinitionLevelsByteLength = null,
    int? RepetitionLevelsByteLength = null)
{
    /// <summary>The file offset just past the page (header and compressed data).</summary>
    public long End => Offset + HeaderLength + (long)CompressedPageSize;
}

/// <summary>
/// The outcome of <see cref="ParquetPageStructure.Check(string, ParquetFileMetadata, CancellationToken)"/>:
/// <see cref="Inconsistency"/> is null when every checked chunk's pages agree with the footer, else it names the
/// first disagreement in structural terms (row group, column path, counts, offsets; never data).
/// <see cref="NotChecked"/> names chunks the check cannot apply to (stored in another file, no inline metadata).
/// </summary>
public sealed record ParquetPageCheckResult(string? Inconsistency, int ChunksChecked, int PagesRead, IReadOnlyList<string> NotChecked)
{
    /// <summary>True when no inconsistency was found.</summary>
    public bool Consistent => Inconsistency is null;
}

// Decoding of one PageHeader from the Thrift compact bytes (field ids from parquet.thrift).
public static partial class ParquetPageStructure
{
    private static ParquetPageHeader DecodeHeader(byte[] buffer, int length, long offset)
    {
        var reader = new ThriftCompactReader(buffer, 0, length, "page header");
        int? type = null;
        int? uncompressed = null;
        int? compressed = null;
        int? numValues = null;
        int? numNulls = null;
        int? numRows = null;
        int? defLength = null;
        int? repLength = null;
        var sawDataHeader = false;
        var sawDictionaryHeader = false;
        var sawV2Header = false;
        ParquetFooterParser.ReadStruct(reader, (wire, id) =>
        {
            switch (id, wire)
            {
                case (1, ThriftType.I32):
                    type = reader.ReadI32();
                    return true;
                case (2, ThriftType.I32):
                    uncompressed = reader.ReadI32();
                    return true;
                case (3, ThriftType.I32):
                    compressed = reader.ReadI32();
                    return true;
                case (5, ThriftType.Struct):
                    sawDataHeader = true;
                    numValues = ReadFirstI32(reader);
                    return true;
                case (7, ThriftType.Struct):
                    sawDictionaryHeader = true;
                    numValues = ReadFirstI32(reader);
                    return true;
                case (8, ThriftType.Struct):
                    sawV2Header = true;
                    ParquetFooterParser.ReadStruct(reader, (w, i) =>
                    {
                        switch (i, w)
                        {
                            case (1, ThriftType.I32):
                                numValues = reader.ReadI32();
                                return true;
                            case (2, ThriftType.I32):
                                numNulls = reader.ReadI32();
                                return true;
                            case (3, ThriftType.I32):
                                numRows = reader.ReadI32();
                                return true;
                            case (5, ThriftType.I32):
                                defLength = reader.ReadI32();
                                return true;
                            case (6, ThriftType.I32):
                                repLength = reader.ReadI32();
                                return true;
                            default:
                                return false;
                        }
                    });
                    return true;
                default:
                    return false;
            }
        });

        if (type is null || uncompressed is null || compressed is null)
        {
            throw new ParquetFooterFormatException(
                $"the page header at byte {offset} lacks the required field {(type is null ? "type" : uncompressed is null ? "uncompressed_page_size" : "compressed_page_size")}");
        }

        var pageType = (ParquetPageType)type.Value;
        var headerPresent = pageType switch
        {
            ParquetPageType.DataPage => sawDataHeader,
            ParquetPageType.DictionaryPage => sawDictionaryHeader,
            ParquetPageType.DataPageV2 => sawV2Header && numNulls is not null && numRows is not null && defLength is not null && repLength is not null,
            ParquetPageType.IndexPage => true,
            _ => throw new ParquetFooterFormatException($"the page header at byte {offset} has an unknown page type {type}"),
        };
        if (!headerPresent || (pageType != ParquetPageType.IndexPage && numValues is null))
        {
            throw new ParquetFooterFormatException($"the {Describe(pageType)} header at byte {offset} lacks its required fields");
        }

        return new ParquetPageHeader(offset, reader.Position, pageType, uncompressed.Value, compressed.Value, numValues, numNulls, numRows, defLength, repLength);
    }

    // DataPageHeader and DictionaryPageHeader both start with num_values (field 1); the rest is skipped.
    private static int? ReadFirstI32(ThriftCompactReader reader)
    {
        int? value = null;
        ParquetFooterParser.ReadStruct(reader, (wire, id) =>
        {
            if (id == 1 && wire == ThriftType.I32)
            {
                value = reader.ReadI32();
                return true;
            }

            return false;
        });
        return value;
    }

    private static string Describe(ParquetPageType type) => type switch
    {
        ParquetPageType.DataPage => "data page",
        ParquetPageType.DataPageV2 => "V2 data page",
        ParquetPageType.DictionaryPage => "dictionary page",
        _ => "index page",
    };
}
