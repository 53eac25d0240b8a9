using System.Buffers.Binary;
using System.Text;

namespace SignalFactory.Storage.Parquet;

/// <summary>The Thrift compact protocol's wire types (the low nibble of a field header or list header).</summary>
internal enum ThriftType : byte
{
    Stop = 0,
    BoolTrue = 1,
    BoolFalse = 2,
    Byte = 3,
    I16 = 4,
    I32 = 5,
    I64 = 6,
    Double = 7,
    Binary = 8,
    List = 9,
    Set = 10,
    Map = 11,
    Struct = 12,
}

/// <summary>
/// A reader of the Thrift compact protocol over a byte buffer, just enough for a Parquet footer: ULEB128 varints,
/// zigzag integers, delta-encoded field headers, lists, binaries, nested structs, and generic skipping of any field a
/// newer writer adds. Every length is checked against the bytes left and the limits below before anything is
/// allocated, and nesting is bounded, so a corrupt footer ends in a <see cref="ParquetFooterFormatException"/>.
/// </summary>
internal sealed class ThriftCompactReader
{
    /// <summary>Structs within structs deeper than this are refused (a Parquet footer needs about 6).</summary>
    public const int MaxDepth = 64;

    /// <summary>The most elements a list may declare (a footer's lists are schema elements, row groups, chunks).</summary>
    public const int MaxListSize = 10_000_000;

    private readonly byte[] _buffer;
    private readonly int _start;
    private readonly int _end;
    private int _position;
    private int _depth;

    private readonly string _subject;

