using SignalFactory.DuckDb;
using SignalFactory.Storage.Parquet;
using SignalFactory.Storage.Tests.Delta;

namespace SignalFactory.Storage.Tests.Parquet;

/// <summary>
/// Our footer parser against an independent reader: DuckDB's <c>parquet_file_metadata</c>, <c>parquet_metadata</c>
/// and <c>DESCRIBE</c>, for every file of <c>../shared/testdata/parquet/data</c> and <c>bad_data</c> DuckDB can read.
/// </summary>
public sealed class ParquetFooterParserOracleTests(DuckDbFixture duck) : IClassFixture<DuckDbFixture>
{
    public static TheoryData<string> AllFiles() =>
        [.. Directory.GetFiles(TestPaths.ParquetData, "*.parquet").Concat(Directory.GetFiles(TestPaths.ParquetBadData, "*.parquet"))
            .Select(f => Path.GetRelativePath(TestPaths.TestData, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void ReadFile_EveryTestdataFile_AgreesWithDuckDbWhereDuckDbReadsIt(string relative)
    {
        var path = Path.Combine(TestPaths.TestData, relative);
        var ok = ParquetFooterParser.TryReadFile(path, out var ours, out var error);

        (long Rows, long Groups)? file;
        try
        {
            using var result = duck.Connection.Query("SELECT num_rows, num_row_groups FROM parquet_file_metadata($1)", path);
            file = result.Read() ? (result.GetInt64(0), result.GetInt64(1)) : null;
        }
        catch (DuckDbException)
        {
            // DuckDB cannot read this footer: ours reads map_no_value.parquet (a valid MAP without a value field, see
            // ParquetFooterParserTests) and refuses the corrupt ones, saying why.
            Assert.Equal(Path.GetFileName(relative) == "map_no_value.parquet", ok);
            Assert.True(ok || !string.IsNullOrWhiteSpace(error), relative);
            return;
        }

        Assert.True(ok, $"{relative}: {error}");
        Assert.NotNull(file);
        Assert.Equal(file.Value.Rows, ours!.NumRows);
        Assert.Equal(file.Value.Groups, ours.RowGroups.Count);

        var expected = new List<string>();
        using (var chunks = duck.Connection.Query(
            "SELECT row_group_id, row_group_num_rows, path_in_schema, compression, num_values, stats_null_count, encodings "
            + "FROM parquet_metadata($1) ORDER BY row_group_id, column_id", path))
        {
            while (chunks.Read())
            {
                var encodings = chunks.IsNull(6) ? "" : string.Join(",", chunks.GetString(6).Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
                expected.Add($"{chunks.GetInt64(0)}|{chunks.GetInt64(1)}|{chunks.GetString(2)}|{chunks.GetString(3)}|"
                    + $"{chunks.GetInt64(4)}|{(chunks.IsNull(5) ? "-" : chunks.GetInt64(5).ToString(System.Globalization.CultureInfo.InvariantCulture))}|{encodings}");
            }
        }

        var actual = ours.RowGroups.SelectMany((g, i) => g.Columns.Select(c =>
            $"{i}|{g.NumRows}|{string.Join(", ", c.Path)}|{(c.Codec is { } codec ? ParquetFormatNames.Codec(codec) : "")}|{c.NumValues}|"
            + $"{(c.Statistics?.NullCount is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}|"
            + string.Join(",", c.Encodings.Select(ParquetFormatNames.Encoding).Distinct().Order(StringComparer.Ordinal)))).ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void TopLevelColumns_EveryFileDuckDbDescribes_TypesAsDuckDbDoes(string relative)
    {
        var path = Path.Combine(TestPaths.TestData, relative);
        var expected = new List<string>();
        try
        {
            using var describe = duck.Connection.Query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($1))", path);
            while (describe.Read())
            {
                expected.Add($"{describe.GetString(0)} {describe.GetString(1)}");
            }
        }
        catch (DuckDbException)
        {
            return; // nothing to compare with
        }

        var columns = ParquetDuckDbTypes.TopLevelColumns(ParquetFooterParser.ReadFile(path).Schema);

        Assert.Equal(expected, columns.Select(c => $"{c.Name} {c.DuckDbTypeName}"));
    }
}
