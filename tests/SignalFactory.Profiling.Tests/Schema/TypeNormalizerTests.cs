using SignalFactory.Profiling.Schema;

namespace SignalFactory.Profiling.Tests.Schema;

public sealed class TypeNormalizerTests
{
    [Theory]
    // The LLD §4.4 map itself.
    [InlineData("BIGINT", "LONG")]
    [InlineData("INTEGER", "INT")]
    [InlineData("SMALLINT", "SHORT")]
    [InlineData("DOUBLE", "DOUBLE")]
    [InlineData("FLOAT", "FLOAT")]
    [InlineData("VARCHAR", "STRING")]
    [InlineData("TEXT", "STRING")]
    [InlineData("BOOLEAN", "BOOLEAN")]
    [InlineData("DATE", "DATE")]
    [InlineData("TIMESTAMP", "TIMESTAMP")]
    [InlineData("TIMESTAMP WITH TIME ZONE", "TIMESTAMP_TZ")]
    // Every other DuckDB scalar.
    [InlineData("TINYINT", "BYTE")]
    [InlineData("HUGEINT", "HUGEINT")]
    [InlineData("UTINYINT", "UBYTE")]
    [InlineData("USMALLINT", "USHORT")]
    [InlineData("UINTEGER", "UINT")]
    [InlineData("UBIGINT", "ULONG")]
    [InlineData("UHUGEINT", "UHUGEINT")]
    [InlineData("REAL", "FLOAT")]
    [InlineData("FLOAT8", "DOUBLE")]
    [InlineData("DOUBLE PRECISION", "DOUBLE")]
    [InlineData("INT8", "LONG")]
    [InlineData("INT4", "INT")]
    [InlineData("BOOL", "BOOLEAN")]
    [InlineData("BLOB", "BINARY")]
    [InlineData("BYTEA", "BINARY")]
    [InlineData("TIME", "TIME")]
    [InlineData("TIME WITH TIME ZONE", "TIME_TZ")]
    [InlineData("TIMETZ", "TIME_TZ")]
    [InlineData("TIME_NS", "TIME_NS")]
    [InlineData("TIMESTAMPTZ", "TIMESTAMP_TZ")]
    [InlineData("TIMESTAMP_NS", "TIMESTAMP_NS")]
    [InlineData("TIMESTAMP_MS", "TIMESTAMP_MS")]
    [InlineData("TIMESTAMP_S", "TIMESTAMP_S")]
    [InlineData("TIMESTAMP_US", "TIMESTAMP")]
    [InlineData("DATETIME", "TIMESTAMP")]
    [InlineData("INTERVAL", "INTERVAL")]
    [InlineData("UUID", "UUID")]
    [InlineData("JSON", "JSON")]
    [InlineData("BIT", "BIT")]
    [InlineData("BITSTRING", "BIT")]
    [InlineData("VARINT", "BIGNUM")]
    [InlineData("BIGNUM", "BIGNUM")]
    [InlineData("NULL", "NULL")]
    [InlineData("CHAR", "STRING")]
    [InlineData("BPCHAR", "STRING")]
    [InlineData("VARCHAR(255)", "STRING")]
    // Case and spacing do not matter.
    [InlineData("bigint", "LONG")]
    [InlineData("  timestamp   with  time zone ", "TIMESTAMP_TZ")]
    // Unknown types fall through upper-cased, as in the LLD.
    [InlineData("geometry", "GEOMETRY")]
    public void Normalize_Scalar_MapsToCanonical(string duckDb, string expected) =>
        Assert.Equal(expected, TypeNormalizer.Normalize(duckDb));

    [Theory]
    [InlineData("DECIMAL(12,2)", "DECIMAL(12,2)")]
    [InlineData("decimal( 18 , 3 )", "DECIMAL(18,3)")]
    [InlineData("NUMERIC(10,0)", "DECIMAL(10,0)")]
    [InlineData("DECIMAL(9)", "DECIMAL(9,0)")]
    [InlineData("DECIMAL", "DECIMAL(18,3)")]
    public void Normalize_Decimal_KeepsPrecisionAndScale(string duckDb, string expected) =>
        Assert.Equal(expected, TypeNormalizer.Normalize(duckDb));

