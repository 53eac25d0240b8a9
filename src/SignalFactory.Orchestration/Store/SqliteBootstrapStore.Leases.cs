using Microsoft.Data.Sqlite;
using SignalFactory.Orchestration.Sqlite;

namespace SignalFactory.Orchestration.Store;

internal sealed partial class SqliteBootstrapStore
{
    /// <summary>
    /// Extends a lease this worker still holds on the record version it is working on; false when the lease was lost
    /// or someone else stored a newer version meanwhile (a human cancelled, say): the running step is then moot.
    /// </summary>
    public async Task<bool> HeartbeatAsync(string bootstrapId, string owner, long version, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE bootstraps SET lease_expires_at = $expires WHERE bootstrap_id = $id AND lease_owner = $owner AND version = $version;
            """, cancellationToken,
            ("$expires", FormatTime(expiresAt)), ("$id", bootstrapId), ("$owner", owner), ("$version", version)).ConfigureAwait(false) == 1;

    /// <summary>Gives up a lease this worker holds.</summary>
    public async Task ReleaseAsync(string bootstrapId, string owner, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE bootstraps SET lease_owner = NULL, lease_expires_at = NULL WHERE bootstrap_id = $id AND lease_owner = $owner;",
            cancellationToken, ("$id", bootstrapId), ("$owner", owner)).ConfigureAwait(false);

    private async Task<IReadOnlyList<StoredBootstrap>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QueryAsync(connection, null, sql, cancellationToken, parameters).ConfigureAwait(false);
        }
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await OrchestrationSqlite.ExecuteAsync(connection, null, sql, cancellationToken, parameters).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<StoredBootstrap>> QueryAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = OrchestrationSqlite.Bind(OrchestrationSqlite.Command(connection, transaction, sql), parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<StoredBootstrap>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new StoredBootstrap(
                        BootstrapJson.DeserializeRecord(reader.GetString(0)),
                        BootstrapJson.DeserializeCommands(reader.GetString(1)),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        ParseTime(reader.IsDBNull(3) ? null : reader.GetString(3)),
                        ParseTime(reader.IsDBNull(4) ? null : reader.GetString(4))));
                }

                return rows;
            }
        }
    }
}
