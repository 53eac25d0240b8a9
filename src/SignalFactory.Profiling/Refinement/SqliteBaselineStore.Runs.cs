using Microsoft.Data.Sqlite;

namespace SignalFactory.Profiling.Refinement;

public sealed partial class SqliteBaselineStore
{
    /// <inheritdoc />
    public async Task CommitRunAsync(BaselineRunCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentOutOfRangeException.ThrowIfLessThan(commit.HistoryLimit, 1);
        if (commit.Writes.Any(w => !string.Equals(w.Row.DatasetUrn, commit.DatasetUrn, StringComparison.Ordinal)))
        {
            throw new ArgumentException("Every row write of a run commit must belong to its dataset.", nameof(commit));
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                // Rows first: a stale version fails here, before anything else of the commit is written (and the
                // rollback on dispose undoes whatever was).
                foreach (var write in commit.Writes)
                {
                    if (write.ExpectedVersion is { } expected)
                    {
                        await UpdateRowAsync(connection, transaction, write.Row, expected, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await InsertRowAsync(connection, transaction, write.Row, cancellationToken).ConfigureAwait(false);
                    }
                }

                await InsertRunAsync(connection, transaction, commit.DatasetUrn, commit.Run, cancellationToken).ConfigureAwait(false);
                await PruneRunsAsync(connection, transaction, commit.DatasetUrn, commit.Run.Sequence - commit.HistoryLimit, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                CountWrites(commit.Writes.Select(w => w.Row));
            }
        }
    }

    private static async Task InsertRunAsync(
        SqliteConnection connection, SqliteTransaction transaction, string datasetUrn, RecordedRun run, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO run_history (dataset_urn, sequence, run_id, recorded_at, row_count, duration_ms, null_rates, is_known_bad, verdict)
                VALUES ($urn, $sequence, $run_id, $recorded_at, $row_count, $duration_ms, $null_rates, $known_bad, $verdict)
                ON CONFLICT DO NOTHING;
                """;
            var p = command.Parameters;
            p.AddWithValue("$urn", datasetUrn);
            p.AddWithValue("$sequence", run.Sequence);
            p.AddWithValue("$run_id", run.RunId);
            p.AddWithValue("$recorded_at", FormatTimestamp(run.RecordedAt));
            p.AddWithValue("$row_count", run.RowCount);
            p.AddWithValue("$duration_ms", (object?)run.DurationMs ?? DBNull.Value);
            p.AddWithValue("$null_rates", run.NullRates.Count == 0 ? DBNull.Value : BaselineValueJson.WriteRates(run.NullRates));
            p.AddWithValue("$known_bad", run.IsKnownBad ? 1 : 0);
            p.AddWithValue("$verdict", VerdictNames.ToText(run.Verdict));
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                // The sequence or the run id is taken: another writer recorded first.
                throw new BaselineConcurrencyException(datasetUrn, "run_history", run.Sequence - 1, null);
            }
        }
    }

    private static async Task PruneRunsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string datasetUrn, long throughSequence, CancellationToken cancellationToken)
    {
        if (throughSequence < 1)
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM run_history WHERE dataset_urn = $urn AND sequence <= $through;";
            command.Parameters.AddWithValue("$urn", datasetUrn);
            command.Parameters.AddWithValue("$through", throughSequence);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<List<RecordedRun>> ReadRunsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string datasetUrn, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT sequence, run_id, recorded_at, row_count, duration_ms, null_rates, is_known_bad, verdict
                FROM run_history WHERE dataset_urn = $urn ORDER BY sequence;
                """;
            command.Parameters.AddWithValue("$urn", datasetUrn);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var runs = new List<RecordedRun>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    runs.Add(ReadRun(reader, datasetUrn));
                }

                return runs;
            }
        }
    }

    /// <summary>
    /// One history entry. An entry that cannot be read completely (damaged by hand or by another tool) comes back
    /// marked <see cref="RecordedRun.IsCorrupt"/> instead of failing the whole read: LLD §5.4 skips refinement
    /// and asks for review, it does not stop the dataset.
    /// </summary>
    private static RecordedRun ReadRun(SqliteDataReader reader, string datasetUrn)
    {
        var sequence = reader.GetInt64(0);
        var runId = reader.GetString(1);
        var corrupt = false;
        if (!DateTimeOffset.TryParseExact(reader.GetString(2), TimestampFormat, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var recordedAt))
        {
            corrupt = true;
        }

        var rowCount = reader.GetInt64(3);
        long? duration = reader.IsDBNull(4) ? null : reader.GetInt64(4);
        corrupt |= rowCount < 0 || duration < 0;

        IReadOnlyDictionary<string, double> rates = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (!reader.IsDBNull(5))
        {
            try
            {
                var parsed = BaselineValueJson.Read<Dictionary<string, double>>(reader.GetString(5), $"run {sequence} of {datasetUrn}");
                corrupt |= parsed.Values.Any(r => !(r is >= 0 and <= 1));
                rates = new SortedDictionary<string, double>(parsed, StringComparer.Ordinal);
            }
            catch (BaselineStoreFormatException)
            {
                corrupt = true;
            }
        }

        var verdictKnown = VerdictNames.TryParse(reader.GetString(7), out var verdict);
        return new RecordedRun(
            sequence, runId, recordedAt, rowCount, duration, rates, reader.GetInt64(6) != 0, verdict, corrupt || !verdictKnown);
    }
}

/// <summary>The stored text of a <see cref="VolumeVerdict"/>.</summary>
internal static class VerdictNames
{
    public static string ToText(VolumeVerdict verdict) => verdict switch
    {
        VolumeVerdict.InBounds => "in_bounds",
        VolumeVerdict.Below => "below",
        VolumeVerdict.Above => "above",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    public static bool TryParse(string text, out VolumeVerdict verdict)
    {
        switch (text)
        {
            case "in_bounds": verdict = VolumeVerdict.InBounds; return true;
            case "below": verdict = VolumeVerdict.Below; return true;
            case "above": verdict = VolumeVerdict.Above; return true;
            default: verdict = VolumeVerdict.InBounds; return false;
        }
    }
}
