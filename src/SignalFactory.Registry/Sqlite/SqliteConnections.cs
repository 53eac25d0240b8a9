using Microsoft.Data.Sqlite;

namespace SignalFactory.Registry.Sqlite;

/// <summary>Opens connections to a workspace database with the settings every caller needs.</summary>
internal static class SqliteConnections
{
    /// <summary>
    /// How long a connection waits for another writer's lock before failing with SQLITE_BUSY. Writers hold the
    /// lock for one batch (500 manifests take well under a second), so 30 s only runs out when something is stuck.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    public static string ConnectionString(string databasePath, bool create) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
        Pooling = true,
        ForeignKeys = true,
        DefaultTimeout = BusyTimeoutMilliseconds / 1000,
    }.ToString();

    public static async Task<SqliteConnection> OpenAsync(string databasePath, bool create, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString(databasePath, create));
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // SQLite's own busy handler: BEGIN IMMEDIATE waits for the other writer instead of failing at once.
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
