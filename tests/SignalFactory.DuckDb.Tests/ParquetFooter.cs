using System.Buffers.Binary;

namespace SignalFactory.DuckDb.Tests;

/// <summary>
/// Reads num_rows from a Parquet footer by hand (Thrift compact protocol), as an oracle independent of DuckDB.
/// File layout: … footer, 4-byte little-endian footer length, "PAR1". FileMetaData field 3 is num_rows (i64).
/// </summary>
internal static class ParquetFooter
{
    public static long ReadNumRows(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8, 4));
        var reader = new CompactReader(bytes, bytes.Length - 8 - length);
        short fieldId = 0;
        while (true)
        {
            var header = reader.Byte();
            if (header == 0)
            {
                throw new InvalidDataException("FileMetaData has no num_rows field.");
            }

            var type = header & 0x0F;
            var delta = header >> 4;
            fieldId = delta != 0 ? (short)(fieldId + delta) : (short)reader.ZigZag();
            if (fieldId == 3 && type == 6)
            {
                return reader.ZigZag();
            }

            reader.Skip(type);
        }
    }

    private sealed class CompactReader(byte[] bytes, int position)
    {
        private int _position = position;

        public byte Byte() => bytes[_position++];

        public long ZigZag()
        {
            var raw = Varint();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }

        public void Skip(int type)
        {
            switch (type)
            {
                case 1 or 2: break; // booleans live in the type nibble
                case 3: _position++; break;
                case 4 or 5 or 6: Varint(); break;
                case 7: _position += 8; break;
                case 8:
                    var size = (int)Varint(); // read before updating _position: Varint moves it
                    _position += size;
                    break;
                case 9 or 10:
                    var header = Byte();
                    var count = header >> 4 == 15 ? (int)Varint() : header >> 4;
                    for (var i = 0; i < count; i++)
                    {
                        SkipElement(header & 0x0F);
                    }

                    break;
                case 11:
                    var entries = (int)Varint();
                    if (entries > 0)
                    {
                        var types = Byte();
                        for (var i = 0; i < entries; i++)
                        {
                            SkipElement(types >> 4);
                            SkipElement(types & 0x0F);
                        }
                    }

                    break;
                case 12:
                    SkipStruct();
                    break;
                default:
                    throw new InvalidDataException($"Unknown Thrift compact type {type}.");
            }
        }

        private void SkipElement(int type)
        {
            if (type is 1 or 2)
            {
                _position++; // inside collections a boolean takes one byte
            }
            else
            {
                Skip(type);
            }
        }

        private void SkipStruct()
        {
            while (true)
            {
                var header = Byte();
                if (header == 0)
                {
                    return;
                }

                if (header >> 4 == 0)
                {
                    ZigZag(); // explicit field id
                }

                Skip(header & 0x0F);
            }
        }

        private ulong Varint()
        {
            ulong result = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = Byte();
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }
        }
    }
}
