using SignalFactory.Storage.Parquet;
using SignalFactory.Storage.Tests.Delta;

namespace SignalFactory.Storage.Tests.Parquet;

/// <summary>
/// The page structure check. Page headers of the two files used here were decoded by hand from <c>xxd</c> (Thrift
/// compact: field header byte = id delta &lt;&lt; 4 | type, 0x15 an i32, values zigzag varints), and the patched copies
/// change one byte whose meaning is written next to it.
/// </summary>
public sealed class ParquetPageStructureTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Levels => Path.Combine(TestPaths.ParquetBadData, "ARROW-RS-GH-6229-LEVELS.parquet");

    private static string V2 => Path.Combine(TestPaths.ParquetData, "page_v2_empty_compressed.parquet");

    public static TheoryData<string> GoodFiles() =>
        [.. Directory.GetFiles(TestPaths.ParquetData, "*.parquet")
            .Concat(Directory.GetFiles(TestPaths.DeltaTables, "*.parquet", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(TestPaths.TestData, f))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void ReadPageHeaders_Gh6229_ADictionaryPageAndOneDataPageOf21Values()
    {
        // Footer: chunk outer.list.item.c, num_values 1 (0x16 0x02), total_compressed_size 49 (0x16 0x62),
        // data_page_offset 19 (0x26 0x26), dictionary_page_offset 4 (0x26 0x08).
        // Byte 4: 15 04 | 15 00 | 15 02 | 4c {15 00 15 04 12 00} 00 = DICTIONARY_PAGE, uncompressed 0, compressed 1,
        // 0 entries; 14 header bytes + 1 data byte. Byte 19: 15 00 | 15 1a | 15 1e | 2c {15 2a 15 04 15 06 15 06 1c 00 00} 00
        // = DATA_PAGE, uncompressed 13, compressed 15, num_values 21; 19 header bytes + 15 data bytes ends at 53 = 4 + 49.
        var footer = ParquetFooterParser.ReadFile(Levels);
        var chunk = Assert.Single(Assert.Single(footer.RowGroups).Columns);
        Assert.Equal((1L, 49L, 19L, 4L), (chunk.NumValues, chunk.TotalCompressedSize, chunk.DataPageOffset, chunk.DictionaryPageOffset!.Value));

        var pages = ParquetPageStructure.ReadPageHeaders(Levels, chunk);

        Assert.Equal(
            [
                new ParquetPageHeader(4, 14, ParquetPageType.DictionaryPage, 0, 1, 0),
                new ParquetPageHeader(19, 19, ParquetPageType.DataPage, 13, 15, 21),
            ],
            pages);
    }

    [Fact]
    public void Check_Gh6229_FailsOnTheDataPagesValuesAgainstTheChunks()
    {
        var result = ParquetPageStructure.Check(Levels);

        Assert.False(result.Consistent);
        Assert.Equal(
            "row group 0, column outer.list.item.c: its 1 data page(s) hold 21 values in their headers, "
            + "but the column chunk declares num_values 1",
            result.Inconsistency);
        Assert.Equal((1, 2), (result.ChunksChecked, result.PagesRead));
    }

    [Fact]
    public void Check_Gh6229WithThePagesNumValuesSetTo1_IsConsistent()
    {
        // Byte 27 is the data page's num_values (0x2a, zigzag 21); 0x02 makes it 1, agreeing with the chunk.
        var path = Patched(Levels, (27, 0x2a, 0x02));

        Assert.Null(ParquetPageStructure.Check(path).Inconsistency);
    }

    [Fact]
    public void Check_PageRunningPastItsChunk_NamesTheOverrun()
    {
        // Byte 24 is the data page's compressed_page_size (0x1e, 15); 0x20 (16) ends the page one byte past byte 53.
        var path = Patched(Levels, (24, 0x1e, 0x20));

        var result = ParquetPageStructure.Check(path);

        Assert.Equal(
            "row group 0, column outer.list.item.c: page 1 (byte 19, compressed_page_size 16) runs 1 bytes past the chunk's end at byte 53 (total_compressed_size 49)",
            result.Inconsistency);
    }

    [Fact]
    public void ReadPageHeaders_V2File_HeadersAsDecodedByHand()
    {
        // Byte 4: dictionary page, compressed 9 (15 12), 14 header bytes. Byte 27: 15 06 (DATA_PAGE_V2) | 15 06 (3) |
        // 15 18 (12) | 5c {15 14 15 14 15 14 15 10 15 04 15 00 11 1c 36 14 00 00} 00: num_values, num_nulls, num_rows
        // 10, definition levels 2 bytes, repetition levels 0; 26 header bytes, then 12 data bytes end at 65 = 4 + 61.
        var chunk = ParquetFooterParser.ReadFile(V2).RowGroups[0].Columns[0];

        var pages = ParquetPageStructure.ReadPageHeaders(V2, chunk);

        Assert.Equal(
            [
                new ParquetPageHeader(4, 14, ParquetPageType.DictionaryPage, 0, 9, 0),
                new ParquetPageHeader(27, 26, ParquetPageType.DataPageV2, 3, 12, 10, 10, 10, 2, 0),
            ],
            pages);
        Assert.Null(ParquetPageStructure.Check(V2).Inconsistency);
    }

    [Fact]
    public void Check_V2PageWithFewerRowsThanValuesInAFlatColumn_Fails()
    {
        // Byte 39 is num_rows (0x14, 10); 0x12 makes it 9 rows for 10 values in a column without repetition.
        var result = ParquetPageStructure.Check(Patched(V2, (39, 0x14, 0x12)));

        Assert.Equal(
            "row group 0, column integer_column: page 1 (byte 27): num_rows 9 does not fit num_values 10 for a column with maximum repetition level 0",
            result.Inconsistency);
    }

    [Fact]
    public void Check_V2PageWithLevelsLongerThanThePage_Fails()
    {
        // Byte 43 is definition_levels_byte_length (0x04, 2); 0x1a makes it 13, more than the page's 12 bytes.
        var result = ParquetPageStructure.Check(Patched(V2, (43, 0x04, 0x1a)));

        Assert.Equal(
            "row group 0, column integer_column: page 1 (byte 27): its level byte lengths (13 + 0) exceed the page's 12 compressed / 3 uncompressed bytes",
            result.Inconsistency);
    }

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void Check_EveryGoodTestFile_IsConsistentAndFullyChecked(string relative)
    {
        var path = Path.Combine(TestPaths.TestData, relative);
        var footer = ParquetFooterParser.ReadFile(path);

        var result = ParquetPageStructure.Check(path, footer);

        Assert.Null(result.Inconsistency);
        Assert.Empty(result.NotChecked);
        Assert.Equal(footer.RowGroups.Sum(g => g.Columns.Count), result.ChunksChecked);
    }

    [Fact]
    public void Check_EveryPageByteOfGh6229Flipped_ReturnsAResultNeverThrows()
    {
        var good = File.ReadAllBytes(Levels);
        var path = Path.Combine(_temp.Path, "flipped.parquet");
        for (var i = 4; i < 53; i++)
        {
            var damaged = (byte[])good.Clone();
            damaged[i] ^= 0xFF;
            File.WriteAllBytes(path, damaged);

            var result = ParquetPageStructure.Check(path);

            Assert.True(result.ChunksChecked == 1, $"byte {i}");
        }
    }

    private string Patched(string source, (int Offset, byte Expected, byte Value) patch)
    {
        var bytes = File.ReadAllBytes(source);
        Assert.Equal(patch.Expected, bytes[patch.Offset]);
        bytes[patch.Offset] = patch.Value;
        var path = Path.Combine(_temp.Path, Guid.NewGuid().ToString("N") + ".parquet");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
