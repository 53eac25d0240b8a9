namespace SignalFactory.Storage.Parquet;

// The schema half of the footer parser: schema elements, the LogicalType union, and the checks that the schema is one
// tree whose leaves match every row group's column chunks.
public static partial class ParquetFooterParser
{
    private static ParquetSchemaElement ReadSchemaElement(ThriftCompactReader reader)
    {
        ParquetPhysicalType? type = null;
        int? typeLength = null;
        ParquetRepetition? repetition = null;
        string? name = null;
        var children = 0;
        ParquetConvertedType? converted = null;
        int? scale = null;
        int? precision = null;
        ParquetLogicalType? logical = null;
        ReadStruct(reader, (wire, id) =>
        {
            switch (id, wire)
            {
                case (1, ThriftType.I32):
                    type = (ParquetPhysicalType)reader.ReadI32();
                    return true;
                case (2, ThriftType.I32):
                    typeLength = reader.ReadI32();
                    return true;
                case (3, ThriftType.I32):
                    repetition = (ParquetRepetition)reader.ReadI32();
                    return true;
                case (4, ThriftType.Binary):
                    name = reader.ReadString();
                    return true;
                case (5, ThriftType.I32):
                    children = reader.ReadI32();
                    return true;
                case (6, ThriftType.I32):
                    converted = (ParquetConvertedType)reader.ReadI32();
                    return true;
                case (7, ThriftType.I32):
                    scale = reader.ReadI32();
                    return true;
                case (8, ThriftType.I32):
                    precision = reader.ReadI32();
                    return true;
                case (10, ThriftType.Struct):
                    logical = ReadLogicalType(reader);
                    return true;
                default:
                    return false;
            }
        });

        if (children < 0)
        {
            throw new ParquetFooterFormatException($"a schema element declares {children} children");
        }

        return new ParquetSchemaElement(
            name ?? throw new ParquetFooterFormatException("a schema element has no name"),
            type, typeLength, repetition, children, converted, scale, precision, logical);
    }

    // A union: one field set, its id naming the member. Members with fields are read; the rest are empty structs.
    private static ParquetLogicalType ReadLogicalType(ThriftCompactReader reader)
    {
        var result = new ParquetLogicalType(ParquetLogicalKind.Other);
        ReadStruct(reader, (wire, id) =>
        {
            if (wire != ThriftType.Struct)
            {
                return false;
            }

            var kind = Enum.IsDefined((ParquetLogicalKind)id) ? (ParquetLogicalKind)id : ParquetLogicalKind.Other;
            result = kind switch
            {
                ParquetLogicalKind.Decimal => ReadDecimal(reader),
                ParquetLogicalKind.Time or ParquetLogicalKind.Timestamp => ReadTemporal(reader, kind),
                ParquetLogicalKind.Integer => ReadInteger(reader),
                _ => SkipAndReturn(reader, new ParquetLogicalType(kind)),
            };
            return true;
        });
        return result;
    }

    private static ParquetLogicalType SkipAndReturn(ThriftCompactReader reader, ParquetLogicalType value)
    {
        reader.SkipStruct();
        return value;
    }

    private static ParquetLogicalType ReadDecimal(ThriftCompactReader reader)
    {
        int? scale = null;
        int? precision = null;
        ReadStruct(reader, (wire, id) =>
        {
            switch (id, wire)
            {
                case (1, ThriftType.I32):
                    scale = reader.ReadI32();
                    return true;
                case (2, ThriftType.I32):
                    precision = reader.ReadI32();
                    return true;
                default:
                    return false;
            }
        });
        return new ParquetLogicalType(ParquetLogicalKind.Decimal, Scale: scale, Precision: precision);
    }

    private static ParquetLogicalType ReadTemporal(ThriftCompactReader reader, ParquetLogicalKind kind)
    {
        bool? utc = null;
        ParquetTimeUnit? unit = null;
        ReadStruct(reader, (wire, id) =>
        {
            switch (id, wire)
            {
                case (1, ThriftType.BoolTrue or ThriftType.BoolFalse):
                    utc = wire == ThriftType.BoolTrue;
                    return true;
                case (2, ThriftType.Struct):
                    ReadStruct(reader, (unitWire, unitId) =>
                    {
                        if (unitWire != ThriftType.Struct)
                        {
                            return false;
                        }

                        unit = Enum.IsDefined((ParquetTimeUnit)unitId) ? (ParquetTimeUnit)unitId : null;
                        reader.SkipStruct();
                        return true;
                    });
                    return true;
                default:
                    return false;
            }
        });
        return new ParquetLogicalType(kind, Unit: unit, IsAdjustedToUtc: utc);
    }

