using Microsoft.Data.Sqlite;
using static SignalFactory.Policy.Certification.Store.CertificationSqlite;

namespace SignalFactory.Policy.Certification.Store;

/// <summary>
/// <see cref="ICertificationStore"/> on the workspace's SQLite file. The schema comes from
/// <see cref="CertificationMigrations"/>. Writers serialise on <c>BEGIN IMMEDIATE</c>; several instances and
/// processes may share one file. Every value is a bound parameter.
/// </summary>
public sealed class SqliteCertificationStore : ICertificationStore
{
    // Column order matches Read().
    private const string Columns = """
        dataset_urn, certified_view_name, current_certified_version, certified_pointer, last_certified_at,
        certification_status, status_reason, staleness_sla_hours, next_check_due, bootstrap_id, tier, storage_format,
        enforcement_model, policy_bundle_version, policy_bundle_location, trigger_path, deferred_at, deferred_reason,
        deferred_probe, expected_schema_fingerprint, observed_schema_fingerprint, graph_seeded, record_version, updated_at
        """;

    private readonly string _databasePath;
    private readonly TimeProvider _time;

    /// <summary>A store over an existing, migrated database file.</summary>
    public SqliteCertificationStore(string databasePath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _databasePath = databasePath;
        _time = timeProvider;
    }

