using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SignalFactory.Examples.Lake.Delta;

/// <summary>
/// Writes <c>_delta_log/NNNNNNNNNNNNNNNNNNNN.json</c> commits: newline-delimited JSON, one action per line,
/// commitInfo first, keys in a fixed order (protocol facts from delta-io/delta PROTOCOL.md).
/// </summary>
internal sealed class DeltaLogWriter
{
    public const int MinReaderVersion = 1;
    public const int MinWriterVersion = 2;

    private readonly StringBuilder _lines = new();

    public DeltaLogWriter(string tableDirectory) => LogDirectory = Path.Combine(tableDirectory, "_delta_log");

    public string LogDirectory { get; }

    public static string VersionName(long version) => version.ToString("D20", CultureInfo.InvariantCulture);

    public DeltaLogWriter CommitInfo(DeltaCommitInfo info) => Line(writer =>
    {
        writer.WriteStartObject("commitInfo");
        writer.WriteNumber("timestamp", info.Timestamp);
        writer.WriteString("operation", info.Operation);
        DeltaJson.WriteMap(writer, "operationParameters", info.OperationParameters);
        if (info.ReadVersion is { } readVersion)
        {
            writer.WriteNumber("readVersion", readVersion);
        }

        writer.WriteString("isolationLevel", "Serializable");
        writer.WriteBoolean("isBlindAppend", info.IsBlindAppend);
        DeltaJson.WriteMap(writer, "operationMetrics", info.OperationMetrics);
        writer.WriteString("engineInfo", "SignalFactory-ExampleLake/1");
        writer.WriteString("txnId", info.TxnId.ToString("D"));
        writer.WriteEndObject();
    });

    public DeltaLogWriter Protocol() => Line(writer =>
    {
        writer.WriteStartObject("protocol");
        writer.WriteNumber("minReaderVersion", MinReaderVersion);
        writer.WriteNumber("minWriterVersion", MinWriterVersion);
        writer.WriteEndObject();
    });

    public DeltaLogWriter Metadata(DeltaMetadata metadata) => Line(writer =>
    {
        writer.WriteStartObject("metaData");
        writer.WriteString("id", metadata.Id.ToString("D"));
        writer.WriteStartObject("format");
        writer.WriteString("provider", "parquet");
        writer.WriteStartObject("options");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteString("schemaString", metadata.SchemaString);
        writer.WriteStartArray("partitionColumns");
        writer.WriteStringValue(metadata.PartitionColumn);
        writer.WriteEndArray();
        DeltaJson.WriteMap(writer, "configuration", metadata.Configuration);
        writer.WriteNumber("createdTime", metadata.CreatedTime);
        writer.WriteEndObject();
    });

    public DeltaLogWriter Add(DeltaDataFile file, string partitionColumn) => Line(writer =>
    {
        writer.WriteStartObject("add");
        writer.WriteString("path", file.Path);
        DeltaJson.WriteMap(writer, "partitionValues", [new(partitionColumn, file.PartitionValue)]);
        writer.WriteNumber("size", file.Size);
        writer.WriteNumber("modificationTime", file.ModificationTime);
        writer.WriteBoolean("dataChange", true);
        writer.WriteString("stats", file.Stats);
        writer.WriteEndObject();
    });

    public DeltaLogWriter Remove(DeltaRemovedFile removed, string partitionColumn) => Line(writer =>
    {
        writer.WriteStartObject("remove");
        writer.WriteString("path", removed.File.Path);
        writer.WriteNumber("deletionTimestamp", removed.DeletionTimestamp);
        writer.WriteBoolean("dataChange", true);
        writer.WriteBoolean("extendedFileMetadata", true);
        DeltaJson.WriteMap(writer, "partitionValues", [new(partitionColumn, removed.File.PartitionValue)]);
        writer.WriteNumber("size", removed.File.Size);
        writer.WriteStartObject("tags");
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>Writes the pending actions as commit <paramref name="version"/>; refuses to replace an existing commit.</summary>
    public string Commit(long version)
    {
        Directory.CreateDirectory(LogDirectory);
        var path = Path.Combine(LogDirectory, VersionName(version) + ".json");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            var bytes = Encoding.UTF8.GetBytes(_lines.ToString());
            stream.Write(bytes);
        }

        _lines.Clear();
        return path;
    }

    private DeltaLogWriter Line(Action<Utf8JsonWriter> write)
    {
        _lines.Append(DeltaJson.Write(writer =>
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }));
        _lines.Append('\n');
        return this;
    }
}
