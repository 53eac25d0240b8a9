using System.Numerics;

namespace SignalFactory.DuckDb;

/// <summary>
/// Converts a value read from DuckDB to the type a caller asked for: numbers widen or narrow when the value fits
/// (never silently truncating a fraction or overflowing), TIMESTAMPTZ gives a UTC DateTime; anything else must match.
/// </summary>
internal static class ValueConverter
{
    public static T To<T>(object? value, string column)
    {
        if (value is T same)
        {
            return same;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is null)
        {
            return default(T) is null
                ? default!
                : throw new InvalidCastException($"Column '{column}' is NULL; read it as a nullable type or check IsNull first.");
        }

        return (T)(Convert(value, target) ?? throw new InvalidCastException(
            $"Column '{column}' holds a {value.GetType().Name}, which cannot be read as {target.Name} " +
            "(wrong type, a fraction, or out of range); cast this column in SQL."));
    }

    private static object? Convert(object value, Type target)
    {
        if (value is DateTimeOffset offset && target == typeof(DateTime))
        {
            return offset.UtcDateTime;
        }

        if (value is DateTime timestamp && target == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));
        }

        if (TryInteger(value, out var integer))
        {
            return FromInteger(integer, target);
        }

        return value switch
        {
            decimal d when target == typeof(double) => (double)d,
            decimal d when target == typeof(float) => (float)d,
            decimal d when decimal.Truncate(d) == d => FromInteger((Int128)d, target),
            float f when target == typeof(double) => (double)f,
            double d when target == typeof(float) => (float)d,
            double d when target == typeof(decimal) && double.IsFinite(d) => TryDecimal(d),
            _ => null,
        };
    }

    private static bool TryInteger(object value, out Int128 integer)
    {
        (var ok, integer) = value switch
        {
            sbyte v => (true, (Int128)v),
            short v => (true, v),
            int v => (true, v),
            long v => (true, v),
            byte v => (true, v),
            ushort v => (true, v),
            uint v => (true, v),
            ulong v => (true, v),
            Int128 v => (true, v),
            UInt128 v when v <= (UInt128)Int128.MaxValue => (true, (Int128)v),
            _ => (false, Int128.Zero),
        };
        return ok;
    }

    private static object? FromInteger(Int128 value, Type target) =>
        Type.GetTypeCode(target) switch
        {
            TypeCode.SByte => Narrow<sbyte>(value),
            TypeCode.Int16 => Narrow<short>(value),
            TypeCode.Int32 => Narrow<int>(value),
            TypeCode.Int64 => Narrow<long>(value),
            TypeCode.Byte => Narrow<byte>(value),
            TypeCode.UInt16 => Narrow<ushort>(value),
            TypeCode.UInt32 => Narrow<uint>(value),
            TypeCode.UInt64 => Narrow<ulong>(value),
            TypeCode.Double => (double)value,
            TypeCode.Single => (float)value,
            TypeCode.Decimal => value >= (Int128)decimal.MinValue && value <= (Int128)decimal.MaxValue ? (decimal)value : null,
            _ when target == typeof(Int128) => value,
            _ when target == typeof(UInt128) => Narrow<UInt128>(value),
            _ => null,
        };

    private static object? Narrow<TNumber>(Int128 value)
        where TNumber : INumberBase<TNumber>
    {
        var narrowed = TNumber.CreateSaturating(value);
        return Int128.CreateSaturating(narrowed) == value ? narrowed : null;
    }

    private static object? TryDecimal(double value)
    {
        try
        {
            return (decimal)value;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
