using Microsoft.Data.Sqlite;

namespace SignalFactory.Profiling.Refinement;

public sealed partial class SqliteBaselineStore
{
    private static async Task<BaselineState?> ReadStateAsync(
        SqliteConnection connection, SqliteTransaction transaction, string datasetUrn, CancellationToken cancellationToken)
    {
        var rows = await ReadRowsAsync(connection, transaction, datasetUrn, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        var runs = await ReadRunsAsync(connection, transaction, datasetUrn, cancellationToken).ConfigureAwait(false);
        return new BaselineState { DatasetUrn = datasetUrn, Metrics = rows, RunHistory = runs };
    }

    private static async Task<List<BaselineMetricRecord>> ReadRowsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string datasetUrn, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            // ORDER BY on TEXT uses BINARY collation: ordinal, as BaselineState promises.
            command.CommandText = $"SELECT {RowColumns} FROM baselines WHERE dataset_urn = $urn ORDER BY metric_key;";
            command.Parameters.AddWithValue("$urn", datasetUrn);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<BaselineMetricRecord>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(ReadRow(reader));
                }

                return rows;
            }
        }
    }

    private static BaselineMetricRecord ReadRow(SqliteDataReader reader)
    {
        var urn = reader.GetString(0);
        var key = reader.GetString(1);
        try
        {
            return new BaselineMetricRecord
            {
                DatasetUrn = urn,
                MetricKey = key,
                ValueJson = reader.GetString(2),
                Confidence = reader.GetString(3),
                IsSynthetic = reader.GetInt64(4) != 0,
                SourceBootstrapId = reader.IsDBNull(5) ? null : reader.GetString(5),
                SourceEngine = reader.GetString(6),
                PartitionsSampled = reader.GetInt32(7),
                CreatedAt = ParseTimestamp(reader.GetString(8)),
                UpdatedAt = ParseTimestamp(reader.GetString(9)),
                AutoRefineRunsRemaining = reader.GetInt32(10),
                FlaggedForReview = reader.GetInt64(11) != 0,
                ReviewReason = reader.IsDBNull(12) ? null : reader.GetString(12),
                Version = reader.GetInt64(13),
            };
        }
        catch (FormatException ex)
        {
            throw new BaselineStoreFormatException($"The stored '{key}' baseline row of {urn} has an unreadable timestamp.", ex);
        }
    }

    private static async Task InsertRowAsync(
        SqliteConnection connection, SqliteTransaction transaction, BaselineMetricRecord row, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT INTO baselines ({RowColumns})
                VALUES ($urn, $key, $value, $confidence, $synthetic, $bootstrap, $engine, $partitions, $created, $updated,
                        $remaining, $flagged, $reason, 1)
                ON CONFLICT (dataset_urn, metric_key) DO NOTHING;
                """;
            BindRow(command, row);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                var actual = await ReadVersionAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
                throw new BaselineConcurrencyException(row.DatasetUrn, row.MetricKey, null, actual);
            }
        }
    }

    private static async Task UpdateRowAsync(
        SqliteConnection connection, SqliteTransaction transaction, BaselineMetricRecord row, long expectedVersion, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE baselines SET
                    baseline_value = $value, confidence = $confidence, is_synthetic = $synthetic,
                    source_bootstrap_id = $bootstrap, source_engine = $engine, partitions_sampled = $partitions,
                    created_at = $created, updated_at = $updated, auto_refine_runs_remaining = $remaining,
                    flagged_for_review = $flagged, review_reason = $reason, version = version + 1
                WHERE dataset_urn = $urn AND metric_key = $key AND version = $expected;
                """;
            BindRow(command, row);
            command.Parameters.AddWithValue("$expected", expectedVersion);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                var actual = await ReadVersionAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
                throw new BaselineConcurrencyException(row.DatasetUrn, row.MetricKey, expectedVersion, actual);
            }
        }
    }

    private static async Task DeleteRowAsync(
        SqliteConnection connection, SqliteTransaction transaction, BaselineMetricRecord row, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM baselines WHERE dataset_urn = $urn AND metric_key = $key;";
            command.Parameters.AddWithValue("$urn", row.DatasetUrn);
            command.Parameters.AddWithValue("$key", row.MetricKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<long?> ReadVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, BaselineMetricRecord row, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT version FROM baselines WHERE dataset_urn = $urn AND metric_key = $key;";
            command.Parameters.AddWithValue("$urn", row.DatasetUrn);
            command.Parameters.AddWithValue("$key", row.MetricKey);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
        }
    }

    private static void BindRow(SqliteCommand command, BaselineMetricRecord row)
    {
        var p = command.Parameters;
        p.AddWithValue("$urn", row.DatasetUrn);
        p.AddWithValue("$key", row.MetricKey);
        p.AddWithValue("$value", row.ValueJson);
        p.AddWithValue("$confidence", row.Confidence);
        p.AddWithValue("$synthetic", row.IsSynthetic ? 1 : 0);
        p.AddWithValue("$bootstrap", (object?)row.SourceBootstrapId ?? DBNull.Value);
        p.AddWithValue("$engine", row.SourceEngine);
        p.AddWithValue("$partitions", row.PartitionsSampled);
        p.AddWithValue("$created", FormatTimestamp(row.CreatedAt));
        p.AddWithValue("$updated", FormatTimestamp(row.UpdatedAt));
        p.AddWithValue("$remaining", row.AutoRefineRunsRemaining);
        p.AddWithValue("$flagged", row.FlaggedForReview ? 1 : 0);
        p.AddWithValue("$reason", (object?)row.ReviewReason ?? DBNull.Value);
    }
}
