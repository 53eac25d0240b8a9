using System.Runtime.InteropServices;
using System.Text;

namespace SignalFactory.DuckDb;

/// <summary>UTF-8 conversions at the native boundary.</summary>
internal static class Utf8
{
    /// <summary>Copies a NUL-terminated string that DuckDB keeps ownership of.</summary>
    public static string? FromNative(nint text) => text == 0 ? null : Marshal.PtrToStringUTF8(text);

    /// <summary>Copies a NUL-terminated string that DuckDB allocated for us, then frees it with duckdb_free.</summary>
    public static string? FromNativeAndFree(nint text)
    {
        if (text == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(text);
        }
        finally
        {
            NativeMethods.duckdb_free(text);
        }
    }

    public static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    public static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);
}
