namespace SignalFactory.DuckDb;

/// <summary>DuckDB's type ids, with the numbers of duckdb.h's <c>duckdb_type</c> (they are part of DuckDB's ABI).</summary>
public enum DuckDbType
{
    Invalid = 0,
    Boolean = 1,
    TinyInt = 2,
    SmallInt = 3,
    Integer = 4,
    BigInt = 5,
    UTinyInt = 6,
    USmallInt = 7,
    UInteger = 8,
    UBigInt = 9,
    Float = 10,
    Double = 11,
    /// <summary>Microseconds since 1970-01-01.</summary>
    Timestamp = 12,
    Date = 13,
    Time = 14,
    Interval = 15,
    HugeInt = 16,
    VarChar = 17,
    Blob = 18,
    Decimal = 19,
    /// <summary>Seconds since 1970-01-01.</summary>
    TimestampS = 20,
    /// <summary>Milliseconds since 1970-01-01.</summary>
    TimestampMs = 21,
    /// <summary>Nanoseconds since 1970-01-01.</summary>
    TimestampNs = 22,
    Enum = 23,
    List = 24,
    Struct = 25,
    Map = 26,
    Uuid = 27,
    Union = 28,
    Bit = 29,
    TimeTz = 30,
    /// <summary>Microseconds since 1970-01-01 UTC.</summary>
    TimestampTz = 31,
    UHugeInt = 32,
    Array = 33,
    Any = 34,
    /// <summary>Arbitrary-precision integer (called VARINT before DuckDB 1.5).</summary>
    BigNum = 35,
    SqlNull = 36,
    StringLiteral = 37,
    IntegerLiteral = 38,
    TimeNs = 39,
    Geometry = 40,
    Variant = 41,
}
