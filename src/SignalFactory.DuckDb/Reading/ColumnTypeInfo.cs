using System.Globalization;
using System.Text;

namespace SignalFactory.DuckDb;

/// <summary>
/// What the reader needs to know about a (possibly nested) column type, read once from its duckdb_logical_type:
/// the type id, DECIMAL/ENUM storage details, children, and the SQL spelling of the type.
/// </summary>
internal sealed class ColumnTypeInfo
{
    private ColumnTypeInfo(DuckDbType type) => Type = type;

    public DuckDbType Type { get; }

    /// <summary>The type as SQL spells it, e.g. <c>DECIMAL(12,2)</c>, <c>VARCHAR[]</c>, <c>STRUCT(a INTEGER)</c>.</summary>
    public string SqlName { get; private set; } = "";

    /// <summary>For DECIMAL and ENUM: the integer type the values are stored as.</summary>
    public DuckDbType StorageType { get; private set; }

    public int Width { get; private set; }

    public int Scale { get; private set; }

    public string[] EnumValues { get; private set; } = [];

    /// <summary>LIST/ARRAY element type; for MAP the key type.</summary>
    public ColumnTypeInfo? Child { get; private set; }

    /// <summary>MAP value type.</summary>
    public ColumnTypeInfo? MapValue { get; private set; }

    public ulong ArraySize { get; private set; }

    /// <summary>STRUCT fields or UNION members.</summary>
    public IReadOnlyList<(string Name, ColumnTypeInfo Type)> Fields { get; private set; } = [];

    /// <summary>Reads a logical type; the caller keeps ownership of <paramref name="logicalType"/>.</summary>
    public static unsafe ColumnTypeInfo FromLogicalType(nint logicalType)
    {
        var info = new ColumnTypeInfo(NativeMethods.duckdb_get_type_id(logicalType));
        switch (info.Type)
        {
            case DuckDbType.Decimal:
                info.Width = NativeMethods.duckdb_decimal_width(logicalType);
                info.Scale = NativeMethods.duckdb_decimal_scale(logicalType);
                info.StorageType = NativeMethods.duckdb_decimal_internal_type(logicalType);
                break;
            case DuckDbType.Enum:
                info.StorageType = NativeMethods.duckdb_enum_internal_type(logicalType);
                var size = NativeMethods.duckdb_enum_dictionary_size(logicalType);
                var values = new string[size];
                for (var i = 0u; i < size; i++)
                {
                    values[i] = Utf8.FromNativeAndFree(NativeMethods.duckdb_enum_dictionary_value(logicalType, i)) ?? "";
                }

                info.EnumValues = values;
                break;
            case DuckDbType.List:
                info.Child = FromOwned(NativeMethods.duckdb_list_type_child_type(logicalType));
                break;
            case DuckDbType.Array:
                info.Child = FromOwned(NativeMethods.duckdb_array_type_child_type(logicalType));
                info.ArraySize = NativeMethods.duckdb_array_type_array_size(logicalType);
                break;
            case DuckDbType.Map:
                info.Child = FromOwned(NativeMethods.duckdb_map_type_key_type(logicalType));
                info.MapValue = FromOwned(NativeMethods.duckdb_map_type_value_type(logicalType));
                break;
            case DuckDbType.Struct:
                info.Fields = ReadFields(
                    logicalType,
                    NativeMethods.duckdb_struct_type_child_count(logicalType),
                    NativeMethods.duckdb_struct_type_child_name,
                    NativeMethods.duckdb_struct_type_child_type);
                break;
            case DuckDbType.Union:
                info.Fields = ReadFields(
                    logicalType,
                    NativeMethods.duckdb_union_type_member_count(logicalType),
                    NativeMethods.duckdb_union_type_member_name,
                    NativeMethods.duckdb_union_type_member_type);
                break;
        }

        info.SqlName = Utf8.FromNativeAndFree(NativeMethods.duckdb_logical_type_get_alias(logicalType)) is { Length: > 0 } alias
            ? alias
            : info.BuildSqlName();
        return info;
    }

    private static unsafe ColumnTypeInfo FromOwned(nint logicalType)
    {
        try
        {
            return FromLogicalType(logicalType);
        }
        finally
        {
            NativeMethods.duckdb_destroy_logical_type(&logicalType);
        }
    }

    private static (string, ColumnTypeInfo)[] ReadFields(
        nint logicalType, ulong count, Func<nint, ulong, nint> name, Func<nint, ulong, nint> type)
    {
        var fields = new (string, ColumnTypeInfo)[count];
        for (var i = 0ul; i < count; i++)
        {
            fields[i] = (Utf8.FromNativeAndFree(name(logicalType, i)) ?? "", FromOwned(type(logicalType, i)));
        }

        return fields;
    }

    private string BuildSqlName() => Type switch
    {
        DuckDbType.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({Width},{Scale})"),
        DuckDbType.Enum => "ENUM(" + string.Join(", ", EnumValues.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'")) + ")",
        DuckDbType.List => Child!.SqlName + "[]",
        DuckDbType.Array => string.Create(CultureInfo.InvariantCulture, $"{Child!.SqlName}[{ArraySize}]"),
        DuckDbType.Map => $"MAP({Child!.SqlName}, {MapValue!.SqlName})",
        DuckDbType.Struct => "STRUCT(" + FieldList() + ")",
        DuckDbType.Union => "UNION(" + FieldList() + ")",
        DuckDbType.TimeTz => "TIME WITH TIME ZONE",
        DuckDbType.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        DuckDbType.TimestampS => "TIMESTAMP_S",
        DuckDbType.TimestampMs => "TIMESTAMP_MS",
        DuckDbType.TimestampNs => "TIMESTAMP_NS",
        DuckDbType.TimeNs => "TIME_NS",
        DuckDbType.SqlNull => "\"NULL\"",
        DuckDbType.StringLiteral => "STRING_LITERAL",
        DuckDbType.IntegerLiteral => "INTEGER_LITERAL",
        _ => Type.ToString().ToUpperInvariant(),
    };

    private string FieldList()
    {
        var text = new StringBuilder();
        foreach (var (name, type) in Fields)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(IsPlainName(name) ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").Append(' ').Append(type.SqlName);
        }

        return text.ToString();
    }

    // DuckDB leaves simple names that are not keywords unquoted in type names; anything else is quoted.
    private static bool IsPlainName(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !DuckDbKeywords.Contains(name);
}
