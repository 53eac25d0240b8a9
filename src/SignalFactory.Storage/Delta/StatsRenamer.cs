using System.Text.Json;

namespace SignalFactory.Storage.Delta;

/// <summary>
/// With column mapping, statistics are keyed by physical column names (nested for structs). This rewrites such a
/// stats object with the logical names of the schema; keys the schema does not know are kept as they are.
/// </summary>
internal static class StatsRenamer
{
    public static JsonElement ToLogicalNames(JsonElement stats, IReadOnlyList<DeltaField> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, stats, fields);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement value, IReadOnlyList<DeltaField> fields)
    {
        writer.WriteStartObject();
        foreach (var property in value.EnumerateObject())
        {
            var field = fields.FirstOrDefault(f => string.Equals(f.PhysicalName, property.Name, StringComparison.Ordinal));
            writer.WritePropertyName(field?.Name ?? property.Name);
            if (field is not null && field.Fields.Count > 0 && property.Value.ValueKind == JsonValueKind.Object)
            {
                WriteObject(writer, property.Value, field.Fields);
            }
            else
            {
                property.Value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
