using System.Globalization;
using System.Text.Json;

namespace SignalFactory.Policy.Tests.Certification.Support;

/// <summary>
/// A Delta table written by hand: commit 0 holds only protocol and metadata (schema id long, name string), later
/// commits add one Parquet file each, with <c>numRecords</c> statistics.
/// </summary>
public sealed class TinyDeltaTable(string root)
{
    public const long FirstCommitMs = 1_793_000_000_000;

    public string Root { get; } = root;

    private string Log => Path.Combine(Root, "_delta_log");

    /// <summary>Writes commit 0: protocol, metaData and commitInfo, no data file.</summary>
    public void CreateEmpty()
    {
        Directory.CreateDirectory(Log);
        var schema = JsonSerializer.Serialize(new
        {
            type = "struct",
            fields = new object[]
            {
                new { name = "id", type = "long", nullable = true, metadata = new Dictionary<string, string>() },
                new { name = "name", type = "string", nullable = true, metadata = new Dictionary<string, string>() },
            },
        });
        Commit(0,
            new { commitInfo = new { timestamp = FirstCommitMs, operation = "CREATE TABLE" } },
            new { protocol = new { minReaderVersion = 1, minWriterVersion = 2 } },
            new
            {
                metaData = new
                {
                    id = "00000000-0000-0000-0000-0000000000aa",
                    format = new { provider = "parquet", options = new Dictionary<string, string>() },
                    schemaString = schema,
                    partitionColumns = Array.Empty<string>(),
                    configuration = new Dictionary<string, string>(),
                    createdTime = FirstCommitMs,
                },
            });
    }

    /// <summary>Writes a data file with <paramref name="rows"/> rows and the commit that adds it.</summary>
    public void AppendFile(long version, int rows)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"part-{version:D5}.parquet");
        var path = Path.Combine(Root, name);
        LakeFiles.WriteParquet(path, rows);
        Commit(version,
            new { commitInfo = new { timestamp = FirstCommitMs + (version * 60_000), operation = "WRITE" } },
            new
            {
                add = new
                {
                    path = name,
                    partitionValues = new Dictionary<string, string>(),
                    size = new FileInfo(path).Length,
                    modificationTime = FirstCommitMs + (version * 60_000),
                    dataChange = true,
                    stats = JsonSerializer.Serialize(new { numRecords = rows }),
                },
            });
    }

    private void Commit(long version, params object[] actions) =>
        File.WriteAllLines(
            Path.Combine(Log, version.ToString("D20", CultureInfo.InvariantCulture) + ".json"),
            actions.Select(a => JsonSerializer.Serialize(a)));
}
