namespace SignalFactory.Profiling.Schema;

/// <summary>
/// Maps DuckDB type names (as <c>information_schema.columns.data_type</c> or <c>DESCRIBE</c> print them) to the
/// canonical Signal Factory types of LLD §4.4 <c>_normalize_type</c>, extended to every DuckDB type and applied
/// recursively to nested types. Matching is case-insensitive and tolerant of extra spaces.
/// <list type="table">
/// <item><term>BOOLEAN, BOOL, LOGICAL</term><description>BOOLEAN</description></item>
/// <item><term>TINYINT, INT1 / SMALLINT, INT2, SHORT / INTEGER, INT4, INT, SIGNED / BIGINT, INT8, LONG / HUGEINT, INT128</term>
/// <description>BYTE / SHORT / INT / LONG / HUGEINT</description></item>
/// <item><term>UTINYINT / USMALLINT / UINTEGER / UBIGINT / UHUGEINT</term><description>UBYTE / USHORT / UINT / ULONG / UHUGEINT</description></item>
/// <item><term>FLOAT, FLOAT4, REAL / DOUBLE, FLOAT8, DOUBLE PRECISION</term><description>FLOAT / DOUBLE</description></item>
/// <item><term>DECIMAL(p,s), NUMERIC(p,s)</term><description><c>DECIMAL(p,s)</c>: precision and scale are kept because
/// a change of either is a real schema change (the LLD map only matches bare <c>DECIMAL</c>, so DuckDB's
/// <c>DECIMAL(18,3)</c> already fell through to itself there); bare <c>DECIMAL</c>/<c>DECIMAL(p)</c> take DuckDB's
/// defaults, <c>DECIMAL(18,3)</c>/<c>DECIMAL(p,0)</c>. <see cref="BaseType"/> gives plain <c>DECIMAL</c>.</description></item>
/// <item><term>VARCHAR[(n)], TEXT, STRING, CHAR, BPCHAR, NVARCHAR, CHARACTER VARYING</term><description>STRING (DuckDB ignores the length)</description></item>
/// <item><term>BLOB, BYTEA, BINARY, VARBINARY</term><description>BINARY</description></item>
/// <item><term>DATE; TIME; TIME WITH TIME ZONE, TIMETZ; TIME_NS</term><description>DATE; TIME; TIME_TZ; TIME_NS</description></item>
/// <item><term>TIMESTAMP, DATETIME, TIMESTAMP_US; TIMESTAMP WITH TIME ZONE, TIMESTAMPTZ; TIMESTAMP_NS; TIMESTAMP_MS; TIMESTAMP_S</term>
/// <description>TIMESTAMP; TIMESTAMP_TZ; TIMESTAMP_NS; TIMESTAMP_MS; TIMESTAMP_S (units stay distinct: a unit change is a schema change)</description></item>
/// <item><term>INTERVAL, UUID, JSON, BIT/BITSTRING, VARINT/BIGNUM, NULL</term><description>INTERVAL, UUID, JSON, BIT, BIGNUM, NULL</description></item>
/// <item><term>ENUM('a', …)</term><description>ENUM: the labels are data values and are not recorded</description></item>
/// <item><term>T[], T[n]</term><description>normalized T followed by the same suffixes, e.g. <c>INTEGER[][3]</c> → <c>INT[][3]</c></description></item>
/// <item><term>STRUCT(a T, …), UNION(a T, …)</term><description>fields in declared order, each type normalized; a field name is written
/// bare when it is a plain identifier and in double quotes otherwise: <c>STRUCT(a INT, "b c" STRING)</c></description></item>
/// <item><term>MAP(K, V)</term><description><c>MAP(K', V')</c></description></item>
/// <item><term>anything else</term><description>upper-cased, as in the LLD fallback (e.g. <c>GEOMETRY</c>)</description></item>
/// </list>
/// </summary>
public static class TypeNormalizer
{
    /// <summary>Normalizes one DuckDB type name.</summary>
    /// <exception cref="ArgumentException">The text is empty or its brackets/quotes do not balance; the message names the type.</exception>
    public static string Normalize(string duckDbTypeName)
    {
        ArgumentNullException.ThrowIfNull(duckDbTypeName);
        return DuckDbTypeParser.Parse(duckDbTypeName).ToCanonical();
    }

    /// <summary>
    /// The canonical type without parameters or nested parts, for coarse checks such as "is numeric":
    /// <c>DECIMAL(12,2)</c> → <c>DECIMAL</c>, <c>INT[]</c> → <c>LIST</c>, <c>INT[3]</c> → <c>ARRAY</c>, <c>STRUCT(a INT)</c> → <c>STRUCT</c>.
    /// </summary>
    public static string BaseType(string duckDbTypeName)
    {
        ArgumentNullException.ThrowIfNull(duckDbTypeName);
        return DuckDbTypeParser.Parse(duckDbTypeName).BaseName;
    }

