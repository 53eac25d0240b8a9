using System.Buffers.Binary;

namespace SignalFactory.Storage.Parquet;

/// <summary>
/// Our own Parquet footer reader, written from the Parquet format specification (parquet.thrift) and the Thrift
/// compact protocol: reads the last 8 bytes (footer length, <c>PAR1</c>), then the footer, and decodes the
/// <c>FileMetaData</c> it needs (rows, schema, row groups, column chunks, statistics), skipping every field it does
/// not know so that newer writers do not break it. It reads footers DuckDB refuses (e.g. a MAP whose key_value group
/// has no value field) and is much faster than a DuckDB query per file. Corrupt or truncated input gives a <see cref="ParquetFooterFormatException"/>
/// naming what is wrong; sizes and nesting are bounded, so it never hangs or allocates beyond the file's own size.
/// Encrypted footers (<c>PARE</c>) are refused.
/// </summary>
public static partial class ParquetFooterParser
{
    /// <summary>The largest footer read (far above any real footer; a bigger length is taken as corruption).</summary>
    public const int MaxFooterBytes = 256 * 1024 * 1024;

    /// <summary>The deepest schema nesting accepted (real schemas nest a few levels).</summary>
    public const int MaxSchemaDepth = 100;

    private const int TailBytes = 8;

    /// <summary>Reads and decodes one file's footer.</summary>
    /// <exception cref="ParquetFooterFormatException">Not a Parquet file, or its footer is truncated or corrupt.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static ParquetFileMetadata ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
        var size = stream.Length;
        if (size < 12)
        {
            throw new ParquetFooterFormatException($"the file has {size} bytes, too few for a Parquet file (at least 12)");
        }

        Span<byte> tail = stackalloc byte[TailBytes];
        stream.Position = size - TailBytes;
        stream.ReadExactly(tail);
        var magic = tail[4..];
        if (magic.SequenceEqual("PARE"u8))
        {
            throw new ParquetFooterFormatException("the footer is encrypted (PARE), which is not supported");
        }

        if (!magic.SequenceEqual("PAR1"u8))
        {
            throw new ParquetFooterFormatException("the file does not end in the Parquet magic PAR1");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (length <= 0 || length > MaxFooterBytes || length > size - TailBytes - 4)
        {
            throw new ParquetFooterFormatException($"the footer length {length} does not fit the file's {size} bytes");
        }

        var footer = new byte[length];
        stream.Position = size - TailBytes - length;
        stream.ReadExactly(footer);
        return Parse(footer) with { FooterLength = length };
    }

    /// <summary>
    /// Reads one file's footer without throwing for a bad or unreadable file: the metadata, or null and an error that
    /// names the problem (never data from the file). Only a null or empty path throws.
    /// </summary>
    public static bool TryReadFile(string path, out ParquetFileMetadata? metadata, out string? error)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        metadata = null;
        error = null;
        try
        {
            metadata = ReadFile(path);
            return true;
        }
        catch (ParquetFooterFormatException ex)
        {
            error = ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"the file could not be read ({ex.GetType().Name})";
        }

