namespace SignalFactory.DuckDb;

/// <summary>Builds DuckDB LIST values (duckdb_create_list_value) from .NET lists, for binding as one parameter.</summary>
internal static unsafe class ListValues
{
    public static nint Create(IReadOnlyList<string?> items) =>
        Create(DuckDbType.VarChar, items.Count, i => items[i] is { } item ? CreateVarchar(item) : NativeMethods.duckdb_create_null_value());

    public static nint Create(IReadOnlyList<long> items) =>
        Create(DuckDbType.BigInt, items.Count, i => NativeMethods.duckdb_create_int64(items[i]));

    public static nint Create(IReadOnlyList<double> items) =>
        Create(DuckDbType.Double, items.Count, i => NativeMethods.duckdb_create_double(items[i]));

    private static nint CreateVarchar(string item)
    {
        var bytes = Utf8.Encode(item);
        byte empty = 0;
        fixed (byte* data = bytes)
        {
            return NativeMethods.duckdb_create_varchar_length(bytes.Length == 0 ? &empty : data, (ulong)bytes.Length);
        }
    }

    private static nint Create(DuckDbType childType, int count, Func<int, nint> createItem)
    {
        var values = new nint[Math.Max(count, 1)]; // DuckDB wants a non-null array, even for an empty list
        var type = NativeMethods.duckdb_create_logical_type(childType);
        try
        {
            for (var i = 0; i < count; i++)
            {
                values[i] = createItem(i);
                if (values[i] == 0)
                {
                    return 0;
                }
            }

            fixed (nint* data = values)
            {
                // Copies the items: they are destroyed below either way.
                return NativeMethods.duckdb_create_list_value(type, data, (ulong)count);
            }
        }
        finally
        {
            for (var i = 0; i < values.Length; i++)
            {
                var value = values[i];
                if (value != 0)
                {
                    NativeMethods.duckdb_destroy_value(&value);
                }
            }

            NativeMethods.duckdb_destroy_logical_type(&type);
        }
    }
}
