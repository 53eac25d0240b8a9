using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SignalFactory.Registry.Sqlite;

/// <summary>
/// <see cref="IRegistryStore"/> on a SQLite file (the embedded workspace's <c>state.db</c>). The schema comes from
/// <see cref="RegistryMigrations"/>, applied by the workspace (or <see cref="SqliteMigrator"/>) before use.
/// Writers serialise on <c>BEGIN IMMEDIATE</c>; several instances and processes may share one file.
/// </summary>
public sealed partial class SqliteRegistryStore : IRegistryStore
{
    // Column order matches the RegisteredDataset constructor; see Read().
    private const string DatasetColumns = """
        v.urn, v.version, v.tier, v.format, v.runtime, v.enforcement_model, v.owner_team, d.status, v.registered_by,
        v.registered_at, d.updated_at, v.content_hash, v.yaml_content, d.bootstrap_id
        """;

    // Fixed-width UTC text sorts in time order and round-trips to the tick.
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private readonly string _databasePath;
    private readonly TimeProvider _time;

    /// <summary>A store over an existing, migrated database file.</summary>
    public SqliteRegistryStore(string databasePath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _databasePath = databasePath;
        _time = timeProvider;
    }

    /// <inheritdoc />
    public async Task<RegisteredDataset?> GetAsync(string urn, int? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urn);
        if (version is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Dataset versions start at 1.");
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await GetAsync(connection, null, urn, version, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>> GetVersionsAsync(string urn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urn);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT version FROM dataset_versions WHERE urn = $urn ORDER BY version;";
                command.Parameters.AddWithValue("$urn", urn);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var versions = new List<int>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        versions.Add(reader.GetInt32(0));
                    }

                    return versions;
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task<RegisteredDataset> SetStatusAsync(string urn, string status, string? bootstrapId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urn);
        DatasetStatus.EnsureKnown(status);

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.Transaction = transaction;
                    command.CommandText = """
                        UPDATE datasets SET status = $status, bootstrap_id = $bootstrap_id, updated_at = $updated_at
                        WHERE urn = $urn;
                        """;
                    command.Parameters.AddWithValue("$status", status);
                    command.Parameters.AddWithValue("$bootstrap_id", (object?)bootstrapId ?? DBNull.Value);
                    command.Parameters.AddWithValue("$updated_at", FormatTimestamp(_time.GetUtcNow()));
                    command.Parameters.AddWithValue("$urn", urn);
                    if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        throw new DatasetNotFoundException(urn);
                    }
                }

                var updated = await GetAsync(connection, transaction, urn, null, cancellationToken).ConfigureAwait(false)
                    ?? throw new DatasetNotFoundException(urn);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return updated;
            }
        }
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
        => SqliteConnections.OpenAsync(_databasePath, create: false, cancellationToken);

    private static async Task<RegisteredDataset?> GetAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string urn, int? version, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = $"""
                SELECT {DatasetColumns}
                FROM datasets d JOIN dataset_versions v ON v.urn = d.urn AND v.version = COALESCE($version, d.latest_version)
                WHERE d.urn = $urn;
                """;
            command.Parameters.AddWithValue("$urn", urn);
            command.Parameters.AddWithValue("$version", (object?)version ?? DBNull.Value);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
            }
        }
    }

    private static RegisteredDataset Read(SqliteDataReader reader) => new(
        Urn: reader.GetString(0),
        Version: reader.GetInt32(1),
        Tier: reader.GetString(2),
        Format: reader.GetString(3),
        Runtime: reader.GetString(4),
        EnforcementModel: reader.IsDBNull(5) ? null : reader.GetString(5),
        OwnerTeam: reader.GetString(6),
        Status: reader.GetString(7),
        RegisteredBy: reader.GetString(8),
        RegisteredAt: ParseTimestamp(reader.GetString(9)),
        UpdatedAt: ParseTimestamp(reader.GetString(10)),
        ContentHash: reader.GetString(11),
        YamlContent: reader.GetString(12),
        BootstrapId: reader.IsDBNull(13) ? null : reader.GetString(13));

    private static string FormatTimestamp(DateTimeOffset value)
        => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text)
        => DateTimeOffset.ParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