        return false;
    }

    /// <summary>Decodes footer bytes (the Thrift compact <c>FileMetaData</c>, without the trailing length and magic).</summary>
    /// <exception cref="ParquetFooterFormatException">The bytes are not a valid <c>FileMetaData</c>.</exception>
    public static ParquetFileMetadata Parse(byte[] footer)
    {
        ArgumentNullException.ThrowIfNull(footer);
        var reader = new ThriftCompactReader(footer, 0, footer.Length);
        var metadata = ReadFileMetaData(reader);
        if (metadata.Schema.Count == 0)
        {
            throw new ParquetFooterFormatException("the footer has no schema");
        }

        CheckSchemaTree(metadata.Schema);
        CheckConsistency(metadata);
        return metadata;
    }

    private static ParquetFileMetadata ReadFileMetaData(ThriftCompactReader reader)
    {
        int? version = null;
        long? numRows = null;
        List<ParquetSchemaElement>? schema = null;
        List<ParquetRowGroupMetadata>? rowGroups = null;
        string? createdBy = null;
        ReadStruct(reader, (type, id) =>
        {
            switch (id, type)
            {
                case (1, ThriftType.I32):
                    version = reader.ReadI32();
                    return true;
                case (2, ThriftType.List):
                    schema = ReadList(reader, ThriftType.Struct, () => ReadSchemaElement(reader));
                    return true;
                case (3, ThriftType.I64):
                    numRows = reader.ReadI64();
                    return true;
                case (4, ThriftType.List):
                    rowGroups = ReadList(reader, ThriftType.Struct, () => ReadRowGroup(reader));
                    return true;
                case (6, ThriftType.Binary):
                    createdBy = reader.ReadString();
                    return true;
                default:
                    return false;
            }
        });

        if (schema is null || numRows is null || rowGroups is null)
        {
            throw new ParquetFooterFormatException(
                $"the footer lacks the required field {(schema is null ? "schema" : numRows is null ? "num_rows" : "row_groups")}");
        }

        return new ParquetFileMetadata(version ?? 0, numRows.Value, schema, rowGroups, createdBy);
    }

    private static ParquetRowGroupMetadata ReadRowGroup(ThriftCompactReader reader)
    {
        List<ParquetColumnChunkMetadata>? columns = null;
        long totalBytes = 0;
        long? numRows = null;
        long? compressed = null;
        ReadStruct(reader, (wire, id) =>
        {
            switch (id, wire)
            {
                case (1, ThriftType.List):
                    columns = ReadList(reader, ThriftType.Struct, () => ReadColumnChunk(reader));
                    return true;
                case (2, ThriftType.I64):
                    totalBytes = reader.ReadI64();
                    return true;
                case (3, ThriftType.I64):
                    numRows = reader.ReadI64();
                    return true;
                case (6, ThriftType.I64):
                    compressed = reader.ReadI64();
                    return true;
                default:
                    return false;
            }
        });

        if (numRows is null or < 0)
        {
            throw new ParquetFooterFormatException(numRows is null ? "a row group has no num_rows" : $"a row group declares {numRows} rows");
        }

        return new ParquetRowGroupMetadata(numRows.Value, totalBytes, compressed, columns ?? []);
    }

    private static ParquetColumnChunkMetadata ReadColumnChunk(ThriftCompactReader reader)
    {
        ParquetColumnChunkMetadata? chunk = null;
        var inOtherFile = false;
        ReadStruct(reader, (wire, id) =>
        {
            if (id == 1 && wire == ThriftType.Binary)
            {
                inOtherFile = reader.ReadBinary().Length > 0;
                return true;
            }

            if (id == 3 && wire == ThriftType.Struct)
            {
                chunk = ReadColumnMetaData(reader);
                return true;
            }

            return false;
        });
        return (chunk ?? new ParquetColumnChunkMetadata([], null, null, [], 0, 0, 0, null)) with { InOtherFile = inOtherFile };
    }

    private static ParquetColumnChunkMetadata ReadColumnMetaData(ThriftCompactReader reader)
    {
        ParquetPhysicalType? type = null;
        List<ParquetEncoding> encodings = [];
        List<string> path = [];
        ParquetCompressionCodec? codec = null;
        long numValues = 0;
        long uncompressed = 0;
        long compressed = 0;
        ParquetStatistics? statistics = null;
        long dataPageOffset = 0;
        long? dictionaryPageOffset = null;
        ReadStruct(reader, (wire, id) =>
        {
            switch (id, wire)
            {
                case (1, ThriftType.I32):
                    type = (ParquetPhysicalType)reader.ReadI32();
                    return true;
                case (2, ThriftType.List):
                    encodings = ReadList(reader, ThriftType.I32, () => (ParquetEncoding)reader.ReadI32());
                    return true;
                case (3, ThriftType.List):
                    path = ReadList(reader, ThriftType.Binary, reader.ReadString);
                    return true;
                case (4, ThriftType.I32):
                    codec = (ParquetCompressionCodec)reader.ReadI32();
                    return true;
                case (5, ThriftType.I64):
                    numValues = reader.ReadI64();
                    return true;
                case (6, ThriftType.I64):
                    uncompressed = reader.ReadI64();
                    return true;
                case (7, ThriftType.I64):
                    compressed = reader.ReadI64();
                    return true;
                case (9, ThriftType.I64):
                    dataPageOffset = reader.ReadI64();
                    return true;
                case (11, ThriftType.I64):
                    dictionaryPageOffset = reader.ReadI64();
                    return true;
                case (12, ThriftType.Struct):
                    statistics = ReadStatistics(reader);
                    return true;
                default:
                    return false;
            }
        });
        return new ParquetColumnChunkMetadata(path, type, codec, encodings, numValues, uncompressed, compressed, statistics)
        {
            DataPageOffset = dataPageOffset,
            DictionaryPageOffset = dictionaryPageOffset,
        };
    }

    private static ParquetStatistics ReadStatistics(ThriftCompactReader reader)
    {
        byte[]? max = null;
        byte[]? min = null;
        long? nulls = null;
        long? distinct = null;
        byte[]? maxValue = null;
        byte[]? minValue = null;
        ReadStruct(reader, (wire, id) =>
        {
            switch (id, wire)
            {
                case (1, ThriftType.Binary):
                    max = reader.ReadBinary();
                    return true;
                case (2, ThriftType.Binary):
                    min = reader.ReadBinary();
                    return true;
                case (3, ThriftType.I64):
                    nulls = reader.ReadI64();
                    return true;
                case (4, ThriftType.I64):
                    distinct = reader.ReadI64();
                    return true;
                case (5, ThriftType.Binary):
                    maxValue = reader.ReadBinary();
                    return true;
                case (6, ThriftType.Binary):
                    minValue = reader.ReadBinary();
                    return true;
                default:
                    return false;
            }
        });
        return new ParquetStatistics(nulls, distinct, minValue, maxValue, min, max);
    }

    /// <summary>
    /// Reads a struct's fields up to its stop byte: <paramref name="field"/> reads the ones it knows (returning true);
    /// any other field, or a known id with an unexpected wire type, is skipped.
    /// </summary>
    internal static void ReadStruct(ThriftCompactReader reader, Func<ThriftType, short, bool> field)
    {
        reader.BeginStruct();
        short id = 0;
        while (true)
        {
            var (type, next) = reader.ReadFieldHeader(id);
            if (type == ThriftType.Stop)
            {
                break;
            }

            if (!field(type, next))
            {
                reader.Skip(type);
            }

            id = next;
        }

        reader.EndStruct();
    }

    private static List<T> ReadList<T>(ThriftCompactReader reader, ThriftType expected, Func<T> element)
    {
        var (type, count) = reader.ReadListHeader();
        if (count > 0 && type != expected)
        {
            throw new ParquetFooterFormatException($"a list of wire type {(int)type} where {(int)expected} was expected");
        }

        var items = new List<T>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            items.Add(element());
        }

        return items;
    }
}
