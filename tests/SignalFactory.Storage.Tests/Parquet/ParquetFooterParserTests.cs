using System.Buffers.Binary;
using SignalFactory.Storage.Parquet;
using SignalFactory.Storage.Tests.Delta;

namespace SignalFactory.Storage.Tests.Parquet;

public sealed class ParquetFooterParserTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string MapNoValue => Path.Combine(TestPaths.ParquetData, "map_no_value.parquet");

    [Fact]
    public void ReadFile_MapWithoutValueField_ReadsWhatTheBytesSay()
    {
        // Decoded by hand (xxd): the footer is the last 455 bytes before "<length>PAR1"; after the schema list comes
        // 0x16 0x06 (field 3, num_rows, zigzag 6 = 3); the single row group ends 0x16 0x06 (its num_rows, 3); every
        // chunk's num_values is 0x12 (zigzag 9): 3 rows holding 3 entries each.
        var bytes = File.ReadAllBytes(MapNoValue);
        Assert.Equal(455, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8)));

        var footer = ParquetFooterParser.ReadFile(MapNoValue);

        Assert.Equal(3, footer.NumRows);
        Assert.Equal(3, Assert.Single(footer.RowGroups).NumRows);
        Assert.Equal(
            ["schema", "my_map", "key_value", "key", "value", "my_map_no_v", "key_value", "key", "my_list", "list", "element"],
            footer.Schema.Select(e => e.Name));
        Assert.Equal(
            ["my_map.key_value.key", "my_map.key_value.value", "my_map_no_v.key_value.key", "my_list.list.element"],
            footer.RowGroups[0].Columns.Select(c => string.Join('.', c.Path)));
        Assert.All(footer.RowGroups[0].Columns, c => Assert.Equal((9L, ParquetCompressionCodec.Uncompressed), (c.NumValues, c.Codec!.Value)));
        Assert.Equal(ParquetLogicalKind.Map, footer.Schema[5].LogicalType?.Kind);
        Assert.Equal(ParquetConvertedType.Map, footer.Schema[5].ConvertedType);
        Assert.Equal(1, footer.Schema[6].NumChildren); // key_value without a value field
    }

    [Fact]
    public void TopLevelColumns_MapWithoutValueField_IsAListOfItsKeys()
    {
        var columns = ParquetDuckDbTypes.TopLevelColumns(ParquetFooterParser.ReadFile(MapNoValue).Schema);

        Assert.Equal(
            ["my_map MAP(INTEGER, INTEGER) True", "my_map_no_v INTEGER[] True", "my_list INTEGER[] True"],
            columns.Select(c => $"{c.Name} {c.DuckDbTypeName} {c.Required}"));
    }

    [Fact]
    public void ReadFile_EveryTruncation_ClearErrorNeverAnotherException()
    {
        var good = File.ReadAllBytes(Path.Combine(TestPaths.ParquetData, "alltypes_plain.parquet"));
        var path = Path.Combine(_temp.Path, "cut.parquet");
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(good.AsSpan(good.Length - 8));
        var footerStart = good.Length - 8 - footerLength;
        var failures = 0;
        // Cut the file anywhere in its footer, keeping a valid tail (length + PAR1) so that the parser must notice
        // the truncated Thrift itself; then cut plain prefixes, which lose the tail.
        for (var cut = footerStart; cut < good.Length - 8; cut++)
        {
            var damaged = good[..cut].Concat(good[^8..]).ToArray();
            BinaryPrimitives.WriteInt32LittleEndian(damaged.AsSpan(damaged.Length - 8), cut - footerStart);
            File.WriteAllBytes(path, damaged);
            failures += ExpectFailure(path) ? 1 : 0;
        }

        foreach (var length in new[] { 0, 4, 11, 12, 100, good.Length - 1 })
        {
            File.WriteAllBytes(path, good[..length]);
            Assert.True(ExpectFailure(path), $"prefix of {length} bytes");
        }

        // Every cut loses bytes the FileMetaData needs (the final stop byte at least).
        Assert.Equal(footerLength, failures);
    }

    [Fact]
    public void ReadFile_EveryFooterByteFlipped_ParsesOrFailsClearly()
    {
        var good = File.ReadAllBytes(Path.Combine(TestPaths.ParquetData, "nested_maps.snappy.parquet"));
        var path = Path.Combine(_temp.Path, "flipped.parquet");
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(good.AsSpan(good.Length - 8));
        for (var at = good.Length - 8 - footerLength; at < good.Length; at++)
        {
            foreach (var mask in new byte[] { 0xFF, 0x80, 0x0F })
            {
                var damaged = (byte[])good.Clone();
                damaged[at] ^= mask;
                File.WriteAllBytes(path, damaged);
                // Either outcome is fine (a flipped string byte is still a footer); an exception of another type is not.
                if (!ParquetFooterParser.TryReadFile(path, out var footer, out var error))
                {
                    Assert.False(string.IsNullOrWhiteSpace(error));
                }
                else
                {
                    _ = ParquetDuckDbTypes.TopLevelColumns(footer!.Schema);
                }
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, "list")] // schema: a list of 2^31-1 structs
    [InlineData(new byte[] { 0x68, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "a binary of 4294967295 bytes")] // created_by of 4 GiB
    [InlineData(new byte[] { 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "bytes to skip")] // field 1 (an i32) sent as a 4 GiB binary
    [InlineData(new byte[] { 0x16, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "varint")] // an 11-byte varint
    [InlineData(new byte[] { 0x0D }, "wire type")] // type 13 does not exist
    [InlineData(new byte[] { 0x15, 0x02 }, "ends")] // version, then no stop byte
    [InlineData(new byte[] { 0x15, 0x02, 0x00 }, "schema")] // a complete struct without the required fields
    public void Parse_HostileBytes_ClearErrorWithoutHugeAllocation(byte[] footer, string expected)
    {
        var ex = Assert.Throws<ParquetFooterFormatException>(() => ParquetFooterParser.Parse(footer));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedUnknownStructs_RefusedNotOverflowed()
    {
        // Field 20 (long form: 0x0C, zigzag 40) of type struct, nested 100,000 times.
        var footer = Enumerable.Repeat(new byte[] { 0x0C, 0x28 }, 100_000).SelectMany(b => b).ToArray();

        var ex = Assert.Throws<ParquetFooterFormatException>(() => ParquetFooterParser.Parse(footer));

        Assert.Contains("nested deeper", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SchemaNestedTooDeep_Refused()
    {
        // version 1; schema: 150 groups {name "a", num_children 1} and one INT32 leaf {type 1, name "a"}; num_rows 0;
        // no row groups. 151 elements: list header 0xFC (struct, long form) and the varint 151 (0x97 0x01).
        byte[] group = [0x48, 0x01, (byte)'a', 0x15, 0x02, 0x00];
        byte[] leaf = [0x15, 0x02, 0x38, 0x01, (byte)'a', 0x00];
        byte[] footer = [0x15, 0x02, 0x19, 0xFC, 0x97, 0x01, .. Enumerable.Repeat(group, 150).SelectMany(g => g), .. leaf, 0x16, 0x00, 0x19, 0x0C, 0x00];

        var ex = Assert.Throws<ParquetFooterFormatException>(() => ParquetFooterParser.Parse(footer));

        Assert.Contains("nests deeper than 100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFieldsOfEveryType_AreSkipped()
    {
        // A minimal FileMetaData (version 1, schema [root with 0 children], num_rows 7, no row groups) with unknown
        // fields 20..31 of every wire type between the known ones, as a newer writer might add.
        byte[] footer =
        [
            0x15, 0x02, // field 1, i32: version 1
            0x19, 0x1C, 0x48, 0x01, (byte)'r', 0x00, // field 2, list of 1 struct: {field 4, binary "r"}
            0x16, 0x0E, // field 3, i64: 7
            0x19, 0x0C, // field 4, list of 0 structs
            0x01, 0x28, // field 20: bool true (in the header)
            0x13, 0x7F, // field 21: byte
            0x14, 0x04, // field 22: i16
            0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, // field 23: double 1.0
            0x18, 0x02, 0x41, 0x42, // field 24: binary "AB"
            0x19, 0x25, 0x02, 0x04, // field 25: list of 2 i32
            0x1A, 0x11, 0x01, // field 26: set of 1 bool
            0x1B, 0x01, 0x58, 0x00, 0x02, // field 27: map of 1 entry binary -> i32
            0x1C, 0x15, 0x02, 0x00, // field 28: struct {field 1 i32}
            0x1B, 0x00, // field 29: empty map
            0x00, // stop
        ];

        var parsed = ParquetFooterParser.Parse(footer);

        Assert.Equal((1, 7L, "r"), (parsed.Version, parsed.NumRows, Assert.Single(parsed.Schema).Name));
        Assert.Empty(parsed.RowGroups);
    }

    [Fact]
    public void ReadFile_EncryptedFooter_SaysSo()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.ParquetData, "alltypes_plain.parquet"));
        "PARE"u8.CopyTo(bytes.AsSpan(bytes.Length - 4));
        var path = Path.Combine(_temp.Path, "encrypted.parquet");
        File.WriteAllBytes(path, bytes);

        Assert.False(ParquetFooterParser.TryReadFile(path, out _, out var error));
        Assert.Contains("encrypted", error, StringComparison.Ordinal);
    }

    private static bool ExpectFailure(string path)
    {
        var ok = ParquetFooterParser.TryReadFile(path, out _, out var error);
        Assert.True(ok || !string.IsNullOrWhiteSpace(error));
        return !ok;
    }
}
