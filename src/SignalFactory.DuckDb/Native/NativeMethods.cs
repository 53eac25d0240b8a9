using System.Runtime.InteropServices;

namespace SignalFactory.DuckDb;

/// <summary>
/// Every DuckDB C API entry point the binding uses (duckdb.h). Opaque handles are <see cref="nint"/>; idx_t is
/// <see cref="ulong"/>; enums are passed as their int values; const char* inputs are marshalled as UTF-8.
/// Strings returned as <c>char*</c> that DuckDB allocated for us must be released with <see cref="duckdb_free"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    // "duckdb" resolves to libduckdb.so / libduckdb.dylib / duckdb.dll next to the application.
    private const string Library = "duckdb";

    // ---- open / connect / config ----
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_open_ext(string? path, nint* outDatabase, nint config, nint* outError);

    [LibraryImport(Library)]
    internal static partial void duckdb_close(nint* database);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_connect(nint database, nint* outConnection);

    [LibraryImport(Library)]
    internal static partial void duckdb_disconnect(nint* connection);

    [LibraryImport(Library)]
    internal static partial void duckdb_interrupt(nint connection);

    [LibraryImport(Library)]
    internal static partial nint duckdb_library_version();

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_create_config(nint* outConfig);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_set_config(nint config, string name, string option);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_config(nint* config);

    [LibraryImport(Library)]
    internal static partial void duckdb_free(nint pointer);

    // ---- query / result ----
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_query(nint connection, string query, DuckDbNativeResult* outResult);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_result(DuckDbNativeResult* result);

    [LibraryImport(Library)]
    internal static partial nint duckdb_result_error(DuckDbNativeResult* result);

    [LibraryImport(Library)]
    internal static partial DuckDbErrorType duckdb_result_error_type(DuckDbNativeResult* result);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_column_count(DuckDbNativeResult* result);

    [LibraryImport(Library)]
    internal static partial nint duckdb_column_name(DuckDbNativeResult* result, ulong column);

    [LibraryImport(Library)]
    internal static partial nint duckdb_column_logical_type(DuckDbNativeResult* result, ulong column);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_rows_changed(DuckDbNativeResult* result);

    // Takes the result struct by value (48 bytes), as declared in duckdb.h.
    [LibraryImport(Library)]
    internal static partial nint duckdb_fetch_chunk(DuckDbNativeResult result);

    // ---- data chunks and vectors ----
    [LibraryImport(Library)]
    internal static partial ulong duckdb_data_chunk_get_size(nint chunk);

    [LibraryImport(Library)]
    internal static partial nint duckdb_data_chunk_get_vector(nint chunk, ulong columnIndex);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_data_chunk(nint* chunk);

    [LibraryImport(Library)]
    internal static partial void* duckdb_vector_get_data(nint vector);

    [LibraryImport(Library)]
    internal static partial ulong* duckdb_vector_get_validity(nint vector);

    [LibraryImport(Library)]
    internal static partial nint duckdb_list_vector_get_child(nint vector);

    [LibraryImport(Library)]
    internal static partial nint duckdb_struct_vector_get_child(nint vector, ulong index);

    [LibraryImport(Library)]
    internal static partial nint duckdb_array_vector_get_child(nint vector);

    // ---- logical types ----
    [LibraryImport(Library)]
    internal static partial DuckDbType duckdb_get_type_id(nint type);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_logical_type(nint* type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_create_logical_type(DuckDbType type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_logical_type_get_alias(nint type);

    [LibraryImport(Library)]
    internal static partial byte duckdb_decimal_width(nint type);

    [LibraryImport(Library)]
    internal static partial byte duckdb_decimal_scale(nint type);

    [LibraryImport(Library)]
    internal static partial DuckDbType duckdb_decimal_internal_type(nint type);

    [LibraryImport(Library)]
    internal static partial DuckDbType duckdb_enum_internal_type(nint type);

    [LibraryImport(Library)]
    internal static partial uint duckdb_enum_dictionary_size(nint type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_enum_dictionary_value(nint type, ulong index);

    [LibraryImport(Library)]
    internal static partial nint duckdb_list_type_child_type(nint type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_array_type_child_type(nint type);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_array_type_array_size(nint type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_map_type_key_type(nint type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_map_type_value_type(nint type);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_struct_type_child_count(nint type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_struct_type_child_name(nint type, ulong index);

    [LibraryImport(Library)]
    internal static partial nint duckdb_struct_type_child_type(nint type, ulong index);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_union_type_member_count(nint type);

    [LibraryImport(Library)]
    internal static partial nint duckdb_union_type_member_name(nint type, ulong index);

    [LibraryImport(Library)]
    internal static partial nint duckdb_union_type_member_type(nint type, ulong index);

    // ---- prepared statements ----
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_prepare(nint connection, string query, nint* outStatement);

    [LibraryImport(Library)]
    internal static partial nint duckdb_prepare_error(nint statement);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_prepare(nint* statement);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_nparams(nint statement);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_clear_bindings(nint statement);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_execute_prepared(nint statement, DuckDbNativeResult* outResult);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_value(nint statement, ulong index, nint value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_null(nint statement, ulong index);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_boolean(nint statement, ulong index, byte value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_int8(nint statement, ulong index, sbyte value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_int16(nint statement, ulong index, short value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_int32(nint statement, ulong index, int value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_int64(nint statement, ulong index, long value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_hugeint(nint statement, ulong index, DuckDbNativeHugeInt value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_uhugeint(nint statement, ulong index, DuckDbNativeUHugeInt value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_uint8(nint statement, ulong index, byte value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_uint16(nint statement, ulong index, ushort value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_uint32(nint statement, ulong index, uint value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_uint64(nint statement, ulong index, ulong value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_float(nint statement, ulong index, float value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_double(nint statement, ulong index, double value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_decimal(nint statement, ulong index, DuckDbNativeDecimal value);

    // duckdb_date / duckdb_time / duckdb_timestamp are single-field structs: passed like the field itself.
    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_date(nint statement, ulong index, int days);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_time(nint statement, ulong index, long micros);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_timestamp(nint statement, ulong index, long micros);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_timestamp_tz(nint statement, ulong index, long micros);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_interval(nint statement, ulong index, DuckDbInterval value);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_varchar_length(nint statement, ulong index, byte* value, ulong length);

    [LibraryImport(Library)]
    internal static partial DuckDbState duckdb_bind_blob(nint statement, ulong index, byte* data, ulong length);

    // ---- values (for lists and UUIDs) ----
    [LibraryImport(Library)]
    internal static partial nint duckdb_create_varchar_length(byte* text, ulong length);

    [LibraryImport(Library)]
    internal static partial nint duckdb_create_int64(long value);

    [LibraryImport(Library)]
    internal static partial nint duckdb_create_double(double value);

    [LibraryImport(Library)]
    internal static partial nint duckdb_create_null_value();

    [LibraryImport(Library)]
    internal static partial nint duckdb_create_uuid(DuckDbNativeUHugeInt value);

    [LibraryImport(Library)]
    internal static partial nint duckdb_create_list_value(nint childType, nint* values, ulong count);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_value(nint* value);
}
