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

    /// <summary>Runs <paramref name="sql"/> with named parameters (null binds as SQL NULL); returns the rows changed.</summary>
    public static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Bind(Command(connection, transaction, sql), parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds named parameters to <paramref name="command"/> (null binds as SQL NULL).</summary>
    public static SqliteCommand Bind(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