    // subject: what is being decoded, for error messages ("footer", "page header").
    public ThriftCompactReader(byte[] buffer, int offset, int length, string subject = "footer")
    {
        _subject = subject;
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, buffer.Length - offset);
        _buffer = buffer;
        _start = offset;
        _end = offset + length;
        _position = offset;
    }

    public int Position => _position - _start;

    /// <summary>Enters a nested struct or container, refusing nesting deeper than <see cref="MaxDepth"/>.</summary>
    public void BeginStruct()
    {
        if (++_depth > MaxDepth)
        {
            throw Corrupt($"structs nested deeper than {MaxDepth}");
        }
    }

    public void EndStruct() => _depth--;

    /// <summary>
    /// Reads a field header: its type (<see cref="ThriftType.Stop"/> at the struct's end) and id. A bool field's
    /// value is in its type (<see cref="ThriftType.BoolTrue"/> or <see cref="ThriftType.BoolFalse"/>).
    /// </summary>
    public (ThriftType Type, short Id) ReadFieldHeader(short previousId)
    {
        var header = ReadByte();
        var type = (ThriftType)(header & 0x0F);
        if (type == ThriftType.Stop)
        {
            return (type, 0);
        }

        CheckType(type);
        var delta = header >> 4;
        var id = delta == 0 ? ReadZigZag16() : previousId + delta;
        if (id is < short.MinValue or > short.MaxValue)
        {
            throw Corrupt("a field id out of range");
        }

        return (type, (short)id);
    }

    /// <summary>Reads a list (or set) header: element type and count, the count checked against the bytes left.</summary>
    public (ThriftType ElementType, int Count) ReadListHeader()
    {
        var header = ReadByte();
        var type = (ThriftType)(header & 0x0F);
        long count = header >> 4;
        if (count == 15)
        {
            count = (long)ReadVarint();
        }

        if (count > 0)
        {
            CheckType(type);
        }

        // Every element takes at least one byte on the wire, so a count above the bytes left is corrupt.
        if (count > MaxListSize || count > _end - _position)
        {
            throw Corrupt($"a list of {count} elements in {_end - _position} remaining bytes");
        }

        return (type, (int)count);
    }

    public int ReadI32()
    {
        var value = ReadZigZag64();
        return value is < int.MinValue or > int.MaxValue ? throw Corrupt("an i32 out of range") : (int)value;
    }

    public long ReadI64() => ReadZigZag64();

    /// <summary>A byte (i8) value: one raw byte, not a varint.</summary>
    public sbyte ReadI8() => unchecked((sbyte)ReadByte());

    /// <summary>A bool list element: one byte, 1 for true (writers use 0 or 2 for false).</summary>
    public bool ReadBoolElement() => ReadByte() == 1;

    public byte[] ReadBinary()
    {
        var length = ReadVarint();
        if (length > (ulong)(_end - _position))
        {
            throw Corrupt($"a binary of {length} bytes in {_end - _position} remaining bytes");
        }

        var bytes = _buffer.AsSpan(_position, (int)length).ToArray();
        _position += (int)length;
        return bytes;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBinary());

    /// <summary>Skips one value of any type, structs and containers included.</summary>
    public void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.BoolTrue or ThriftType.BoolFalse:
                break; // a bool field carries its value in the header
            case ThriftType.Byte:
                ReadByte();
                break;
            case ThriftType.I16 or ThriftType.I32 or ThriftType.I64:
                ReadVarint();
                break;
            case ThriftType.Double:
                Advance(8);
                break;
            case ThriftType.Binary:
                Advance(checked((long)Math.Min(ReadVarint(), long.MaxValue)));
                break;
            case ThriftType.List or ThriftType.Set:
                SkipElements();
                break;
            case ThriftType.Map:
                SkipMap();
                break;
            case ThriftType.Struct:
                SkipStruct();
                break;
            default:
                throw Corrupt($"an unknown wire type {(int)type}");
        }
    }

    public void SkipStruct()
    {
        BeginStruct();
        short id = 0;
        while (true)
        {
            var (type, next) = ReadFieldHeader(id);
            if (type == ThriftType.Stop)
            {
                break;
            }

            Skip(type);
            id = next;
        }

        EndStruct();
    }

    private void SkipElements()
    {
        var (type, count) = ReadListHeader();
        BeginStruct(); // a container counts as a level: lists of lists must not recurse without bound
        for (var i = 0; i < count; i++)
        {
            SkipElement(type);
        }

        EndStruct();
    }

    private void SkipMap()
    {
        var count = ReadVarint();
        if (count == 0)
        {
            return;
        }

        var types = ReadByte();
        var keyType = (ThriftType)(types >> 4);
        var valueType = (ThriftType)(types & 0x0F);
        CheckType(keyType);
        CheckType(valueType);
        if (count > MaxListSize || count > (ulong)(_end - _position))
        {
            throw Corrupt($"a map of {count} entries in {_end - _position} remaining bytes");
        }

        BeginStruct();
        for (var i = 0UL; i < count; i++)
        {
            SkipElement(keyType);
            SkipElement(valueType);
        }

        EndStruct();
    }

    // Inside a container a bool is a whole byte, unlike a bool field.
    private void SkipElement(ThriftType type)
    {
        if (type is ThriftType.BoolTrue or ThriftType.BoolFalse)
        {
            ReadByte();
        }
        else
        {
            Skip(type);
        }
    }

    private void Advance(long count)
    {
        if (count > _end - _position)
        {
            throw Corrupt($"{count} bytes to skip in {_end - _position} remaining bytes");
        }

        _position += (int)count;
    }

    private byte ReadByte() =>
        _position < _end ? _buffer[_position++] : throw Corrupt("it ends in the middle of a value");

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Corrupt("a varint longer than 10 bytes");
    }

    private long ReadZigZag64()
    {
        var raw = ReadVarint();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    private int ReadZigZag16()
    {
        var value = ReadZigZag64();
        return value is < short.MinValue or > short.MaxValue ? throw Corrupt("a field id out of range") : (int)value;
    }

    public double ReadDouble()
    {
        if (_end - _position < 8)
        {
            throw Corrupt("it ends in the middle of a value");
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(_buffer.AsSpan(_position, 8));
        _position += 8;
        return value;
    }

    private void CheckType(ThriftType type)
    {
        if (type is ThriftType.Stop or > ThriftType.Struct)
        {
            throw Corrupt($"an unknown wire type {(int)type}");
        }
    }

    private ParquetFooterFormatException Corrupt(string what) =>
        new($"the {_subject}'s Thrift encoding is corrupt at byte {Position}: {what}");
}