    /// <inheritdoc />
    public async Task<CertifiedViewState?> GetAsync(string datasetUrn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(datasetUrn);
        var list = await QueryAsync($"SELECT {Columns} FROM certified_view_state WHERE dataset_urn = $p;", datasetUrn, ct).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CertifiedViewState>> ListByStatusAsync(string status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(status);
        return QueryAsync($"SELECT {Columns} FROM certified_view_state WHERE certification_status = $p ORDER BY dataset_urn;", status, ct);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CertifiedViewState>> GetHistoryAsync(string datasetUrn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(datasetUrn);
        var connection = await OpenAsync(_databasePath, ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT record_json FROM certified_view_history WHERE dataset_urn = $p ORDER BY record_version;";
                command.Parameters.AddWithValue("$p", datasetUrn);
                var history = new List<CertifiedViewState>();
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        history.Add(CertificationJson.DeserializeRecord(reader.GetString(0)));
                    }
                }

                return history;
            }
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(CertifiedViewState record, CancellationToken ct)
    {
        Validate(record);
        var connection = await OpenAsync(_databasePath, ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                var stored = await StoredVersionAsync(connection, transaction, record.DatasetUrn, ct).ConfigureAwait(false);
                if ((stored ?? 0) != record.RecordVersion - 1)
                {
                    throw new CertificationConcurrencyException(stored is null
                        ? $"{record.DatasetUrn} has no certification record, so record version {record.RecordVersion} cannot follow one."
                        : $"{record.DatasetUrn}'s certification record is at version {stored}; version {record.RecordVersion} was written against another one.")
                    {
                        DatasetUrn = record.DatasetUrn,
                    };
                }

                await UpsertAsync(connection, transaction, record, ct).ConfigureAwait(false);
                var history = connection.CreateCommand();
                await using (history.ConfigureAwait(false))
                {
                    history.Transaction = transaction;
                    history.CommandText = """
                        INSERT INTO certified_view_history (dataset_urn, record_version, certification_status, record_json, recorded_at)
                        VALUES ($urn, $version, $status, $json, $at);
                        """;
                    history.Parameters.AddWithValue("$urn", record.DatasetUrn);
                    history.Parameters.AddWithValue("$version", record.RecordVersion);
                    history.Parameters.AddWithValue("$status", record.CertificationStatus);
                    history.Parameters.AddWithValue("$json", CertificationJson.Serialize(record));
                    history.Parameters.AddWithValue("$at", Format(_time.GetUtcNow()));
                    await history.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> MarkGraphSeededAsync(string datasetUrn, int recordVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(datasetUrn);
        var connection = await OpenAsync(_databasePath, ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "UPDATE certified_view_state SET graph_seeded = 1 WHERE dataset_urn = $urn AND record_version = $version;";
                command.Parameters.AddWithValue("$urn", datasetUrn);
                command.Parameters.AddWithValue("$version", recordVersion);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            }
        }
    }

    private static void Validate(CertifiedViewState record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!CertificationStatus.Stored.Contains(record.CertificationStatus, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Certification status '{record.CertificationStatus}' cannot be stored; allowed: {string.Join(", ", CertificationStatus.Stored)}.");
        }

        if (string.IsNullOrWhiteSpace(record.DatasetUrn) || string.IsNullOrWhiteSpace(record.BootstrapId)
            || string.IsNullOrWhiteSpace(record.TriggerPath) || record.RecordVersion < 1)
        {
            throw new ArgumentException("A certification record needs a dataset URN, a bootstrap id, a trigger path and a record version of 1 or more.");
        }
    }

    private static async Task<int?> StoredVersionAsync(SqliteConnection connection, SqliteTransaction transaction, string urn, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT record_version FROM certified_view_state WHERE dataset_urn = $urn;";
            command.Parameters.AddWithValue("$urn", urn);
            var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static async Task UpsertAsync(SqliteConnection connection, SqliteTransaction transaction, CertifiedViewState r, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT OR REPLACE INTO certified_view_state ({Columns})
                VALUES ($urn, $name, $cv, $pointer, $certified_at, $status, $reason, $sla, $due, $bootstrap, $tier, $format,
                        $enforcement, $policy_version, $policy_location, $trigger, $deferred_at, $deferred_reason,
                        $probe, $expected, $observed, $graph, $version, $updated);
                """;
            var p = command.Parameters;
            p.AddWithValue("$urn", r.DatasetUrn);
            p.AddWithValue("$name", r.CertifiedViewName);
            p.AddWithValue("$cv", OrNull(r.CurrentCertifiedVersion));
            p.AddWithValue("$pointer", r.CertifiedPointer is null ? DBNull.Value : CertificationJson.Serialize(r.CertifiedPointer));
            p.AddWithValue("$certified_at", FormatOrNull(r.LastCertifiedAt));
            p.AddWithValue("$status", r.CertificationStatus);
            p.AddWithValue("$reason", OrNull(r.StatusReason));
            p.AddWithValue("$sla", r.StalenessSlaHours);
            p.AddWithValue("$due", FormatOrNull(r.NextCheckDue));
            p.AddWithValue("$bootstrap", r.BootstrapId);
            p.AddWithValue("$tier", r.Tier);
            p.AddWithValue("$format", r.StorageFormat);
            p.AddWithValue("$enforcement", OrNull(r.EnforcementModel));
            p.AddWithValue("$policy_version", OrNull(r.PolicyBundleVersion));
            p.AddWithValue("$policy_location", OrNull(r.PolicyBundleLocation));
            p.AddWithValue("$trigger", r.TriggerPath);
            p.AddWithValue("$deferred_at", FormatOrNull(r.DeferredAt));
            p.AddWithValue("$deferred_reason", OrNull(r.DeferredReason));
            p.AddWithValue("$probe", OrNull(r.DeferredProbe));
            p.AddWithValue("$expected", OrNull(r.ExpectedSchemaFingerprint));
            p.AddWithValue("$observed", OrNull(r.ObservedSchemaFingerprint));
            p.AddWithValue("$graph", r.GraphSeeded ? 1 : 0);
            p.AddWithValue("$version", r.RecordVersion);
            p.AddWithValue("$updated", Format(r.UpdatedAt));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<CertifiedViewState>> QueryAsync(string sql, string parameter, CancellationToken ct)
    {
        var connection = await OpenAsync(_databasePath, ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = sql;
                command.Parameters.AddWithValue("$p", parameter);
                var records = new List<CertifiedViewState>();
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        records.Add(Read(reader));
                    }
                }

                return records;
            }
        }
    }

    private static CertifiedViewState Read(SqliteDataReader r) => new()
    {
        DatasetUrn = r.GetString(0),
        CertifiedViewName = r.GetString(1),
        CurrentCertifiedVersion = StringOrNull(r, 2),
        CertifiedPointer = r.IsDBNull(3) ? null : CertificationJson.DeserializePointer(r.GetString(3)),
        LastCertifiedAt = ParseOrNull(r, 4),
        CertificationStatus = r.GetString(5),
        StatusReason = StringOrNull(r, 6),
        StalenessSlaHours = r.GetInt32(7),
        NextCheckDue = ParseOrNull(r, 8),
        BootstrapId = r.GetString(9),
        Tier = r.GetString(10),
        StorageFormat = r.GetString(11),
        EnforcementModel = StringOrNull(r, 12),
        PolicyBundleVersion = StringOrNull(r, 13),
        PolicyBundleLocation = StringOrNull(r, 14),
        TriggerPath = r.GetString(15),
        DeferredAt = ParseOrNull(r, 16),
        DeferredReason = StringOrNull(r, 17),
        DeferredProbe = StringOrNull(r, 18),
        ExpectedSchemaFingerprint = StringOrNull(r, 19),
        ObservedSchemaFingerprint = StringOrNull(r, 20),
        GraphSeeded = r.GetInt32(21) == 1,
        RecordVersion = r.GetInt32(22),
        UpdatedAt = Parse(r.GetString(23)),
    };
}
