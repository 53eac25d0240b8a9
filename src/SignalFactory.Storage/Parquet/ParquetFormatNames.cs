using System.Globalization;

namespace SignalFactory.Storage.Parquet;

/// <summary>The Parquet format's own names (as in parquet.thrift) for codecs and encodings, for messages.</summary>
public static class ParquetFormatNames
{
    /// <summary>The codec's name, e.g. <c>LZ4_RAW</c>; an unknown value as <c>CODEC_n</c>.</summary>
    public static string Codec(ParquetCompressionCodec codec) => codec switch
    {
        ParquetCompressionCodec.Uncompressed => "UNCOMPRESSED",
        ParquetCompressionCodec.Snappy => "SNAPPY",
        ParquetCompressionCodec.Gzip => "GZIP",
        ParquetCompressionCodec.Lzo => "LZO",
        ParquetCompressionCodec.Brotli => "BROTLI",
        ParquetCompressionCodec.Lz4 => "LZ4",
        ParquetCompressionCodec.Zstd => "ZSTD",
        ParquetCompressionCodec.Lz4Raw => "LZ4_RAW",
        _ => string.Create(CultureInfo.InvariantCulture, $"CODEC_{(int)codec}"),
    };

    /// <summary>The encoding's name, e.g. <c>RLE_DICTIONARY</c>; an unknown value as <c>ENCODING_n</c>.</summary>
    public static string Encoding(ParquetEncoding encoding) => encoding switch
    {
        ParquetEncoding.Plain => "PLAIN",
        ParquetEncoding.GroupVarInt => "GROUP_VAR_INT",
        ParquetEncoding.PlainDictionary => "PLAIN_DICTIONARY",
        ParquetEncoding.Rle => "RLE",
        ParquetEncoding.BitPacked => "BIT_PACKED",
        ParquetEncoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        ParquetEncoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        ParquetEncoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        ParquetEncoding.RleDictionary => "RLE_DICTIONARY",
        ParquetEncoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        _ => string.Create(CultureInfo.InvariantCulture, $"ENCODING_{(int)encoding}"),
    };
}
