namespace SignalFactory.DuckDb;

/// <summary>
/// Reads one value out of a DuckDB vector (column data of a data chunk): checks the validity mask, then decodes the
/// stored representation of the column's type, recursing into LIST, ARRAY, STRUCT and MAP children.
/// </summary>
internal static unsafe class VectorReader
{
    /// <summary>True when the row holds a value; a null mask pointer means every row does.</summary>
    public static bool IsValid(ulong* validity, ulong row) =>
        validity == null || (validity[row >> 6] & (1UL << (int)(row & 63))) != 0;

    /// <summary>The value at <paramref name="row"/> of <paramref name="vector"/>, or null.</summary>
    public static object? Read(ColumnTypeInfo type, nint vector, ulong row, string column)
    {
        if (!IsValid(NativeMethods.duckdb_vector_get_validity(vector), row))
        {
            return null;
        }

        return ReadValid(type, vector, NativeMethods.duckdb_vector_get_data(vector), row, column);
    }

    /// <summary>The value at a row known to be valid; <paramref name="data"/> is the vector's data pointer.</summary>
    public static object? ReadValid(ColumnTypeInfo type, nint vector, void* data, ulong row, string column)
    {
        switch (type.Type)
        {
            case DuckDbType.Boolean: return ((byte*)data)[row] != 0;
            case DuckDbType.TinyInt: return ((sbyte*)data)[row];
            case DuckDbType.SmallInt: return ((short*)data)[row];
            case DuckDbType.Integer: return ((int*)data)[row];
            case DuckDbType.BigInt: return ((long*)data)[row];
            case DuckDbType.UTinyInt: return ((byte*)data)[row];
            case DuckDbType.USmallInt: return ((ushort*)data)[row];
            case DuckDbType.UInteger: return ((uint*)data)[row];
            case DuckDbType.UBigInt: return ((ulong*)data)[row];
            case DuckDbType.Float: return ((float*)data)[row];
            case DuckDbType.Double: return ((double*)data)[row];
            case DuckDbType.HugeInt: return ReadHugeInt(data, row);
            case DuckDbType.UHugeInt:
                var u = ((DuckDbNativeUHugeInt*)data)[row];
                return NativeValues.UHugeInt(u.Lower, u.Upper);
            case DuckDbType.Decimal: return ReadDecimal(type, data, row, column);
            case DuckDbType.VarChar: return Utf8.Decode(DuckDbNativeString.Bytes((DuckDbNativeString*)data + row));
            case DuckDbType.Blob: return DuckDbNativeString.Bytes((DuckDbNativeString*)data + row).ToArray();
            case DuckDbType.Enum: return type.EnumValues[checked((int)ReadUnsigned(type.StorageType, data, row))];
            case DuckDbType.Uuid:
                var h = ((DuckDbNativeHugeInt*)data)[row];
                return NativeValues.Uuid(h.Lower, h.Upper);
            case DuckDbType.Date:
                return NativeValues.Date(((int*)data)[row]) ?? throw OutOfRange(type, column, "DateOnly");
            case DuckDbType.Time: return NativeValues.Time(((long*)data)[row]);
            case DuckDbType.TimeNs: return NativeValues.TimeFromNanos(((long*)data)[row]);
            case DuckDbType.TimeTz: return NativeValues.TimeTz(((ulong*)data)[row]);
            case DuckDbType.Interval: return ((DuckDbInterval*)data)[row];
            case DuckDbType.Timestamp:
            case DuckDbType.TimestampS:
            case DuckDbType.TimestampMs:
            case DuckDbType.TimestampNs:
                return ReadTimestamp(type, data, row, column);
            case DuckDbType.TimestampTz:
                return new DateTimeOffset(ReadTimestamp(type, data, row, column), TimeSpan.Zero);
            case DuckDbType.List: return ReadList(type, vector, data, row, column);
            case DuckDbType.Array: return ReadArray(type, vector, row, column);
            case DuckDbType.Struct: return ReadStruct(type, vector, row, column);
            case DuckDbType.Map: return ReadMap(type, vector, data, row, column);
            case DuckDbType.SqlNull: return null;
            default:
                throw new DuckDbException(
                    $"Column '{column}' has the type {type.SqlName}, which this binding does not read; cast this column in SQL " +
                    "(e.g. to VARCHAR).",
                    DuckDbErrorType.NotImplemented);
        }
    }

