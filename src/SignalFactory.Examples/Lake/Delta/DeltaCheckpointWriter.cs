using SignalFactory.DuckDb;
using SignalFactory.Examples.Lake.Tables;

namespace SignalFactory.Examples.Lake.Delta;

/// <summary>
/// Writes a classic single-file checkpoint (<c>NNNNNNNNNNNNNNNNNNNN.checkpoint.parquet</c>) and <c>_last_checkpoint</c>.
/// One action per row; top-level struct columns txn, add, remove, metaData, protocol as in the protocol's checkpoint
/// schema. The actions go into a temporary table through bound parameters, and DuckDB builds the structs in a COPY.
/// </summary>
internal static class DeltaCheckpointWriter
{
    private const string CreateTables = """
        CREATE OR REPLACE TEMP TABLE sf_checkpoint (
            ord INTEGER, kind VARCHAR, path VARCHAR, partition_key VARCHAR, partition_value VARCHAR, size BIGINT,
            modification_time BIGINT, stats VARCHAR, deletion_timestamp BIGINT, metadata_id VARCHAR,
            schema_string VARCHAR, created_time BIGINT, min_reader INTEGER, min_writer INTEGER);
        CREATE OR REPLACE TEMP TABLE sf_checkpoint_config (ord INTEGER, k VARCHAR, v VARCHAR);
        """;

    private const string Select = """
        SELECT
            CAST(NULL AS STRUCT(appId VARCHAR, "version" BIGINT, lastUpdated BIGINT)) AS txn,
            CASE WHEN kind = 'add' THEN {
                'path': path, 'partitionValues': map([partition_key], [partition_value]), 'size': size,
                'modificationTime': modification_time, 'dataChange': FALSE,
                'tags': CAST(NULL AS MAP(VARCHAR, VARCHAR)), 'stats': stats} END AS "add",
            CASE WHEN kind = 'remove' THEN {
                'path': path, 'deletionTimestamp': deletion_timestamp, 'dataChange': TRUE, 'extendedFileMetadata': TRUE,
                'partitionValues': map([partition_key], [partition_value]), 'size': size,
                'tags': CAST(NULL AS MAP(VARCHAR, VARCHAR))} END AS "remove",
            CASE WHEN kind = 'metaData' THEN {
                'id': metadata_id, 'name': CAST(NULL AS VARCHAR), 'description': CAST(NULL AS VARCHAR),
                'format': {'provider': 'parquet', 'options': CAST(map([], []) AS MAP(VARCHAR, VARCHAR))},
                'schemaString': schema_string, 'partitionColumns': [partition_key],
                'configuration': (SELECT CAST(map(list(k ORDER BY ord), list(v ORDER BY ord)) AS MAP(VARCHAR, VARCHAR)) FROM sf_checkpoint_config),
                'createdTime': created_time} END AS "metaData",
            CASE WHEN kind = 'protocol' THEN {'minReaderVersion': min_reader, 'minWriterVersion': min_writer} END AS protocol
        FROM sf_checkpoint
        ORDER BY ord
        """;