    private static ParquetLogicalType ReadInteger(ThriftCompactReader reader)
    {
        int? width = null;
        bool? signed = null;
        ReadStruct(reader, (wire, id) =>
        {
            switch (id, wire)
            {
                case (1, ThriftType.Byte):
                    width = reader.ReadI8();
                    return true;
                case (2, ThriftType.BoolTrue or ThriftType.BoolFalse):
                    signed = wire == ThriftType.BoolTrue;
                    return true;
                default:
                    return false;
            }
        });
        return new ParquetLogicalType(ParquetLogicalKind.Integer, BitWidth: width, IsSigned: signed);
    }

    // What a reader relies on: known physical types and repetitions, and in every row group one chunk per leaf, in
    // schema order, under the leaf's path (a chunk stored in another file, without inline metadata, is let through).
    private static void CheckConsistency(ParquetFileMetadata metadata)
    {
        var leaves = new List<string[]>();
        var path = new List<string>();
        var next = 1;
        for (var child = 0; child < metadata.Schema[0].NumChildren; child++)
        {
            next = CollectLeaves(metadata.Schema, next, path, leaves, 1);
        }

        if (metadata.NumRows < 0)
        {
            throw new ParquetFooterFormatException($"the footer declares {metadata.NumRows} rows");
        }

        for (var g = 0; g < metadata.RowGroups.Count; g++)
        {
            var columns = metadata.RowGroups[g].Columns;
            if (columns.Count != leaves.Count)
            {
                throw new ParquetFooterFormatException($"row group {g} has {columns.Count} column chunks for {leaves.Count} schema leaves");
            }

            for (var c = 0; c < columns.Count; c++)
            {
                var chunk = columns[c];
                if (chunk.Path.Count > 0 && !chunk.Path.SequenceEqual(leaves[c], StringComparer.Ordinal))
                {
                    throw new ParquetFooterFormatException($"row group {g}, column chunk {c}: its path does not match schema leaf {c}");
                }

                if (chunk.NumValues < 0 || chunk.Statistics?.NullCount < 0)
                {
                    throw new ParquetFooterFormatException($"row group {g}, column chunk {c}: a negative value or null count");
                }
            }
        }
    }

    private static int CollectLeaves(IReadOnlyList<ParquetSchemaElement> schema, int index, List<string> path, List<string[]> leaves, int depth)
    {
        if (depth > MaxSchemaDepth)
        {
            throw new ParquetFooterFormatException($"the schema nests deeper than {MaxSchemaDepth} levels");
        }

        var element = schema[index];
        if (element.Repetition is { } repetition && !Enum.IsDefined(repetition))
        {
            throw new ParquetFooterFormatException($"schema element {index} has an unknown repetition {(int)repetition}");
        }

        path.Add(element.Name);
        var next = index + 1;
        if (element.NumChildren == 0)
        {
            if (element.Type is not { } type || !Enum.IsDefined(type))
            {
                throw new ParquetFooterFormatException(
                    $"schema leaf {index} has {(element.Type is { } t ? $"an unknown physical type {(int)t}" : "no physical type")}");
            }

            leaves.Add([.. path]);
        }

        for (var child = 0; child < element.NumChildren; child++)
        {
            next = CollectLeaves(schema, next, path, leaves, depth + 1);
        }

        path.RemoveAt(path.Count - 1);
        return next;
    }

    // The flattened schema must form exactly one tree: the root's descendants use every element once.
    private static void CheckSchemaTree(IReadOnlyList<ParquetSchemaElement> schema)
    {
        var next = 0;
        var pending = new Stack<int>();
        pending.Push(1);
        while (pending.Count > 0)
        {
            var left = pending.Pop();
            if (left == 0)
            {
                continue;
            }

            pending.Push(left - 1);
            if (next >= schema.Count)
            {
                throw new ParquetFooterFormatException($"the schema's num_children need more than its {schema.Count} elements");
            }

            pending.Push(schema[next++].NumChildren);
        }

        if (next != schema.Count)
        {
            throw new ParquetFooterFormatException($"the schema tree uses {next} of its {schema.Count} elements");
        }
    }
}