    /// <summary>A TIMESTAMP of any unit as a UTC DateTime.</summary>
    public static DateTime ReadTimestamp(ColumnTypeInfo type, void* data, ulong row, string column)
    {
        var stored = ((long*)data)[row];
        var value = type.Type switch
        {
            DuckDbType.TimestampS => NativeValues.TimestampFromSeconds(stored),
            DuckDbType.TimestampMs => NativeValues.TimestampFromMillis(stored),
            DuckDbType.TimestampNs => NativeValues.TimestampFromNanos(stored),
            _ => NativeValues.TimestampFromMicros(stored),
        };
        return value ?? throw OutOfRange(type, column, "DateTime");
    }

    private static Int128 ReadHugeInt(void* data, ulong row)
    {
        var h = ((DuckDbNativeHugeInt*)data)[row];
        return NativeValues.HugeInt(h.Lower, h.Upper);
    }

    private static decimal ReadDecimal(ColumnTypeInfo type, void* data, ulong row, string column)
    {
        Int128 unscaled = type.StorageType switch
        {
            DuckDbType.SmallInt => ((short*)data)[row],
            DuckDbType.Integer => ((int*)data)[row],
            DuckDbType.BigInt => ((long*)data)[row],
            _ => ReadHugeInt(data, row),
        };
        return NativeValues.Decimal(unscaled, type.Scale) ?? throw OutOfRange(type, column, "decimal");
    }

    private static ulong ReadUnsigned(DuckDbType storage, void* data, ulong row) => storage switch
    {
        DuckDbType.UTinyInt => ((byte*)data)[row],
        DuckDbType.USmallInt => ((ushort*)data)[row],
        _ => ((uint*)data)[row],
    };

    private static object?[] ReadList(ColumnTypeInfo type, nint vector, void* data, ulong row, string column)
    {
        var entry = ((DuckDbNativeListEntry*)data)[row];
        return ReadRange(type.Child!, NativeMethods.duckdb_list_vector_get_child(vector), entry.Offset, entry.Length, column);
    }

    private static object?[] ReadArray(ColumnTypeInfo type, nint vector, ulong row, string column) =>
        ReadRange(type.Child!, NativeMethods.duckdb_array_vector_get_child(vector), row * type.ArraySize, type.ArraySize, column);

    private static object?[] ReadRange(ColumnTypeInfo childType, nint child, ulong offset, ulong length, string column)
    {
        var validity = NativeMethods.duckdb_vector_get_validity(child);
        var data = NativeMethods.duckdb_vector_get_data(child);
        var items = new object?[checked((int)length)];
        for (var i = 0ul; i < length; i++)
        {
            var childRow = offset + i;
            items[i] = IsValid(validity, childRow) ? ReadValid(childType, child, data, childRow, column) : null;
        }

        return items;
    }

    private static Dictionary<string, object?> ReadStruct(ColumnTypeInfo type, nint vector, ulong row, string column)
    {
        var fields = new Dictionary<string, object?>(type.Fields.Count, StringComparer.Ordinal);
        for (var i = 0; i < type.Fields.Count; i++)
        {
            var (name, fieldType) = type.Fields[i];
            fields[name] = Read(fieldType, NativeMethods.duckdb_struct_vector_get_child(vector, (ulong)i), row, column);
        }

        return fields;
    }

    // A MAP is stored as a LIST of STRUCT(key, value).
    private static List<KeyValuePair<object?, object?>> ReadMap(
        ColumnTypeInfo type, nint vector, void* data, ulong row, string column)
    {
        var entry = ((DuckDbNativeListEntry*)data)[row];
        var entries = NativeMethods.duckdb_list_vector_get_child(vector);
        var keys = NativeMethods.duckdb_struct_vector_get_child(entries, 0);
        var values = NativeMethods.duckdb_struct_vector_get_child(entries, 1);
        var map = new List<KeyValuePair<object?, object?>>(checked((int)entry.Length));
        for (var i = entry.Offset; i < entry.Offset + entry.Length; i++)
        {
            map.Add(new(Read(type.Child!, keys, i, column), Read(type.MapValue!, values, i, column)));
        }

        return map;
    }

    private static DuckDbException OutOfRange(ColumnTypeInfo type, string column, string clrType) =>
        new($"Column '{column}' holds a {type.SqlName} value outside the range of {clrType} (e.g. infinity); " +
            "cast this column in SQL (e.g. to VARCHAR).", DuckDbErrorType.OutOfRange);
}
