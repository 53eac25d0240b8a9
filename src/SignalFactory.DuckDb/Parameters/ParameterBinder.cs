using System.Buffers.Binary;

namespace SignalFactory.DuckDb;

/// <summary>Binds one .NET value to a prepared statement parameter with the matching duckdb_bind_* call.</summary>
internal static unsafe class ParameterBinder
{
    private static readonly DateTime s_unixEpoch = DateTime.UnixEpoch;
    private static readonly int s_unixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static void Bind(nint statement, int index1Based, object? value)
    {
        var index = (ulong)index1Based;
        var state = value switch
        {
            null => NativeMethods.duckdb_bind_null(statement, index),
            bool v => NativeMethods.duckdb_bind_boolean(statement, index, v ? (byte)1 : (byte)0),
            sbyte v => NativeMethods.duckdb_bind_int8(statement, index, v),
            short v => NativeMethods.duckdb_bind_int16(statement, index, v),
            int v => NativeMethods.duckdb_bind_int32(statement, index, v),
            long v => NativeMethods.duckdb_bind_int64(statement, index, v),
            byte v => NativeMethods.duckdb_bind_uint8(statement, index, v),
            ushort v => NativeMethods.duckdb_bind_uint16(statement, index, v),
            uint v => NativeMethods.duckdb_bind_uint32(statement, index, v),
            ulong v => NativeMethods.duckdb_bind_uint64(statement, index, v),
            Int128 v => NativeMethods.duckdb_bind_hugeint(statement, index, ToHugeInt(v)),
            UInt128 v => NativeMethods.duckdb_bind_uhugeint(statement, index, ToUHugeInt(v)),
            float v => NativeMethods.duckdb_bind_float(statement, index, v),
            double v => NativeMethods.duckdb_bind_double(statement, index, v),
            decimal v => NativeMethods.duckdb_bind_decimal(statement, index, ToDecimal(v)),
            string v => BindVarchar(statement, index, v),
            byte[] v => BindBlob(statement, index, v),
            DateOnly v => NativeMethods.duckdb_bind_date(statement, index, v.DayNumber - s_unixEpochDay),
            TimeOnly v => NativeMethods.duckdb_bind_time(statement, index, v.Ticks / TimeSpan.TicksPerMicrosecond),
            DateTime v => NativeMethods.duckdb_bind_timestamp(statement, index, ToUnixMicros(v)),
            DateTimeOffset v => NativeMethods.duckdb_bind_timestamp_tz(statement, index, ToUnixMicros(v.UtcDateTime)),
            TimeSpan v => NativeMethods.duckdb_bind_interval(statement, index, DuckDbInterval.FromTimeSpan(v)),
            DuckDbInterval v => NativeMethods.duckdb_bind_interval(statement, index, v),
            Guid v => BindValue(statement, index, NativeMethods.duckdb_create_uuid(ToUuid(v))),
            IReadOnlyList<string?> v => BindValue(statement, index, ListValues.Create(v)),
            IReadOnlyList<long> v => BindValue(statement, index, ListValues.Create(v)),
            IReadOnlyList<double> v => BindValue(statement, index, ListValues.Create(v)),
            _ => throw new DuckDbException(
                $"Parameter ${index1Based} has the .NET type {value.GetType().Name}, which cannot be bound. Supported: null, " +
                "bool, integers, Int128, UInt128, float, double, decimal, string, byte[], DateOnly, TimeOnly, DateTime, " +
                "DateTimeOffset, TimeSpan, DuckDbInterval, Guid, IReadOnlyList<string|long|double>.",
                DuckDbErrorType.InvalidInput),
        };

        if (state != DuckDbState.Success)
        {
            throw new DuckDbException(
                $"DuckDB refused the value bound to parameter ${index1Based} (.NET type {value?.GetType().Name ?? "null"}).",
                DuckDbErrorType.InvalidInput);
        }
    }

    /// <summary>Microseconds since 1970-01-01, rounding down; a local time is converted to UTC first.</summary>
    internal static long ToUnixMicros(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var (micros, rest) = Math.DivRem(utc.Ticks - s_unixEpoch.Ticks, TimeSpan.TicksPerMicrosecond);
        return rest < 0 ? micros - 1 : micros;
    }

    internal static DuckDbNativeHugeInt ToHugeInt(Int128 value) =>
        new() { Lower = (ulong)(value & ulong.MaxValue), Upper = (long)(value >> 64) };

    internal static DuckDbNativeUHugeInt ToUHugeInt(UInt128 value) =>
        new() { Lower = (ulong)(value & ulong.MaxValue), Upper = (ulong)(value >> 64) };

    /// <summary>The UUID as one 128-bit number, most significant byte first (duckdb_create_uuid's input).</summary>
    internal static DuckDbNativeUHugeInt ToUuid(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return new()
        {
            Upper = BinaryPrimitives.ReadUInt64BigEndian(bytes[..8]),
            Lower = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        };
    }

    /// <summary>A decimal as DECIMAL(38, its scale): System.Decimal has at most 29 digits and scale 28, so it fits.</summary>
    private static DuckDbNativeDecimal ToDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var negative = bits[3] < 0;
        return new DuckDbNativeDecimal
        {
            Width = 38,
            Scale = value.Scale,
            Value = ToHugeInt(negative ? -magnitude : magnitude),
        };
    }

    private static DuckDbState BindVarchar(nint statement, ulong index, string value)
    {
        var bytes = Utf8.Encode(value);
        byte empty = 0;
        fixed (byte* data = bytes)
        {
            // DuckDB wants a non-null pointer even for an empty string.
            return NativeMethods.duckdb_bind_varchar_length(
                statement, index, bytes.Length == 0 ? &empty : data, (ulong)bytes.Length);
        }
    }

    private static DuckDbState BindBlob(nint statement, ulong index, byte[] value)
    {
        byte empty = 0;
        fixed (byte* data = value)
        {
            return NativeMethods.duckdb_bind_blob(
                statement, index, value.Length == 0 ? &empty : data, (ulong)value.Length);
        }
    }

    private static DuckDbState BindValue(nint statement, ulong index, nint value)
    {
        if (value == 0)
        {
            return DuckDbState.Error;
        }

        try
        {
            return NativeMethods.duckdb_bind_value(statement, index, value);
        }
        finally
        {
            NativeMethods.duckdb_destroy_value(&value);
        }
    }
}
