namespace SignalFactory.DuckDb.Tests;

public class TypeReadingTests
{
    /// <summary>A SQL literal of each type and the .NET value it must read as, written from the literal by hand.</summary>
    public static TheoryData<string, object> Literals => new()
    {
        { "true", true },
        { "(-128)::TINYINT", (sbyte)-128 },
        { "127::TINYINT", (sbyte)127 },
        { "(-32768)::SMALLINT", (short)-32768 },
        { "2147483647::INTEGER", 2147483647 },
        { "(-9223372036854775808)::BIGINT", long.MinValue },
        { "255::UTINYINT", (byte)255 },
        { "65535::USMALLINT", (ushort)65535 },
        { "4294967295::UINTEGER", 4294967295u },
        { "18446744073709551615::UBIGINT", 18446744073709551615ul },
        { "170141183460469231731687303715884105727::HUGEINT", Int128.MaxValue },
        { "(-170141183460469231731687303715884105728)::HUGEINT", Int128.MinValue },
        { "(-1)::HUGEINT", (Int128)(-1) },
        { "18446744073709551616::HUGEINT", (Int128)ulong.MaxValue + 1 },
        { "340282366920938463463374607431768211455::UHUGEINT", UInt128.MaxValue },
        { "123.4::DECIMAL(4,1)", 123.4m },
        { "(-999.9)::DECIMAL(4,1)", -999.9m },
        { "123456.789::DECIMAL(9,3)", 123456.789m },
        { "(-123456789012.345678)::DECIMAL(18,6)", -123456789012.345678m },
        { "1234567890123456789.0123456789::DECIMAL(38,10)", 1234567890123456789.0123456789m },
        { "(-0.0000000001)::DECIMAL(38,10)", -0.0000000001m },
        { "1.5::FLOAT", 1.5f },
        { "(-2.25)::DOUBLE", -2.25 },
        { "'abcdefghijkl'", "abcdefghijkl" },
        { "'abcdefghijklm'", "abcdefghijklm" },
        { "''", "" },
        { "'ü'", "ü" },
        { "'\\xAA\\xBB'::BLOB", new byte[] { 0xAA, 0xBB } },
        { "'0123456789abcdefghij'::BLOB", "0123456789abcdefghij"u8.ToArray() },
        { "DATE '2024-02-29'", new DateOnly(2024, 2, 29) },
        { "DATE '1900-01-01'", new DateOnly(1900, 1, 1) },
        { "TIME '13:14:15.161718'", new TimeOnly(13, 14, 15, 161, 718) },
        { "'13:14:15.1234567'::TIME_NS", new TimeOnly(13, 14, 15).Add(TimeSpan.FromTicks(1234567)) },
        { "'12:34:56+02:00'::TIMETZ", new DuckDbTimeTz(new TimeOnly(12, 34, 56), TimeSpan.FromHours(2)) },
        { "'01:02:03-05:30'::TIMETZ", new DuckDbTimeTz(new TimeOnly(1, 2, 3), TimeSpan.FromMinutes(-330)) },
        { "TIMESTAMP '2024-01-02 03:04:05.123456'", Utc(2024, 1, 2, 3, 4, 5).AddTicks(1234560) },
        { "TIMESTAMP '1969-12-31 23:59:59.999999'", Utc(1969, 12, 31, 23, 59, 59).AddTicks(9999990) },
        { "'2024-01-02 03:04:05'::TIMESTAMP_S", Utc(2024, 1, 2, 3, 4, 5) },
        { "'2024-01-02 03:04:05.123'::TIMESTAMP_MS", Utc(2024, 1, 2, 3, 4, 5).AddTicks(1230000) },
        { "'2024-01-02 03:04:05.123456789'::TIMESTAMP_NS", Utc(2024, 1, 2, 3, 4, 5).AddTicks(1234567) },
        { "'2024-01-02 03:04:05+02'::TIMESTAMPTZ", new DateTimeOffset(2024, 1, 2, 1, 4, 5, TimeSpan.Zero) },
        { "INTERVAL '1 year 2 months 3 days 04:05:06.007'", new DuckDbInterval(14, 3, 14_706_007_000) },
        { "'550e8400-e29b-41d4-a716-446655440000'::UUID", Guid.Parse("550e8400-e29b-41d4-a716-446655440000") },
        { "'00000000-0000-0000-0000-000000000000'::UUID", Guid.Empty },
        { "'ffffffff-ffff-ffff-ffff-ffffffffffff'::UUID", Guid.AllBitsSet },
        { "'b'::ENUM('a', 'b', 'c')", "b" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void GetValue_Literal_ReadsAsNaturalType(string literal, object expected)
    {
        using var db = new MemoryDb();

        var value = db.Single($"SELECT {literal}");

        Assert.Equal(expected, value);
        Assert.Equal(expected.GetType(), value!.GetType());
    }

    [Fact]
    public void GetValue_FloatingSpecials_AreKept()
    {
        using var db = new MemoryDb();

        using var result = db.Connection.Query(
            "SELECT 'NaN'::DOUBLE, 'inf'::DOUBLE, '-inf'::FLOAT, '-0.0'::DOUBLE, 'NaN'::FLOAT");

        Assert.True(result.Read());
        Assert.True(double.IsNaN(result.GetDouble(0)));
        Assert.Equal(double.PositiveInfinity, result.GetValue(1));
        Assert.Equal(float.NegativeInfinity, result.GetValue(2));
        Assert.True(double.IsNegative(result.GetDouble(3)));
        Assert.True(float.IsNaN((float)result.GetValue(4)!));
    }

    [Fact]
    public void GetValue_DecimalWiderThanSystemDecimalScale_IsRounded()
    {
        using var db = new MemoryDb();

        // 30 decimals; System.Decimal keeps 28, rounding the last two away (…891 → …89).
        var value = db.Single("SELECT 0.123456789012345678901234567891::DECIMAL(38,30)");

        Assert.Equal(0.1234567890123456789012345679m, value);
    }

    [Fact]
    public void GetValue_DecimalBeyondSystemDecimalRange_ThrowsAskingForACast()
    {
        using var db = new MemoryDb();

        var error = Assert.Throws<DuckDbException>(() => db.Single("SELECT '10000000000000000000000000000000000000'::DECIMAL(38,0) AS big"));

        Assert.Equal(DuckDbErrorType.OutOfRange, error.ErrorType);
        Assert.Contains("'big'", error.Message, StringComparison.Ordinal);
        Assert.Contains("cast", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetValue_InfiniteTimestampAndDate_ThrowAskingForACast()
    {
        using var db = new MemoryDb();

        Assert.Equal(DuckDbErrorType.OutOfRange, Assert.Throws<DuckDbException>(() => db.Single("SELECT 'infinity'::TIMESTAMP")).ErrorType);
        Assert.Equal(DuckDbErrorType.OutOfRange, Assert.Throws<DuckDbException>(() => db.Single("SELECT '-infinity'::DATE")).ErrorType);
    }

    [Fact]
    public void GetValue_EnumWithMoreThan256Values_ReadsWiderStorage()
    {
        using var db = new MemoryDb();
        db.Connection.Execute("CREATE TYPE big_enum AS ENUM (SELECT 'v' || range FROM range(300))");

        Assert.Equal("v299", db.Single("SELECT 'v299'::big_enum"));
        Assert.Equal("v0", db.Single("SELECT 'v0'::big_enum"));
    }

    [Fact]
    public void GetValue_Lists_ReadAsArraysWithNulls()
    {
        using var db = new MemoryDb();

        Assert.Equal(new object?[] { 1, 2, null }, db.Single("SELECT [1, 2, NULL]::INTEGER[]"));
        Assert.Equal(new object?[] { "short", "a string longer than twelve" }, db.Single("SELECT ['short', 'a string longer than twelve']"));
        Assert.Equal(Array.Empty<object?>(), db.Single("SELECT []::INTEGER[]"));
        Assert.Equal(
            new object?[] { new object?[] { 1 }, null, new object?[] { 2, 3 } },
            db.Single("SELECT [[1], NULL, [2, 3]]::INTEGER[][]"));
        Assert.Equal(new object?[] { 1, 2, 3 }, db.Single("SELECT [1, 2, 3]::INTEGER[3]"));
    }

    [Fact]
    public void GetValue_ListsAcrossRows_UseEachRowsOffsets()
    {
        using var db = new MemoryDb();

        using var result = db.Connection.Query("SELECT [i, i + 1] FROM (VALUES (10), (20), (30)) t(i) ORDER BY i");

        var rows = result.Rows().Select(r => r[0]).ToList();
        Assert.Equal(
            [new object?[] { 10, 11 }, new object?[] { 20, 21 }, new object?[] { 30, 31 }],
            rows);
    }

    [Fact]
    public void GetValue_Struct_ReadsAsDictionaryWithNulls()
    {
        using var db = new MemoryDb();

        var value = Assert.IsType<Dictionary<string, object?>>(
            db.Single("SELECT {'a': 1, 'b': 'text', 'c': NULL::INTEGER, 'd': [1.5, 2.5]}"));

        Assert.Equal(["a", "b", "c", "d"], value.Keys);
        Assert.Equal(1, value["a"]);
        Assert.Equal("text", value["b"]);
        Assert.Null(value["c"]);
        Assert.Equal(new object?[] { 1.5m, 2.5m }, value["d"]);
    }

    [Fact]
    public void GetValue_ListOfStructs_ReadsNested()
    {
        using var db = new MemoryDb();

        var value = Assert.IsType<object?[]>(db.Single("SELECT [{'k': 1}, NULL, {'k': 3}]"));

        Assert.Equal(3, value.Length);
        Assert.Equal(1, Assert.IsType<Dictionary<string, object?>>(value[0])["k"]);
        Assert.Null(value[1]);
        Assert.Equal(3, Assert.IsType<Dictionary<string, object?>>(value[2])["k"]);
    }

    [Fact]
    public void GetValue_Map_ReadsAsKeyValuePairs()
    {
        using var db = new MemoryDb();

        var value = db.Single("SELECT MAP {'x': 1, 'y': NULL}");

        Assert.Equal(
            new List<KeyValuePair<object?, object?>> { new("x", 1), new("y", null) },
            value);
    }

    [Theory]
    [InlineData("union_value(k := 1)", "UNION(k INTEGER)")]
    [InlineData("'101'::BIT", "BIT")]
    [InlineData("123::BIGNUM", "BIGNUM")]
    public void GetValue_UnsupportedType_ThrowsAskingForACast(string expression, string typeName)
    {
        using var db = new MemoryDb();

        var error = Assert.Throws<DuckDbException>(() => db.Single($"SELECT {expression} AS x"));

        Assert.Contains(typeName, error.Message, StringComparison.Ordinal);
        Assert.Contains("cast this column in SQL", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> SqlTypes => new()
    {
        "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
        "HUGEINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL(4,1)", "DECIMAL(9,3)", "DECIMAL(18,6)", "DECIMAL(38,10)",
        "VARCHAR", "BLOB", "DATE", "TIME", "TIME_NS", "TIMETZ", "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS",
        "TIMESTAMP_NS", "TIMESTAMPTZ", "INTERVAL", "UUID", "ENUM('a', 'b''c')", "INTEGER[]", "VARCHAR[][]",
        "INTEGER[3]", "STRUCT(a INTEGER, \"b c\" VARCHAR, \"key\" DOUBLE)", "MAP(VARCHAR, INTEGER)",
        "UNION(n INTEGER, s VARCHAR)", "BIT", "BIGNUM", "JSON",
    };

    [Theory]
    [MemberData(nameof(SqlTypes))]
    public void GetValue_NullOfEveryType_IsNull(string sqlType)
    {
        using var db = new MemoryDb();

        using var result = db.Connection.Query($"SELECT NULL::{sqlType}");

        Assert.True(result.Read());
        Assert.True(result.IsNull(0));
        Assert.Null(result.GetValue(0));
    }

    [Theory]
    [MemberData(nameof(SqlTypes))]
    public void GetTypeName_EveryType_MatchesDuckDbsTypeof(string sqlType)
    {
        using var db = new MemoryDb();

        using var result = db.Connection.Query($"SELECT NULL::{sqlType} AS v, typeof(v) AS t");

        Assert.True(result.Read());
        Assert.Equal(result.GetString(1), result.GetTypeName(0));
    }

    [Fact]
    public void GetColumnType_ReportsDuckDbTypeIds()
    {
        using var db = new MemoryDb();

        using var result = db.Connection.Query(
            "SELECT 1::INTEGER, 'x', 1.5::DECIMAL(4,1), [1], {'a': 1}, MAP {'k': 1}, DATE '2024-01-01', NULL::UUID");

        DuckDbType[] expected =
        [
            DuckDbType.Integer, DuckDbType.VarChar, DuckDbType.Decimal, DuckDbType.List, DuckDbType.Struct,
            DuckDbType.Map, DuckDbType.Date, DuckDbType.Uuid,
        ];
        Assert.Equal(expected, Enumerable.Range(0, result.ColumnCount).Select(result.GetColumnType));
    }

    [Fact]
    public void TypedGetters_ConvertWhenTheValueFits()
    {
        using var db = new MemoryDb();

        using var result = db.Connection.Query(
            "SELECT 42::BIGINT, 7::TINYINT, 3::INTEGER, 2.50::DECIMAL(9,2), 'abc', DATE '2024-05-06', " +
            "TIMESTAMPTZ '2024-05-06 07:08:09+00', '\\x01'::BLOB, 5000000000::BIGINT, 1.5::DOUBLE, NULL::INTEGER");

        Assert.True(result.Read());
        Assert.Equal(42, result.GetInt32(0));
        Assert.Equal(7L, result.GetInt64(1));
        Assert.Equal(3.0, result.GetDouble(2));
        Assert.Equal(2.5m, result.GetDecimal(3));
        Assert.Equal(2.5, result.GetDouble(3));
        Assert.Equal("abc", result.GetString(4));
        Assert.Equal(new DateOnly(2024, 5, 6), result.GetDate(5));
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), result.GetTimestamp(6));
        Assert.Equal(DateTimeKind.Utc, result.GetTimestamp(6).Kind);
        Assert.Equal(new byte[] { 1 }, result.GetBlob(7));
        Assert.Throws<InvalidCastException>(() => result.GetInt32(8)); // 5,000,000,000 does not fit
        Assert.Throws<InvalidCastException>(() => result.GetInt64(9)); // 1.5 has a fraction
        Assert.Throws<InvalidCastException>(() => result.GetInt32(10)); // NULL
        Assert.Throws<InvalidCastException>(() => result.GetString(0)); // a number is not a string
        Assert.Null(result.GetFieldValue<int?>(10));
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);
}
