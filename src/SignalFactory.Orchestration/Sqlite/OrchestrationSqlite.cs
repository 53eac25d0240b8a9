using Microsoft.Data.Sqlite;

namespace SignalFactory.Orchestration.Sqlite;

/// <summary>Connections to the workspace database with the settings every orchestration caller needs.</summary>
internal static class OrchestrationSqlite
{
    /// <summary>
    /// How long a writer waits for another writer's lock. Orchestration transactions hold the lock for one
    /// transition (milliseconds), so 30 s only runs out when something is stuck.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    public static async Task<SqliteConnection> OpenAsync(string databasePath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var pragma = Command(connection, null, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");
            await using (pragma.ConfigureAwait(false))
            {
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

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