    [Theory]
    [InlineData("INTEGER[]", "INT[]")]
    [InlineData("VARCHAR[][]", "STRING[][]")]
    [InlineData("DOUBLE[3]", "DOUBLE[3]")]
    [InlineData("INTEGER[][3]", "INT[][3]")]
    [InlineData("LIST(BIGINT)", "LONG[]")]
    [InlineData("TIMESTAMP WITH TIME ZONE[]", "TIMESTAMP_TZ[]")]
    [InlineData("DECIMAL(38,10)[2]", "DECIMAL(38,10)[2]")]
    [InlineData("STRUCT(a INTEGER, b VARCHAR)", "STRUCT(a INT, b STRING)")]
    [InlineData("STRUCT(\"my field\" BIGINT, \"x\" TIMESTAMP WITH TIME ZONE)", "STRUCT(\"my field\" LONG, x TIMESTAMP_TZ)")]
    [InlineData("STRUCT(\"a\"\"b\" INTEGER)", "STRUCT(\"a\"\"b\" INT)")]
    [InlineData("MAP(VARCHAR, INTEGER)", "MAP(STRING, INT)")]
    [InlineData("MAP(VARCHAR, STRUCT(k BIGINT, v DECIMAL(10,2)[]))", "MAP(STRING, STRUCT(k LONG, v DECIMAL(10,2)[]))")]
    [InlineData("STRUCT(inner STRUCT(deep INTEGER[]))[]", "STRUCT(inner STRUCT(deep INT[]))[]")]
    [InlineData("UNION(num INTEGER, str VARCHAR)", "UNION(num INT, str STRING)")]
    [InlineData("ENUM('alice', 'bob''s')", "ENUM")]
    [InlineData("ENUM('a', 'b')[]", "ENUM[]")]
    public void Normalize_NestedType_NormalizesRecursively(string duckDb, string expected) =>
        Assert.Equal(expected, TypeNormalizer.Normalize(duckDb));

    [Theory]
    [InlineData("DECIMAL(12,2)", "DECIMAL")]
    [InlineData("INTEGER[]", "LIST")]
    [InlineData("INTEGER[4]", "ARRAY")]
    [InlineData("STRUCT(a INTEGER)", "STRUCT")]
    [InlineData("MAP(VARCHAR, VARCHAR)", "MAP")]
    [InlineData("BIGINT", "LONG")]
    public void BaseType_DropsParameters(string duckDb, string expected) =>
        Assert.Equal(expected, TypeNormalizer.BaseType(duckDb));

    [Fact]
    public void Classifiers_SortTypesIntoNumericTemporalAndString()
    {
        Assert.True(TypeNormalizer.IsNumeric("DECIMAL(12,2)"));
        Assert.True(TypeNormalizer.IsNumeric("UBIGINT"));
        Assert.False(TypeNormalizer.IsNumeric("INTEGER[]"));
        Assert.True(TypeNormalizer.IsTemporal("TIMESTAMP_NS"));
        Assert.False(TypeNormalizer.IsTemporal("INTERVAL"));
        Assert.True(TypeNormalizer.IsString("VARCHAR"));
        Assert.False(TypeNormalizer.IsString("UUID"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("STRUCT(a INTEGER")]
    [InlineData("DECIMAL(a,b)")]
    [InlineData("INTEGER[x]")]
    [InlineData("MAP(VARCHAR)")]
    [InlineData("INTEGER)")]
    public void Normalize_Malformed_ThrowsArgumentException(string duckDb) =>
        Assert.ThrowsAny<ArgumentException>(() => TypeNormalizer.Normalize(duckDb));

    [Fact]
    public void Normalize_MalformedEnum_ErrorDoesNotEchoLabels()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => TypeNormalizer.Normalize("ENUM('jane@example.com'"));
        Assert.DoesNotContain("jane@example.com", ex.Message, StringComparison.Ordinal);
    }
}
