namespace SignalFactory.Examples.Lake.Delta;

/// <summary>The <c>schemaString</c> of the Delta metaData action: Spark's JSON schema, data columns then <c>dt</c>.</summary>
internal static class DeltaSchemaString
{
    public static string Build(ExampleTableSchema schema, string partitionColumn) => DeltaJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("type", "struct");
        writer.WriteStartArray("fields");
        foreach (var column in schema.Columns)
        {
            WriteField(writer, column.Name, column.DeltaType, column.Nullable);
        }

        WriteField(writer, partitionColumn, "string", nullable: true);
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void WriteField(System.Text.Json.Utf8JsonWriter writer, string name, string type, bool nullable)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("type", type);
        writer.WriteBoolean("nullable", nullable);
        writer.WriteStartObject("metadata");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
