using System.Globalization;
using System.Text;
using SignalFactory.DuckDb;

namespace SignalFactory.Storage.Parquet;

/// <summary>A top-level column of a Parquet schema as DuckDB would type it: its name, DuckDB type name and type id.</summary>
public sealed record ParquetTopLevelColumn(string Name, string DuckDbTypeName, DuckDbType Type, bool Required);

/// <summary>
/// Maps a Parquet schema (from <see cref="ParquetFooterParser"/>) to DuckDB-style column types, the way DuckDB's
/// Parquet reader types them, so a column known only from our footer reads like one DuckDB described: logical types
/// first, then legacy converted types, then the physical type (INT96 as TIMESTAMP, binaries as BLOB, decimals above
/// 38 digits as DOUBLE). Nested groups follow the LIST/MAP backward-compatibility rules of LogicalTypes.md; a repeated
/// field outside a LIST is a list of it. A MAP whose key_value group has no value field (allowed by LogicalTypes.md:
/// the value "can be required, optional, or omitted") is typed as a list of its keys, <c>K[]</c>: the file stores
/// only keys, so a map type would invent a value column that no file holds.
/// </summary>
public static class ParquetDuckDbTypes
{
    // The parser bounds schema depth; a repeated field or a LIST adds at most one type level per schema level.
    private const int MaxNesting = 2 * (ParquetFooterParser.MaxSchemaDepth + 1);

    /// <summary>The schema's top-level columns with their DuckDB types.</summary>
    /// <exception cref="ParquetFooterFormatException">The schema is not a well-formed tree.</exception>
    public static IReadOnlyList<ParquetTopLevelColumn> TopLevelColumns(IReadOnlyList<ParquetSchemaElement> schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Count == 0)
        {
            return [];
        }

