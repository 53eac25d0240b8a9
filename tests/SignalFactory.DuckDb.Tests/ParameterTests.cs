namespace SignalFactory.DuckDb.Tests;

public class ParameterTests
{
    /// <summary>
    /// Each bound value comes back unchanged from <c>SELECT $1</c>, with the DuckDB type the binder chose, and DuckDB
    /// prints it as the text written here by hand (an oracle independent of our reader).
    /// </summary>
    public static TheoryData<string, object, object, string, string> RoundTrips => new()
    {
        { "bool", true, true, "BOOLEAN", "true" },
        { "sbyte", (sbyte)-128, (sbyte)-128, "TINYINT", "-128" },
        { "short", (short)-32768, (short)-32768, "SMALLINT", "-32768" },
        { "int", int.MinValue, int.MinValue, "INTEGER", "-2147483648" },
        { "long", long.MaxValue, long.MaxValue, "BIGINT", "9223372036854775807" },
        { "byte", (byte)255, (byte)255, "UTINYINT", "255" },
        { "ushort", (ushort)65535, (ushort)65535, "USMALLINT", "65535" },
        { "uint", uint.MaxValue, uint.MaxValue, "UINTEGER", "4294967295" },
        { "ulong", ulong.MaxValue, ulong.MaxValue, "UBIGINT", "18446744073709551615" },
        { "Int128", Int128.MinValue, Int128.MinValue, "HUGEINT", "-170141183460469231731687303715884105728" },
        { "UInt128", UInt128.MaxValue, UInt128.MaxValue, "UHUGEINT", "340282366920938463463374607431768211455" },
        { "float", 1.5f, 1.5f, "FLOAT", "1.5" },
        { "double", -0.25, -0.25, "DOUBLE", "-0.25" },
        { "decimal", 12345.6789m, 12345.6789m, "DECIMAL(38,4)", "12345.6789" },
        { "negative decimal", -0.001m, -0.001m, "DECIMAL(38,3)", "-0.001" },
        { "big decimal", 79228162514264337593543950335m, 79228162514264337593543950335m, "DECIMAL(38,0)", "79228162514264337593543950335" },
        { "empty string", "", "", "VARCHAR", "" },
        { "short string", "hello", "hello", "VARCHAR", "hello" },
        { "long unicode string", "grüße aus köln, 東京 and more", "grüße aus köln, 東京 and more", "VARCHAR", "grüße aus köln, 東京 and more" },
        { "date", new DateOnly(2024, 2, 29), new DateOnly(2024, 2, 29), "DATE", "2024-02-29" },
        { "date before 1970", new DateOnly(1969, 12, 31), new DateOnly(1969, 12, 31), "DATE", "1969-12-31" },
        { "time", new TimeOnly(13, 14, 15, 161, 718), new TimeOnly(13, 14, 15, 161, 718), "TIME", "13:14:15.161718" },
        {
            "timestamp", new DateTime(2024, 1, 2, 3, 4, 5, 678, 9, DateTimeKind.Utc),
            new DateTime(2024, 1, 2, 3, 4, 5, 678, 9, DateTimeKind.Utc), "TIMESTAMP", "2024-01-02 03:04:05.678009"
        },
        {
            "timestamp before 1970", new DateTime(1960, 6, 1, 12, 0, 0, 500, DateTimeKind.Utc),
            new DateTime(1960, 6, 1, 12, 0, 0, 500, DateTimeKind.Utc), "TIMESTAMP", "1960-06-01 12:00:00.5"
        },
        {
            "timestamptz", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
            new DateTimeOffset(2024, 1, 2, 1, 4, 5, TimeSpan.Zero), "TIMESTAMP WITH TIME ZONE", "2024-01-02 01:04:05+00"
        },
        {
            "timespan", new TimeSpan(1, 2, 3, 4, 5), new DuckDbInterval(0, 1, ((((2 * 60) + 3) * 60) + 4) * 1_000_000L + 5_000),
            "INTERVAL", "1 day 02:03:04.005"
        },
        { "interval", new DuckDbInterval(14, 3, 5), new DuckDbInterval(14, 3, 5), "INTERVAL", "1 year 2 months 3 days 00:00:00.000005" },
        {
            "uuid", Guid.Parse("550e8400-e29b-41d4-a716-446655440000"), Guid.Parse("550e8400-e29b-41d4-a716-446655440000"),
            "UUID", "550e8400-e29b-41d4-a716-446655440000"
        },
        {
            "uuid with top bit set", Guid.Parse("ffeeddcc-bbaa-9988-7766-554433221100"),
            Guid.Parse("ffeeddcc-bbaa-9988-7766-554433221100"), "UUID", "ffeeddcc-bbaa-9988-7766-554433221100"
        },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Bind_Value_RoundTripsWithTypeAndText(string label, object value, object expected, string sqlType, string text)
    {
        using var db = new MemoryDb();
        db.Connection.Execute("SET TimeZone = 'UTC'"); // TIMESTAMPTZ prints in the session time zone

        using var result = db.Connection.Query("SELECT $1 AS v, typeof($1) AS t, CAST($1 AS VARCHAR) AS s", value);

        Assert.True(result.Read(), label);
        Assert.Equal(expected, result.GetValue(0));
        Assert.Equal(expected.GetType(), result.GetValue(0)!.GetType());
        Assert.Equal(sqlType, result.GetString(1));
        Assert.Equal(text, result.GetString(2));
    }

    [Fact]
    public void Bind_Null_GivesNull()
    {
        using var db = new MemoryDb();

        Assert.Null(db.Single("SELECT $1", [null]));
        Assert.True(db.Connection.ExecuteScalar<bool>("SELECT $1 IS NULL", [null]));
    }

    [Fact]
    public void Bind_LocalDateTime_IsStoredAsUtc()
    {
        using var db = new MemoryDb();
        var local = new DateTime(2024, 7, 1, 12, 0, 0, DateTimeKind.Local);

        Assert.Equal(local.ToUniversalTime(), db.Single("SELECT $1", local));
    }

    [Fact]
    public void Bind_Blob_RoundTripsBytes()
    {
        using var db = new MemoryDb();
        byte[] bytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80];

        Assert.Equal(bytes, db.Single("SELECT $1", bytes));
        Assert.Equal("BLOB", db.Single("SELECT typeof($1)", bytes));
        Assert.Equal(14L, db.Single("SELECT octet_length($1)", bytes));
        Assert.Equal(Array.Empty<byte>(), db.Single("SELECT $1", Array.Empty<byte>()));
    }