    /// <summary>Writes the checkpoint of <paramref name="version"/> and points <c>_last_checkpoint</c> at it.</summary>
    /// <returns>The number of actions (rows) in the checkpoint.</returns>
    public static int Write(
        DuckDbConnection connection,
        string logDirectory,
        long version,
        DeltaMetadata metadata,
        IReadOnlyCollection<DeltaDataFile> active,
        IReadOnlyCollection<DeltaRemovedFile> tombstones)
    {
        foreach (var statement in CreateTables.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            connection.Execute(statement);
        }

        var ord = 0;
        for (var i = 0; i < metadata.Configuration.Count; i++)
        {
            Run(connection, "INSERT INTO sf_checkpoint_config VALUES ($1, $2, $3)",
                i, metadata.Configuration[i].Key, metadata.Configuration[i].Value);
        }

        Run(connection, "INSERT INTO sf_checkpoint (ord, kind, min_reader, min_writer) VALUES ($1, 'protocol', $2, $3)",
            ord++, DeltaLogWriter.MinReaderVersion, DeltaLogWriter.MinWriterVersion);
        Run(connection,
            "INSERT INTO sf_checkpoint (ord, kind, partition_key, metadata_id, schema_string, created_time) VALUES ($1, 'metaData', $2, $3, $4, $5)",
            ord++, metadata.PartitionColumn, metadata.Id.ToString("D"), metadata.SchemaString, metadata.CreatedTime);
        // One INSERT per action kind: the lists are bound as parameters and unnested side by side (row i of each
        // list belongs together), so a long history does not cost one statement per file.
        var adds = active.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        if (adds.Count > 0)
        {
            Run(connection,
                "INSERT INTO sf_checkpoint (ord, kind, path, partition_key, partition_value, size, modification_time, stats) "
                + "SELECT $1 + ordinal - 1, 'add', path, $2, partition_value, size, modification_time, stats FROM ("
                + "SELECT unnest($3::VARCHAR[]) AS path, unnest($4::VARCHAR[]) AS partition_value, unnest($5::BIGINT[]) AS size, "
                + "unnest($6::BIGINT[]) AS modification_time, unnest($7::VARCHAR[]) AS stats, unnest(range(1, len($3::VARCHAR[]) + 1)) AS ordinal)",
                ord, metadata.PartitionColumn,
                adds.Select(f => f.Path).ToList(), adds.Select(f => f.PartitionValue).ToList(), adds.Select(f => f.Size).ToList(),
                adds.Select(f => f.ModificationTime).ToList(), adds.Select(f => f.Stats).ToList());
            ord += adds.Count;
        }

        var removes = tombstones.OrderBy(r => r.File.Path, StringComparer.Ordinal).ToList();
        if (removes.Count > 0)
        {
            Run(connection,
                "INSERT INTO sf_checkpoint (ord, kind, path, partition_key, partition_value, size, deletion_timestamp) "
                + "SELECT $1 + ordinal - 1, 'remove', path, $2, partition_value, size, deletion_timestamp FROM ("
                + "SELECT unnest($3::VARCHAR[]) AS path, unnest($4::VARCHAR[]) AS partition_value, unnest($5::BIGINT[]) AS size, "
                + "unnest($6::BIGINT[]) AS deletion_timestamp, unnest(range(1, len($3::VARCHAR[]) + 1)) AS ordinal)",
                ord, metadata.PartitionColumn,
                removes.Select(r => r.File.Path).ToList(), removes.Select(r => r.File.PartitionValue).ToList(),
                removes.Select(r => r.File.Size).ToList(), removes.Select(r => r.DeletionTimestamp).ToList());
            ord += removes.Count;
        }

        var name = DeltaLogWriter.VersionName(version);
        var checkpoint = Path.Combine(logDirectory, name + ".checkpoint.parquet");

        // The COPY target cannot be a parameter; the path is built only from the lake folder and the version number.
        connection.Execute($"COPY ({Select}) TO {GeneratorSql.QuoteLiteral(checkpoint)} (FORMAT parquet)");
        connection.Execute("DROP TABLE sf_checkpoint");
        connection.Execute("DROP TABLE sf_checkpoint_config");

        var lastCheckpoint = DeltaJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", version);
            writer.WriteNumber("size", ord);
            writer.WriteNumber("sizeInBytes", new FileInfo(checkpoint).Length);
            writer.WriteNumber("numOfAddFiles", active.Count);
            writer.WriteEndObject();
        });
        File.WriteAllText(Path.Combine(logDirectory, "_last_checkpoint"), lastCheckpoint + "\n");
        return ord;
    }

    private static void Run(DuckDbConnection connection, string sql, params object?[] parameters)
    {
        using var result = connection.Query(sql, parameters);
    }
}