        var root = Node.Build(schema);
        return [.. root.Children.Select(c =>
        {
            var (name, type) = TypeOf(c, 0);
            return new ParquetTopLevelColumn(c.Element.Name, name, type, c.Element.Repetition == ParquetRepetition.Required);
        })];
    }

    private static (string Name, DuckDbType Type) TypeOf(Node node, int depth)
    {
        if (node.Element.Repetition == ParquetRepetition.Repeated)
        {
            // A repeated field outside a LIST annotation is a list of required elements.
            var (element, _) = Unrepeated(node, depth + 1);
            return ($"{element}[]", DuckDbType.List);
        }

        return Unrepeated(node, depth);
    }

    private static (string Name, DuckDbType Type) Unrepeated(Node node, int depth)
    {
        if (depth > MaxNesting)
        {
            throw new ParquetFooterFormatException($"the schema nests deeper than {MaxNesting} levels");
        }

        var e = node.Element;
        if (node.Children.Count == 0 && e.Type is { } physical)
        {
            return Primitive(e, physical);
        }

        var kind = e.LogicalType?.Kind;
        if (kind == ParquetLogicalKind.List || e.ConvertedType == ParquetConvertedType.List)
        {
            return ListOf(node, depth);
        }

        if (kind == ParquetLogicalKind.Map || e.ConvertedType is ParquetConvertedType.Map or ParquetConvertedType.MapKeyValue)
        {
            return MapOf(node, depth);
        }

        return StructOf(node.Children, depth);
    }

    // LogicalTypes.md, lists: the repeated child is the element when it is primitive, a group of several fields, or a
    // one-field group named "array" or "<list>_tuple"; otherwise the repeated group's single field is.
    private static (string, DuckDbType) ListOf(Node node, int depth)
    {
        if (node.Children.Count != 1 || node.Children[0].Element.Repetition != ParquetRepetition.Repeated)
        {
            return StructOf(node.Children, depth);
        }

        var repeated = node.Children[0];
        var elementIsRepeated = repeated.Children.Count != 1
            || repeated.Element.Name == "array"
            || repeated.Element.Name == node.Element.Name + "_tuple";
        var (element, _) = elementIsRepeated ? Unrepeated(repeated, depth + 1) : TypeOf(repeated.Children[0], depth + 1);
        return ($"{element}[]", DuckDbType.List);
    }

    private static (string, DuckDbType) MapOf(Node node, int depth)
    {
        var keyValue = node.Children.Count == 1 && node.Children[0].Children.Count > 0 ? node.Children[0] : null;
        if (keyValue is null)
        {
            // A MAP_KEY_VALUE-annotated key_value group itself (old writers put it one level down), or a malformed map.
            return node.Children.Count is 1 or 2 && node.Element.ConvertedType == ParquetConvertedType.MapKeyValue
                ? MapFromKeyValue(node, depth)
                : StructOf(node.Children, depth);
        }

        return MapFromKeyValue(keyValue, depth);
    }

    private static (string, DuckDbType) MapFromKeyValue(Node keyValue, int depth)
    {
        var (key, _) = TypeOf(keyValue.Children[0], depth + 1);
        if (keyValue.Children.Count == 1)
        {
            return ($"{key}[]", DuckDbType.List); // no value field: a list of the keys (see the type's summary)
        }

        if (keyValue.Children.Count > 2)
        {
            return ($"{StructOf(keyValue.Children, depth + 1).Item1}[]", DuckDbType.List);
        }

        var (value, _) = TypeOf(keyValue.Children[1], depth + 1);
        return ($"MAP({key}, {value})", DuckDbType.Map);
    }

    private static (string, DuckDbType) StructOf(IReadOnlyList<Node> fields, int depth)
    {
        var text = new StringBuilder("STRUCT(");
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(QuoteName(fields[i].Element.Name)).Append(' ').Append(TypeOf(fields[i], depth + 1).Name);
        }

        return (text.Append(')').ToString(), DuckDbType.Struct);
    }

    private static (string, DuckDbType) Primitive(ParquetSchemaElement e, ParquetPhysicalType physical)
    {
        var logical = e.LogicalType;
        var converted = e.ConvertedType;
        if (logical?.Kind == ParquetLogicalKind.Decimal || converted == ParquetConvertedType.Decimal)
        {
            var precision = logical?.Precision ?? e.Precision ?? 0;
            var scale = logical?.Scale ?? e.Scale ?? 0;
            return precision is > 0 and <= 38
                ? (string.Create(CultureInfo.InvariantCulture, $"DECIMAL({precision},{scale})"), DuckDbType.Decimal)
                : ("DOUBLE", DuckDbType.Double);
        }

        switch (physical)
        {
            case ParquetPhysicalType.Boolean:
                return ("BOOLEAN", DuckDbType.Boolean);
            case ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64:
                return Integer(e, physical == ParquetPhysicalType.Int64);
            case ParquetPhysicalType.Int96:
                return ("TIMESTAMP", DuckDbType.Timestamp);
            case ParquetPhysicalType.Float:
                return ("FLOAT", DuckDbType.Float);
            case ParquetPhysicalType.Double:
                return ("DOUBLE", DuckDbType.Double);
            case ParquetPhysicalType.FixedLenByteArray when logical?.Kind == ParquetLogicalKind.Uuid:
                return ("UUID", DuckDbType.Uuid);
            case ParquetPhysicalType.FixedLenByteArray when logical?.Kind == ParquetLogicalKind.Float16:
                return ("FLOAT", DuckDbType.Float);
            case ParquetPhysicalType.ByteArray or ParquetPhysicalType.FixedLenByteArray:
                var text = logical?.Kind is ParquetLogicalKind.String or ParquetLogicalKind.Enum or ParquetLogicalKind.Json
                    || converted is ParquetConvertedType.Utf8 or ParquetConvertedType.Enum or ParquetConvertedType.Json;
                return text ? ("VARCHAR", DuckDbType.VarChar) : ("BLOB", DuckDbType.Blob);
            default:
                return ("BLOB", DuckDbType.Blob);
        }
    }

    private static (string, DuckDbType) Integer(ParquetSchemaElement e, bool is64)
    {
        var logical = e.LogicalType;
        switch (logical?.Kind)
        {
            case ParquetLogicalKind.Integer when logical.BitWidth is { } width:
                var signed = logical.IsSigned ?? true;
                return (width, signed) switch
                {
                    (8, true) => ("TINYINT", DuckDbType.TinyInt),
                    (16, true) => ("SMALLINT", DuckDbType.SmallInt),
                    (32, true) => ("INTEGER", DuckDbType.Integer),
                    (8, false) => ("UTINYINT", DuckDbType.UTinyInt),
                    (16, false) => ("USMALLINT", DuckDbType.USmallInt),
                    (32, false) => ("UINTEGER", DuckDbType.UInteger),
                    (64, false) => ("UBIGINT", DuckDbType.UBigInt),
                    _ => Plain(is64),
                };
            case ParquetLogicalKind.Date:
                return ("DATE", DuckDbType.Date);
            case ParquetLogicalKind.Time:
                return logical.IsAdjustedToUtc == true ? ("TIME WITH TIME ZONE", DuckDbType.TimeTz)
                    : logical.Unit == ParquetTimeUnit.Nanos ? ("TIME_NS", DuckDbType.TimeNs) : ("TIME", DuckDbType.Time);
            case ParquetLogicalKind.Timestamp:
                return logical.IsAdjustedToUtc == true ? ("TIMESTAMP WITH TIME ZONE", DuckDbType.TimestampTz)
                    : logical.Unit == ParquetTimeUnit.Nanos ? ("TIMESTAMP_NS", DuckDbType.TimestampNs) : ("TIMESTAMP", DuckDbType.Timestamp);
        }

        return e.ConvertedType switch
        {
            ParquetConvertedType.Int8 => ("TINYINT", DuckDbType.TinyInt),
            ParquetConvertedType.Int16 => ("SMALLINT", DuckDbType.SmallInt),
            ParquetConvertedType.Int32 => ("INTEGER", DuckDbType.Integer),
            ParquetConvertedType.Int64 => ("BIGINT", DuckDbType.BigInt),
            ParquetConvertedType.UInt8 => ("UTINYINT", DuckDbType.UTinyInt),
            ParquetConvertedType.UInt16 => ("USMALLINT", DuckDbType.USmallInt),
            ParquetConvertedType.UInt32 => ("UINTEGER", DuckDbType.UInteger),
            ParquetConvertedType.UInt64 => ("UBIGINT", DuckDbType.UBigInt),
            ParquetConvertedType.Date => ("DATE", DuckDbType.Date),
            ParquetConvertedType.TimeMillis or ParquetConvertedType.TimeMicros => ("TIME", DuckDbType.Time),
            ParquetConvertedType.TimestampMillis or ParquetConvertedType.TimestampMicros => ("TIMESTAMP WITH TIME ZONE", DuckDbType.TimestampTz),
            _ => Plain(is64),
        };
    }

    private static (string, DuckDbType) Plain(bool is64) => is64 ? ("BIGINT", DuckDbType.BigInt) : ("INTEGER", DuckDbType.Integer);

    private static string QuoteName(string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return plain ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private sealed record Node(ParquetSchemaElement Element, IReadOnlyList<Node> Children)
    {
        // The parser checked that the flattened schema is one tree, so this terminates and uses every element.
        public static Node Build(IReadOnlyList<ParquetSchemaElement> schema)
        {
            var next = 0;
            return Take(schema, ref next, 0);
        }

        private static Node Take(IReadOnlyList<ParquetSchemaElement> schema, ref int next, int depth)
        {
            if (next >= schema.Count || depth > MaxNesting)
            {
                throw new ParquetFooterFormatException("the schema tree is malformed or nests too deep");
            }

            var element = schema[next++];
            var children = new List<Node>(Math.Min(element.NumChildren, schema.Count));
            for (var i = 0; i < element.NumChildren; i++)
            {
                children.Add(Take(schema, ref next, depth + 1));
            }

            return new Node(element, children);
        }
    }
}