    [Fact]
    public void Bind_StringList_IsAVarcharList()
    {
        using var db = new MemoryDb();
        IReadOnlyList<string?> items = ["a", "a string longer than twelve bytes", "", null];

        Assert.Equal("VARCHAR[]", db.Single("SELECT typeof($1)", items));
        Assert.Equal(new object?[] { "a", "a string longer than twelve bytes", "", null }, db.Single("SELECT $1", items));
        Assert.Equal(4L, db.Single("SELECT len($1)", items));
    }

    [Fact]
    public void Bind_LongAndDoubleLists_AreBigintAndDoubleLists()
    {
        using var db = new MemoryDb();
        long[] longs = [1, -2, long.MaxValue];
        List<double> doubles = [0.5, double.NaN, -1e300];

        Assert.Equal("BIGINT[]", db.Single("SELECT typeof($1)", longs));
        Assert.Equal(new object[] { 1L, -2L, long.MaxValue }, db.Single("SELECT $1", longs));
        Assert.Equal("DOUBLE[]", db.Single("SELECT typeof($1)", doubles));
        Assert.Equal(new object[] { 0.5, double.NaN, -1e300 }, db.Single("SELECT $1", doubles));
    }

    [Fact]
    public void Query_SeveralStringArguments_BindAsSeparateParameters()
    {
        using var db = new MemoryDb();

        Assert.Equal("ab", db.Connection.ExecuteScalar<string>("SELECT $1 || $2", "a", "b"));
    }

    [Fact]
    public void Query_StringArrayAlone_BindsAsOneListParameter()
    {
        using var db = new MemoryDb();
        string[] items = ["x", "y", "z"];

        Assert.Equal(3L, db.Connection.ExecuteScalar<long>("SELECT len($1)", items));
    }

    [Fact]
    public void Bind_EmptyList_IsAnEmptyTypedList()
    {
        using var db = new MemoryDb();

        Assert.Equal("VARCHAR[]", db.Single("SELECT typeof($1)", (object)Array.Empty<string>()));
        Assert.Equal(0L, db.Single("SELECT len($1)", (object)Array.Empty<string>()));
    }

    [Fact]
    public void Bind_UnsupportedType_ThrowsNamingTheParameterAndType()
    {
        using var db = new MemoryDb();

        var error = Assert.Throws<DuckDbException>(() => db.Connection.Query("SELECT $1", new Uri("http://localhost/")));

        Assert.Equal(DuckDbErrorType.InvalidInput, error.ErrorType);
        Assert.Contains("$1", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Uri), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_IndexOutOfRange_Throws()
    {
        using var db = new MemoryDb();
        using var statement = db.Connection.Prepare("SELECT $1 + $2");

        Assert.Equal(2, statement.ParameterCount);
        Assert.Throws<DuckDbException>(() => statement.Bind(0, 1));
        Assert.Throws<DuckDbException>(() => statement.Bind(3, 1));
    }

    [Fact]
    public void Prepare_ExecutedTwiceWithNewBindings_GivesEachResult()
    {
        using var db = new MemoryDb();
        using var statement = db.Connection.Prepare("SELECT $1 * $2");

        statement.Bind(1, 6);
        statement.Bind(2, 7);
        using (var first = statement.Execute())
        {
            Assert.True(first.Read());
            Assert.Equal(42, first.GetInt32(0));
        }

        statement.ClearBindings();
        statement.Bind(1, 10);
        statement.Bind(2, 10);
        using var second = statement.Execute();
        Assert.True(second.Read());
        Assert.Equal(100, second.GetInt32(0));
    }

    [Fact]
    public void Execute_MissingBinding_ThrowsDuckDbException()
    {
        using var db = new MemoryDb();
        using var statement = db.Connection.Prepare("SELECT $1 + $2");
        statement.Bind(1, 1);

        var error = Assert.Throws<DuckDbException>(() => statement.Execute());

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