    /// <summary>True for canonical numeric types (integers, floating point, DECIMAL), whose columns get histograms.</summary>
    public static bool IsNumeric(string duckDbTypeName) => BaseType(duckDbTypeName) switch
    {
        "BYTE" or "SHORT" or "INT" or "LONG" or "HUGEINT" or "UBYTE" or "USHORT" or "UINT" or "ULONG" or "UHUGEINT"
            or "FLOAT" or "DOUBLE" or "DECIMAL" or "BIGNUM" => true,
        _ => false,
    };

    /// <summary>True for canonical date/time types, whose min/max may be recorded.</summary>
    public static bool IsTemporal(string duckDbTypeName) => BaseType(duckDbTypeName) switch
    {
        "DATE" or "TIME" or "TIME_TZ" or "TIME_NS" or "TIMESTAMP" or "TIMESTAMP_TZ" or "TIMESTAMP_NS" or "TIMESTAMP_MS"
            or "TIMESTAMP_S" => true,
        _ => false,
    };

    /// <summary>True for STRING, the only type the PII scan samples (LLD §4.4).</summary>
    public static bool IsString(string duckDbTypeName) => BaseType(duckDbTypeName) == "STRING";

    /// <summary>The scalar names; keys are upper-case DuckDB spellings with single spaces.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Scalars = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BOOLEAN"] = "BOOLEAN", ["BOOL"] = "BOOLEAN", ["LOGICAL"] = "BOOLEAN",
        ["TINYINT"] = "BYTE", ["INT1"] = "BYTE",
        ["SMALLINT"] = "SHORT", ["INT2"] = "SHORT", ["SHORT"] = "SHORT",
        ["INTEGER"] = "INT", ["INT4"] = "INT", ["INT"] = "INT", ["SIGNED"] = "INT",
        ["BIGINT"] = "LONG", ["INT8"] = "LONG", ["LONG"] = "LONG",
        ["HUGEINT"] = "HUGEINT", ["INT128"] = "HUGEINT",
        ["UTINYINT"] = "UBYTE", ["USMALLINT"] = "USHORT", ["UINTEGER"] = "UINT", ["UBIGINT"] = "ULONG", ["UHUGEINT"] = "UHUGEINT",
        ["FLOAT"] = "FLOAT", ["FLOAT4"] = "FLOAT", ["REAL"] = "FLOAT",
        ["DOUBLE"] = "DOUBLE", ["FLOAT8"] = "DOUBLE", ["DOUBLE PRECISION"] = "DOUBLE",
        ["VARCHAR"] = "STRING", ["TEXT"] = "STRING", ["STRING"] = "STRING", ["CHAR"] = "STRING", ["BPCHAR"] = "STRING",
        ["NVARCHAR"] = "STRING", ["CHARACTER VARYING"] = "STRING", ["CHARACTER"] = "STRING",
        ["BLOB"] = "BINARY", ["BYTEA"] = "BINARY", ["BINARY"] = "BINARY", ["VARBINARY"] = "BINARY",
        ["DATE"] = "DATE",
        ["TIME"] = "TIME", ["TIME WITHOUT TIME ZONE"] = "TIME", ["TIME WITH TIME ZONE"] = "TIME_TZ", ["TIMETZ"] = "TIME_TZ",
        ["TIME_NS"] = "TIME_NS",
        ["TIMESTAMP"] = "TIMESTAMP", ["DATETIME"] = "TIMESTAMP", ["TIMESTAMP_US"] = "TIMESTAMP",
        ["TIMESTAMP WITHOUT TIME ZONE"] = "TIMESTAMP",
        ["TIMESTAMP WITH TIME ZONE"] = "TIMESTAMP_TZ", ["TIMESTAMPTZ"] = "TIMESTAMP_TZ",
        ["TIMESTAMP_NS"] = "TIMESTAMP_NS", ["TIMESTAMP_MS"] = "TIMESTAMP_MS", ["TIMESTAMP_S"] = "TIMESTAMP_S",
        ["INTERVAL"] = "INTERVAL", ["UUID"] = "UUID", ["JSON"] = "JSON",
        ["BIT"] = "BIT", ["BITSTRING"] = "BIT",
        ["VARINT"] = "BIGNUM", ["BIGNUM"] = "BIGNUM",
        ["NULL"] = "NULL",
    };
}
