namespace SignalFactory.Storage.Parquet;

/// <summary>
/// What a Parquet footer (the Thrift <c>FileMetaData</c>) says, as decoded by <see cref="ParquetFooterParser"/>:
/// the file-level <c>num_rows</c>, the flattened schema (pre-order, the root first) and the row groups.
/// </summary>
public sealed record ParquetFileMetadata(
    int Version,
    long NumRows,
    IReadOnlyList<ParquetSchemaElement> Schema,
    IReadOnlyList<ParquetRowGroupMetadata> RowGroups,
    string? CreatedBy)
{
    /// <summary>The rows a reader returns: the sum of the row groups' rows (some writers get <see cref="NumRows"/> wrong).</summary>
    public long RowGroupRows => RowGroups.Sum(g => g.NumRows);

    /// <summary>The footer's length in bytes when read from a file (<see cref="ParquetFooterParser.ReadFile"/>).</summary>
    public int? FooterLength { get; init; }
}

/// <summary>
/// One <c>SchemaElement</c>. <see cref="Type"/> is the physical type (null for a group), <see cref="Repetition"/>
/// null for the root of most writers, <see cref="ConvertedType"/> the legacy annotation, <see cref="LogicalType"/>
/// the newer one.
/// </summary>
public sealed record ParquetSchemaElement(
    string Name,
    ParquetPhysicalType? Type,
    int? TypeLength,
    ParquetRepetition? Repetition,
    int NumChildren,
    ParquetConvertedType? ConvertedType,
    int? Scale,
    int? Precision,
    ParquetLogicalType? LogicalType);

/// <summary>
/// The <c>LogicalType</c> union: <see cref="Kind"/> names the member set; the others hold its fields where it has
/// any (DECIMAL scale/precision, TIME/TIMESTAMP unit and UTC adjustment, INTEGER width and sign).
/// </summary>
public sealed record ParquetLogicalType(
    ParquetLogicalKind Kind,
    int? Scale = null,
    int? Precision = null,
    ParquetTimeUnit? Unit = null,
    bool? IsAdjustedToUtc = null,
    int? BitWidth = null,
    bool? IsSigned = null);

/// <summary>One <c>RowGroup</c>: rows, sizes and its column chunks.</summary>
public sealed record ParquetRowGroupMetadata(
    long NumRows, long TotalByteSize, long? TotalCompressedSize, IReadOnlyList<ParquetColumnChunkMetadata> Columns);

/// <summary>
/// One column chunk (its <c>ColumnMetaData</c>): the leaf's path, codec, encodings, value count and statistics.
/// <see cref="Path"/> is empty when the chunk has no inline metadata (it lives in another file).
/// </summary>
public sealed record ParquetColumnChunkMetadata(
    IReadOnlyList<string> Path,
    ParquetPhysicalType? Type,
    ParquetCompressionCodec? Codec,
    IReadOnlyList<ParquetEncoding> Encodings,
    long NumValues,
    long TotalUncompressedSize,
    long TotalCompressedSize,
    ParquetStatistics? Statistics)
{
    /// <summary>The file offset of the chunk's first data page (<c>data_page_offset</c>).</summary>
    public long DataPageOffset { get; init; }

    /// <summary>The file offset of the chunk's dictionary page (<c>dictionary_page_offset</c>), when set.</summary>
    public long? DictionaryPageOffset { get; init; }

    /// <summary>The chunk lives in another file (<c>ColumnChunk.file_path</c> is set): its pages are not in this one.</summary>
    public bool InOtherFile { get; init; }
}

/// <summary>
/// A chunk's <c>Statistics</c>, as raw bytes in the column's physical encoding. <see cref="MinValue"/>/<see
/// cref="MaxValue"/> are the current fields, <see cref="LegacyMin"/>/<see cref="LegacyMax"/> the deprecated ones
/// (sorted as signed bytes by old writers). These bytes are data: never put them in a message.
/// </summary>
public sealed record ParquetStatistics(
    long? NullCount, long? DistinctCount, byte[]? MinValue, byte[]? MaxValue, byte[]? LegacyMin, byte[]? LegacyMax);

/// <summary>Parquet's physical types (the <c>Type</c> enum).</summary>
public enum ParquetPhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,
    Int96 = 3,
    Float = 4,
    Double = 5,
    ByteArray = 6,
    FixedLenByteArray = 7,
}

/// <summary>The <c>FieldRepetitionType</c> enum.</summary>
public enum ParquetRepetition
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}

/// <summary>The legacy <c>ConvertedType</c> enum.</summary>
public enum ParquetConvertedType
{
    Utf8 = 0,
    Map = 1,
    MapKeyValue = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    TimeMillis = 7,
    TimeMicros = 8,
    TimestampMillis = 9,
    TimestampMicros = 10,
    UInt8 = 11,
    UInt16 = 12,
    UInt32 = 13,
    UInt64 = 14,
    Int8 = 15,
    Int16 = 16,
    Int32 = 17,
    Int64 = 18,
    Json = 19,
    Bson = 20,
    Interval = 21,
}

/// <summary>Members of the <c>LogicalType</c> union, by field id; <see cref="Other"/> for a member this code does not know.</summary>
public enum ParquetLogicalKind
{
    Other = 0,
    String = 1,
    Map = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    Time = 7,
    Timestamp = 8,
    Integer = 10,
    Unknown = 11,
    Json = 12,
    Bson = 13,
    Uuid = 14,
    Float16 = 15,
    Variant = 16,
    Geometry = 17,
    Geography = 18,
}

/// <summary>The <c>TimeUnit</c> union.</summary>
public enum ParquetTimeUnit
{
    Millis = 1,
    Micros = 2,
    Nanos = 3,
}

/// <summary>The <c>CompressionCodec</c> enum.</summary>
public enum ParquetCompressionCodec
{
    Uncompressed = 0,
    Snappy = 1,
    Gzip = 2,
    Lzo = 3,
    Brotli = 4,
    Lz4 = 5,
    Zstd = 6,
    Lz4Raw = 7,
}

/// <summary>The <c>Encoding</c> enum.</summary>
public enum ParquetEncoding
{
    Plain = 0,
    GroupVarInt = 1,
    PlainDictionary = 2,
    Rle = 3,
    BitPacked = 4,
    DeltaBinaryPacked = 5,
    DeltaLengthByteArray = 6,
    DeltaByteArray = 7,
    RleDictionary = 8,
    ByteStreamSplit = 9,
}

/// <summary>A Parquet footer that is missing, truncated or not decodable; the message names what is wrong, never data.</summary>
public sealed class ParquetFooterFormatException : Exception
{
    public ParquetFooterFormatException(string message)
        : base(message)
    {
    }

    public ParquetFooterFormatException()
    {
    }

    public ParquetFooterFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
