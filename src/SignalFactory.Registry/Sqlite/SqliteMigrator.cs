using Microsoft.Data.Sqlite;

namespace SignalFactory.Registry.Sqlite;

/// <summary>
/// Brings a SQLite database up to date: creates it if missing, switches it to WAL, then applies every migration
/// not yet recorded in <c>schema_migrations</c>, in ascending number order, each in its own
/// <c>BEGIN IMMEDIATE</c> transaction together with its record, so a failed migration leaves no trace and two
/// processes migrating at once apply each migration exactly once.
/// </summary>
public static class SqliteMigrator
{
    private const string CreateMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            number     INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        """;

    /// <summary>Applies pending migrations; returns the numbers applied by this call, ascending.</summary>
    /// <exception cref="ArgumentException">Two migrations share a number, or a number is below 1.</exception>
    /// <exception cref="InvalidOperationException">
    /// The database records a migration number under another name (two features claimed the same number).
    /// </exception>
    public static async Task<IReadOnlyList<int>> ApplyAsync(
        string databasePath,
        IEnumerable<SqliteMigration> migrations,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var ordered = Order(migrations);

        var connection = await SqliteConnections.OpenAsync(databasePath, create: true, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // WAL lets readers run while one writer commits; the mode is stored in the file, so set it once here
            // (it cannot change inside a transaction).
            await SqliteConnections.ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            await SqliteConnections.ExecuteAsync(connection, CreateMigrationsTable, cancellationToken).ConfigureAwait(false);

            var applied = new List<int>();
            foreach (var migration in ordered)
            {
                if (await ApplyOneAsync(connection, migration, cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(migration.Number);
                }
            }

            return applied;
        }
    }

    /// <summary>The migrations recorded in the database, ascending.</summary>
    public static async Task<IReadOnlyList<(int Number, string Name)>> GetAppliedAsync(string databasePath, CancellationToken cancellationToken)
    {
        var connection = await SqliteConnections.OpenAsync(databasePath, create: false, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT number, name FROM schema_migrations ORDER BY number;";
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var result = new List<(int, string)>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        result.Add((reader.GetInt32(0), reader.GetString(1)));
                    }

                    return result;
                }
            }
        }
    }

    private static List<SqliteMigration> Order(IEnumerable<SqliteMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var ordered = migrations.OrderBy(m => m.Number).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var migration = ordered[i];
            if (migration.Number < 1)
            {
                throw new ArgumentException($"Migration '{migration.Name}' has number {migration.Number}; numbers start at 1.", nameof(migrations));
            }

            if (string.IsNullOrWhiteSpace(migration.Name) || string.IsNullOrWhiteSpace(migration.Sql))
            {
                throw new ArgumentException($"Migration {migration.Number} needs a name and SQL.", nameof(migrations));
            }

            if (i > 0 && ordered[i - 1].Number == migration.Number)
            {
                throw new ArgumentException(
                    $"Migrations '{ordered[i - 1].Name}' and '{migration.Name}' share number {migration.Number}.", nameof(migrations));
            }
        }

        return ordered;
    }

    private static async Task<bool> ApplyOneAsync(SqliteConnection connection, SqliteMigration migration, CancellationToken cancellationToken)
    {
        // Immediate: take the write lock before checking, so a concurrent migrator waits and then sees our record.
        var transaction = connection.BeginTransaction(deferred: false);
        await using (transaction.ConfigureAwait(false))
        {
            var check = connection.CreateCommand();
            await using (check.ConfigureAwait(false))
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT name FROM schema_migrations WHERE number = $number;";
                check.Parameters.AddWithValue("$number", migration.Number);
                if (await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string recordedName)
                {
                    if (!string.Equals(recordedName, migration.Name, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException(
                            $"Database migration {migration.Number} is recorded as '{recordedName}' but this build names it '{migration.Name}'; two features claim the same number.");
                    }

                    return false;
                }
            }

            await SqliteConnections.ExecuteAsync(connection, migration.Sql, cancellationToken, transaction).ConfigureAwait(false);

            var record = connection.CreateCommand();
            await using (record.ConfigureAwait(false))
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (number, name) VALUES ($number, $name);";
                record.Parameters.AddWithValue("$number", migration.Number);
                record.Parameters.AddWithValue("$name", migration.Name);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }
}
