using System.Text.Json;

namespace SignalFactory.Storage.Tests.Delta;

/// <summary>Writes small synthetic Delta logs for tests: one JSON object per action line.</summary>
internal sealed class DeltaLogBuilder
{
    public DeltaLogBuilder(string tableRoot)
    {
        TableRoot = tableRoot;
        Directory.CreateDirectory(LogDirectory);
    }

    public string TableRoot { get; }

    public string LogDirectory => Path.Combine(TableRoot, "_delta_log");

    public static object Protocol(int reader = 1, int writer = 2, string[]? readerFeatures = null, string[]? writerFeatures = null) =>
        new { protocol = new { minReaderVersion = reader, minWriterVersion = writer, readerFeatures, writerFeatures } };

    public static object Metadata(string schemaString, string[]? partitionColumns = null, Dictionary<string, string>? configuration = null) =>
        new
        {
            metaData = new
            {
                id = "00000000-0000-0000-0000-000000000001",
                format = new { provider = "parquet", options = new Dictionary<string, string>() },
                schemaString,
                partitionColumns = partitionColumns ?? [],
                configuration = configuration ?? new Dictionary<string, string>(),
                createdTime = 1700000000000,
            },
        };

    public static string Schema(params (string Name, string Type)[] columns) =>
        JsonSerializer.Serialize(new
        {
            type = "struct",
            fields = columns.Select(c => new { name = c.Name, type = c.Type, nullable = true, metadata = new Dictionary<string, string>() }),
        });

    public static object Add(string path, Dictionary<string, string?>? partitionValues = null, string? stats = null, long size = 100, object? deletionVector = null) =>
        new
        {
            add = new
            {
                path,
                partitionValues = partitionValues ?? new Dictionary<string, string?>(),
                size,
                modificationTime = 1700000000000,
                dataChange = true,
                stats,
                deletionVector,
            },
        };

    public static object Remove(string path) => new { remove = new { path, deletionTimestamp = 1700000000001, dataChange = true } };

    public static object CommitInfo(long timestamp, string operation) => new { commitInfo = new { timestamp, operation } };

    public string Commit(long version, params object[] actions) =>
        WriteLines(Path.Combine(LogDirectory, ReferenceReplay.CommitName(version)), actions);

    public string WriteLines(string path, params object[] actions)
    {
        File.WriteAllLines(path, actions.Select(a => JsonSerializer.Serialize(a)));
        return path;
    }
}
