using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Refinement;

/// <summary>
/// <see cref="IBaselineStore"/> on a SQLite file (the embedded workspace's <c>state.db</c>). The schema comes from
/// <see cref="BaselineMigrations"/>, applied by the workspace before use. Writers take the write lock at the start
/// of their transaction (<c>BEGIN IMMEDIATE</c>), so the version checks and the writes they guard are atomic;
/// several instances and processes may share one file.
/// </summary>
public sealed partial class SqliteBaselineStore : IBaselineStore
{
    /// <summary>How long a connection waits for another writer's lock; writes here hold it for milliseconds.</summary>
    private const int BusyTimeoutMilliseconds = 30_000;

    // Fixed-width UTC text sorts in time order and round-trips to the tick (as the registry's tables).
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private const string RowColumns = """
        dataset_urn, metric_key, baseline_value, confidence, is_synthetic, source_bootstrap_id, source_engine,
        partitions_sampled, created_at, updated_at, auto_refine_runs_remaining, flagged_for_review, review_reason, version
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly BaselineInstruments _instruments;

    /// <summary>A store over an existing database file to which <see cref="BaselineMigrations.All"/> were applied.</summary>
    /// <param name="databasePath">The SQLite file; it is never created here.</param>
    /// <param name="timeProvider">Source of <c>created_at</c>/<c>updated_at</c> on saves.</param>
    /// <param name="meter">Meter for <c>baseline.writes</c>; the process-wide <c>SignalFactory.Baselines</c> meter when null.</param>
    public SqliteBaselineStore(string databasePath, TimeProvider timeProvider, Meter? meter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        _time = timeProvider;
        _instruments = BaselineInstruments.For(meter);
    }

    /// <inheritdoc />
    public async Task<BaselineState> SaveFromBaselineAsync(Baseline baseline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var rows = BaselineRows.Split(baseline, _time.GetUtcNow());
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                var existing = await ReadRowsAsync(connection, transaction, baseline.DatasetUrn, cancellationToken).ConfigureAwait(false);
                var keep = rows.Select(r => r.MetricKey).ToHashSet(StringComparer.Ordinal);
                foreach (var stale in existing.Where(r => !keep.Contains(r.MetricKey)))
                {
                    await DeleteRowAsync(connection, transaction, stale, cancellationToken).ConfigureAwait(false);
                }

                var byKey = existing.ToDictionary(r => r.MetricKey, StringComparer.Ordinal);
                foreach (var row in rows)
                {
                    if (byKey.TryGetValue(row.MetricKey, out var old))
                    {
                        await UpdateRowAsync(connection, transaction, row with { CreatedAt = old.CreatedAt }, old.Version, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await InsertRowAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
                    }
                }

                var state = await ReadStateAsync(connection, transaction, baseline.DatasetUrn, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                CountWrites(rows);
                return state!;
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryAddFromBaselineAsync(Baseline baseline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var rows = BaselineRows.Split(baseline, _time.GetUtcNow());
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                if ((await ReadRowsAsync(connection, transaction, baseline.DatasetUrn, cancellationToken).ConfigureAwait(false)).Count > 0)
                {
                    return false;
                }

                foreach (var row in rows)
                {
                    await InsertRowAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                CountWrites(rows);
                return true;
            }
        }
    }

    /// <inheritdoc />
    public async Task<BaselineState?> GetAsync(string datasetUrn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datasetUrn);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // A deferred transaction is one read snapshot in WAL mode: rows and history agree.
            var transaction = connection.BeginTransaction(deferred: true);
            await using (transaction.ConfigureAwait(false))
            {
                return await ReadStateAsync(connection, transaction, datasetUrn, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<BaselineFleetSummary> GetFleetSummaryAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = """
                    SELECT COUNT(*), COALESCE(SUM(is_synthetic), 0), COALESCE(SUM(flagged_for_review), 0)
                    FROM baselines WHERE metric_key = $volume;
                    """;
                command.Parameters.AddWithValue("$volume", MetricKeys.Volume);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    return new BaselineFleetSummary(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
                }
            }
        }
    }

    private void CountWrites(IEnumerable<BaselineMetricRecord> rows)
    {
        foreach (var row in rows)
        {
            _instruments.Writes.Add(1, new KeyValuePair<string, object?>("source_engine", row.SourceEngine));
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var pragma = connection.CreateCommand();
            await using (pragma.ConfigureAwait(false))
            {
                // SQLite's own busy handler: BEGIN IMMEDIATE waits for the other writer instead of failing at once.
                pragma.CommandText = FormattableString.Invariant($"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string FormatTimestamp(DateTimeOffset value)
        => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text)
        => DateTimeOffset.ParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
