using System.Globalization;
using Microsoft.Data.Sqlite;
using SignalFactory.DuckDb;

namespace SignalFactory.Cli.Tests.Bootstrap;

/// <summary>Hive-partitioned Parquet tables written with DuckDB, and manifests pointing at them.</summary>
internal static class LakeTables
{
    /// <summary>
    /// <paramref name="partitions"/> daily partitions (<c>dt=2026-01-01</c> …) of <paramref name="rowsPerPartition"/>
    /// rows: an id, two high-cardinality strings, an amount, a status and a timestamp. Returns the row count written.
    /// </summary>
    public static long Write(string folder, int partitions, long rowsPerPartition, int repeatStrings = 1)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        var compression = repeatStrings > 1 ? "uncompressed" : "snappy";
        for (var p = 0; p < partitions; p++)
        {
            // One file per partition folder, written directly: cheaper than PARTITION_BY over a computed date.
            var partition = Path.Combine(folder, $"dt=2026-01-{p + 1:00}");
            Directory.CreateDirectory(partition);
            var file = Path.Combine(partition, "part-0.parquet").Replace("'", "''", StringComparison.Ordinal);
            connection.Execute(string.Create(CultureInfo.InvariantCulture, $"""
                COPY (
                    SELECT range AS id,
                           repeat('c' || hash(range)::VARCHAR, {repeatStrings}) AS customer,
                           repeat('n' || (range * 7919 % 1000003)::VARCHAR, {repeatStrings}) AS note,
                           (range % 10007) / 100.0 AS amount,
                           ['NEW', 'PAID', 'SHIPPED'][1 + range % 3] AS status,
                           TIMESTAMP '2026-01-01' + to_seconds(range % 86400) AS created_at
                    FROM range({p * rowsPerPartition}, {(p + 1) * rowsPerPartition})
                ) TO '{file}' (FORMAT parquet, COMPRESSION {compression})
                """));
        }

        return partitions * rowsPerPartition;
    }

    /// <summary>A Parquet <c>dataset.yaml</c> whose gold table is <paramref name="table"/>.</summary>
    public static string Manifest(string urn, string table, string tier = "TIER_3", bool skipProfiling = false) => $"""
        urn: "{urn}"
        owner_team: "growth"
        tier: {tier}
        runtime: python
        storage:
          format: parquet
          gold: "{table}"
          partition_key: "dt"
        slo:
          volume:
            min_rows_per_partition: 10
            anomaly_threshold_pct: 50
        enforcement_model: post_write
        {(skipProfiling ? "skip_profiling: true" : "")}
        """;

    /// <summary>Baseline history entries of <paramref name="zoneAndName"/> (e.g. <c>analytics/events</c>), counted on disk.</summary>
    public static int BaselineVersions(string root, string zoneAndName) => HistoryFiles(root, zoneAndName, "baseline.json.history");

    /// <summary>Published policy bundle versions, counted on disk.</summary>
    public static int PolicyVersions(string root, string zoneAndName) => HistoryFiles(root, zoneAndName, "policy_bundle.yaml.history");

    public static string DatasetFolder(string root, string zoneAndName) =>
        Path.Combine([root, ".sf", "artifacts", "datasets", .. zoneAndName.Split('/')]);

    /// <summary>The bootstraps row as the database holds it (state, lease owner, lease expiry), read with plain SQL.</summary>
    public static async Task<(string State, string? LeaseOwner, DateTimeOffset? LeaseExpiresAt)?> ReadRowAsync(string root, string urn)
    {
        var database = Path.Combine(root, ".sf", "state.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, lease_owner, lease_expires_at FROM bootstraps WHERE dataset_urn = $urn ORDER BY bootstrap_id DESC LIMIT 1;";
        command.Parameters.AddWithValue("$urn", urn);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        DateTimeOffset? expires = reader.IsDBNull(2)
            ? null
            : DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), expires);
    }

    private static int HistoryFiles(string root, string zoneAndName, string folder)
    {
        var path = Path.Combine(DatasetFolder(root, zoneAndName), folder);
        return Directory.Exists(path) ? Directory.GetFiles(path).Length : 0;
    }
}
