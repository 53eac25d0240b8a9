using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SignalFactory.Policy.Certification.Store;

/// <summary>Connections and timestamp text shared by the certification and graph stores.</summary>
internal static class CertificationSqlite
{
    // Writers hold the lock for one small transaction; 30 s only runs out when something is stuck.
    private const int BusyTimeoutMilliseconds = 30_000;

    // Fixed-width UTC text sorts in time order and round-trips to the tick (as in the registry).
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static async Task<SqliteConnection> OpenAsync(string databasePath, CancellationToken ct)
    {
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
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var pragma = connection.CreateCommand();
            await using (pragma.ConfigureAwait(false))
            {
                // SQLite's own busy handler: BEGIN IMMEDIATE waits for another writer instead of failing at once.
                pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
                await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static object FormatOrNull(DateTimeOffset? value) => value is { } v ? Format(v) : DBNull.Value;

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseOrNull(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Parse(reader.GetString(ordinal));

    public static string? StringOrNull(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static object OrNull(string? value) => (object?)value ?? DBNull.Value;
}
