using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SignalFactory.Orchestration.Sqlite;

namespace SignalFactory.Orchestration.Ids;

/// <summary>
/// Issues bootstrap ids <c>boot-YYYY-MM-DD-NNN</c> (LLD §2.5): the UTC date from the <see cref="TimeProvider"/> and a
/// per-day sequence from 001, kept in the workspace database (<c>bootstrap_id_sequences</c>, migration 101) so every
/// process sharing the database gets distinct ids. Past 999 the sequence simply grows a digit (<c>…-1000</c>).
/// </summary>
public sealed class BootstrapIdGenerator
{
    private const string Prefix = "boot-";

    // One statement, so atomic on its own; RETURNING gives the value this statement wrote.
    private const string NextSql = """
        INSERT INTO bootstrap_id_sequences (day, last_sequence) VALUES ($day, 1)
        ON CONFLICT (day) DO UPDATE SET last_sequence = last_sequence + 1
        RETURNING last_sequence;
        """;

    private readonly string _databasePath;
    private readonly TimeProvider _timeProvider;

    /// <summary>A generator over the workspace database at <paramref name="databasePath"/> (migrated with <see cref="OrchestrationMigrations"/>).</summary>
    public BootstrapIdGenerator(string databasePath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _databasePath = databasePath;
        _timeProvider = timeProvider;
    }

    /// <summary>The next id for today (UTC), on a connection of its own.</summary>
    public async Task<string> NextAsync(CancellationToken cancellationToken)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await NextAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The next id for today (UTC) inside the caller's transaction, so creating the bootstrap and taking its number
    /// commit (or roll back) together.
    /// </summary>
    public async Task<string> NextAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var day = DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);
        var command = OrchestrationSqlite.Command(connection, transaction, NextSql);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("$day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var sequence = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            return Format(day, sequence);
        }
    }

    /// <summary><c>boot-YYYY-MM-DD-NNN</c> (at least three digits).</summary>
    public static string Format(DateOnly day, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{day:yyyy-MM-dd}-{sequence:D3}");
    }

    /// <summary>Splits a bootstrap id into its day and sequence.</summary>
    public static bool TryParse([NotNullWhen(true)] string? id, out DateOnly day, out int sequence)
    {
        day = default;
        sequence = 0;
        const int dateLength = 10;
        if (id is null || !id.StartsWith(Prefix, StringComparison.Ordinal) || id.Length < Prefix.Length + dateLength + 4
            || id[Prefix.Length + dateLength] != '-')
        {
            return false;
        }

        var digits = id.AsSpan(Prefix.Length + dateLength + 1);
        return DateOnly.TryParseExact(id.AsSpan(Prefix.Length, dateLength), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            && digits.Length >= 3 && digits.Length <= 9 && !digits.ContainsAnyExceptInRange('0', '9')
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && sequence >= 1 && Format(day, sequence) == id;
    }

    /// <summary>Whether <paramref name="id"/> is a well-formed bootstrap id.</summary>
    public static bool IsValid([NotNullWhen(true)] string? id) => TryParse(id, out _, out _);
}
