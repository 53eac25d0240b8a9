using System.Runtime.InteropServices;

namespace SignalFactory.DuckDb;

/// <summary>duckdb_state: the return code of most C API calls.</summary>
internal enum DuckDbState
{
    Success = 0,
    Error = 1,
}

/// <summary>
/// duckdb_result: 3 × idx_t, two pointers, internal_data (48 bytes on 64-bit). Only ever handled through a pointer
/// to native memory we allocate, except for <c>duckdb_fetch_chunk</c>, which takes it by value.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbNativeResult
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public nint DeprecatedColumns;
    public nint DeprecatedErrorMessage;
    public nint InternalData;
}

/// <summary>duckdb_hugeint: value = upper * 2^64 + lower.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbNativeHugeInt
{
    public ulong Lower;
    public long Upper;
}

/// <summary>duckdb_uhugeint.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbNativeUHugeInt
{
    public ulong Lower;
    public ulong Upper;
}

/// <summary>duckdb_decimal: width, scale, then the unscaled value as a hugeint (24 bytes with padding).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbNativeDecimal
{
    public byte Width;
    public byte Scale;
    public DuckDbNativeHugeInt Value;
}

/// <summary>duckdb_list_entry: where a row's list lives in the child vector.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbNativeListEntry
{
    public ulong Offset;
    public ulong Length;
}

/// <summary>
/// duckdb_string_t (16 bytes): uint32 length, then either the bytes inlined (length ≤ 12) or a 4-byte prefix and a
/// pointer to the full string. Non-owning: the data lives as long as its vector.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DuckDbNativeString
{
    private const int InlineLength = 12;

    public uint Length;
    public uint Prefix;
    public byte* Pointer;

    /// <summary>The string's bytes. Takes a pointer into the vector, never a copy, so an inlined string stays put.</summary>
    public static ReadOnlySpan<byte> Bytes(DuckDbNativeString* value)
    {
        var length = checked((int)value->Length);
        return length <= InlineLength
            ? new ReadOnlySpan<byte>((byte*)value + sizeof(uint), length)
            : new ReadOnlySpan<byte>(value->Pointer, length);
    }
}
