using System.Text;
using System.Text.Json;

namespace SignalFactory.Storage.Delta;

/// <summary>Parses the <c>schemaString</c> of a <c>metaData</c> action (Spark's JSON schema form).</summary>
internal static class DeltaSchemaParser
{
    private const string PhysicalNameKey = "delta.columnMapping.physicalName";
    private const string FieldIdKey = "delta.columnMapping.id";

    /// <exception cref="DeltaLogFormatException">The schema is not a valid struct schema.</exception>
    public static IReadOnlyList<DeltaField> Parse(string schemaString, DeltaColumnMappingMode mode)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schemaString, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new DeltaLogFormatException($"the schemaString is not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || TypeName(root) != "struct")
            {
                throw new DeltaLogFormatException("the schemaString is not a struct type");
            }

            try
            {
                return ParseFields(root, mode, "");
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
            {
                throw new DeltaLogFormatException("the schemaString has a malformed nested type", ex);
            }
        }
    }

    private static List<DeltaField> ParseFields(JsonElement structType, DeltaColumnMappingMode mode, string parentPath)
    {
        if (!structType.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            throw new DeltaLogFormatException($"the struct type at '{Display(parentPath)}' has no 'fields' array");
        }

        var result = new List<DeltaField>();
        foreach (var field in fields.EnumerateArray())
        {
            result.Add(ParseField(field, mode, parentPath));
        }

        return result;
    }

    private static DeltaField ParseField(JsonElement field, DeltaColumnMappingMode mode, string parentPath)
    {
        if (field.ValueKind != JsonValueKind.Object
            || !field.TryGetProperty("name", out var nameElement)
            || nameElement.ValueKind != JsonValueKind.String
            || !field.TryGetProperty("type", out var type))
        {
            throw new DeltaLogFormatException($"a field under '{Display(parentPath)}' has no name or type");
        }

        var name = nameElement.GetString()!;
        var path = parentPath.Length == 0 ? name : parentPath + "." + name;
        var nullable = !field.TryGetProperty("nullable", out var nullableElement) || nullableElement.ValueKind != JsonValueKind.False;

        string? physicalName = null;
        int? fieldId = null;
        if (field.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            if (metadata.TryGetProperty(PhysicalNameKey, out var physical) && physical.ValueKind == JsonValueKind.String)
            {
                physicalName = physical.GetString();
            }

            if (metadata.TryGetProperty(FieldIdKey, out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var idValue))
            {
                fieldId = idValue;
            }
        }

        if (mode == DeltaColumnMappingMode.None)
        {
            physicalName = name;
        }
        else if (physicalName is null)
        {
            throw new DeltaLogFormatException(
                $"column mapping is on but column '{path}' has no '{PhysicalNameKey}' in its metadata");
        }

        var children = type.ValueKind == JsonValueKind.Object && TypeName(type) == "struct"
            ? ParseFields(type, mode, path)
            : [];
        return new DeltaField(name, physicalName, TypeString(type, path), nullable, fieldId, children, type.GetRawText());
    }

    private static string TypeString(JsonElement type, string path)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString()!;
        }

        if (type.ValueKind != JsonValueKind.Object)
        {
            throw new DeltaLogFormatException($"column '{path}' has an invalid type");
        }

        switch (TypeName(type))
        {
            case "struct":
                var builder = new StringBuilder("struct<");
                var first = true;
                foreach (var child in type.GetProperty("fields").EnumerateArray())
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    var childName = child.GetProperty("name").GetString();
                    builder.Append(childName).Append(':').Append(TypeString(child.GetProperty("type"), path + "." + childName));
                }

                return builder.Append('>').ToString();
            case "array":
                return "array<" + TypeString(Required(type, "elementType", path), path + ".element") + ">";
            case "map":
                return "map<" + TypeString(Required(type, "keyType", path), path + ".key") + ","
                    + TypeString(Required(type, "valueType", path), path + ".value") + ">";
            case { } other:
                return other;
            default:
                throw new DeltaLogFormatException($"column '{path}' has a type object without 'type'");
        }
    }

    private static JsonElement Required(JsonElement type, string name, string path) =>
        type.TryGetProperty(name, out var value)
            ? value
            : throw new DeltaLogFormatException($"column '{path}' has a {TypeName(type)} type without '{name}'");

    private static string? TypeName(JsonElement type) =>
        type.TryGetProperty("type", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;

    private static string Display(string path) => path.Length == 0 ? "(root)" : path;
}
