using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SignalFactory.Orchestration.Sqlite;

namespace SignalFactory.Orchestration.Audit;

/// <summary>
/// The audit trail in the workspace database (<c>audit_log</c> and <c>audit_head</c>, migration 100). Appends take
/// the database write lock (<c>BEGIN IMMEDIATE</c>), read the head, insert the records chained to it and move the
/// head, all in one transaction.
/// </summary>
public sealed partial class SqliteAuditLog : IAuditLog
{
    private const string RowColumns = "sequence, audit_id, bootstrap_id, action, actor, timestamp, details, prev_hash, hash";

    private readonly string _databasePath;

    /// <summary>A log over the workspace database at <paramref name="databasePath"/> (migrated with <see cref="OrchestrationMigrations"/>).</summary>
    public SqliteAuditLog(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _databasePath = databasePath;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        Validate(entries);
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                var records = await AppendAsync(connection, transaction, entries, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return records;
            }
        }
    }

    /// <summary>
    /// Appends inside the caller's transaction, so the records commit or roll back with the caller's own writes (a
    /// state transition and its audit entries). Start it with <c>BeginTransaction(deferred: false)</c>: a deferred
    /// transaction that read the head before another writer appended fails with SQLITE_BUSY instead of appending.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is malformed; nothing is written.</exception>
    public static async Task<IReadOnlyList<AuditRecord>> AppendAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        Validate(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        var (sequence, previous) = await ReadHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false) is { } head
            ? (head.Sequence, head.Hash)
            : (0L, AuditHashing.GenesisHash);

        var records = new List<AuditRecord>(entries.Count);
        var insert = OrchestrationSqlite.Command(connection, transaction, $"""
            INSERT INTO audit_log ({RowColumns})
            VALUES ($sequence, $audit_id, $bootstrap_id, $action, $actor, $timestamp, $details, $prev_hash, $hash);
            """);
        await using (insert.ConfigureAwait(false))
        {
            foreach (var entry in entries)
            {
                sequence++;
                var auditId = Ulid.New(entry.Timestamp);
                var actor = entry.Actor.ToString();
                var timestamp = AuditHashing.FormatTimestamp(entry.Timestamp);
                var json = AuditHashing.CanonicalJson(auditId, entry.BootstrapId, entry.Action, actor, timestamp, entry.Details);
                var hash = AuditHashing.ComputeHash(previous, json);

                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$sequence", sequence);
                insert.Parameters.AddWithValue("$audit_id", auditId);
                insert.Parameters.AddWithValue("$bootstrap_id", entry.BootstrapId);
                insert.Parameters.AddWithValue("$action", entry.Action);
                insert.Parameters.AddWithValue("$actor", actor);
                insert.Parameters.AddWithValue("$timestamp", timestamp);
                insert.Parameters.AddWithValue("$details", AuditHashing.CanonicalDetails(entry.Details));
                insert.Parameters.AddWithValue("$prev_hash", previous);
                insert.Parameters.AddWithValue("$hash", hash);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                records.Add(new AuditRecord(
                    sequence, auditId, entry.BootstrapId, entry.Action, entry.Actor,
                    AuditHashing.TryParseTimestamp(timestamp, out var stored) ? stored : entry.Timestamp,
                    entry.Details, previous, hash));
                previous = hash;
            }
        }

        var moveHead = OrchestrationSqlite.Command(connection, transaction, """
            INSERT INTO audit_head (id, sequence, hash) VALUES (1, $sequence, $hash)
            ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash;
            """);
        await using (moveHead.ConfigureAwait(false))
        {
            moveHead.Parameters.AddWithValue("$sequence", sequence);
            moveHead.Parameters.AddWithValue("$hash", previous);
            await moveHead.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return records;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(string bootstrapId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapId);
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = OrchestrationSqlite.Command(connection, null,
                $"SELECT {RowColumns} FROM audit_log WHERE bootstrap_id = $bootstrap_id ORDER BY sequence;");
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("$bootstrap_id", bootstrapId);
                var records = new List<AuditRecord>();
                await foreach (var row in ReadRowsAsync(command, cancellationToken).ConfigureAwait(false))
                {
                    records.Add(ToRecord(row));
                }

                return records;
            }
        }
    }

    /// <inheritdoc />
    public async Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellationToken)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One read transaction: head and rows come from the same snapshot even while others append.
            var transaction = connection.BeginTransaction(deferred: true);
            await using (transaction.ConfigureAwait(false))
            {
                return await AuditVerifier.VerifyAsync(new ChainSource(connection, transaction), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Validate(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"Audit entry {i} is null.", nameof(entries));
            if (string.IsNullOrWhiteSpace(entry.BootstrapId))
            {
                throw new ArgumentException($"Audit entry {i}: bootstrap_id is required.", nameof(entries));
            }

            if (entry.Action is null || !ActionPattern().IsMatch(entry.Action))
            {
                throw new ArgumentException($"Audit entry {i}: action must be upper snake case (e.g. APPROVED).", nameof(entries));
            }

            if (entry.Actor is null || entry.Details is null)
            {
                throw new ArgumentException($"Audit entry {i}: actor and details are required.", nameof(entries));
            }

            if (entry.Details.Keys.Any(string.IsNullOrEmpty))
            {
                throw new ArgumentException($"Audit entry {i}: details keys must not be empty.", nameof(entries));
            }
        }
    }

    private static AuditRecord ToRecord(AuditRow row)
    {
        if (!Actor.TryParse(row.Actor, out var actor)
            || !AuditHashing.TryParseTimestamp(row.Timestamp, out var timestamp)
            || !AuditHashing.TryParseDetails(row.Details, out var details))
        {
            throw new InvalidDataException($"Audit record #{row.Sequence} is damaged; run the audit verification.");
        }

        return new AuditRecord(row.Sequence, row.AuditId, row.BootstrapId, row.Action, actor, timestamp, details, row.PrevHash, row.Hash);
    }

    private static async Task<AuditHead?> ReadHeadAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var command = OrchestrationSqlite.Command(connection, transaction, "SELECT sequence, hash FROM audit_head WHERE id = 1;");
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new AuditHead(reader.GetInt64(0), reader.GetString(1))
                    : null;
            }
        }
    }

    private static async IAsyncEnumerable<AuditRow> ReadRowsAsync(SqliteCommand command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new AuditRow(
                    reader.GetInt64(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4),
                    Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8));
            }
        }
    }

    // A tampered row may hold NULL or a non-text value; read it as text so the verifier can judge it.
    private static string Text(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? string.Empty : Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    [GeneratedRegex("^[A-Z][A-Z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ActionPattern();

    private sealed class ChainSource(SqliteConnection connection, SqliteTransaction transaction) : IAuditChainSource
    {
        public Task<AuditHead?> ReadHeadAsync(CancellationToken cancellationToken) =>
            SqliteAuditLog.ReadHeadAsync(connection, transaction, cancellationToken);

        public async IAsyncEnumerable<AuditRow> ReadInOrderAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var command = OrchestrationSqlite.Command(connection, transaction, $"SELECT {RowColumns} FROM audit_log ORDER BY sequence;");
            await using (command.ConfigureAwait(false))
            {
                await foreach (var row in ReadRowsAsync(command, cancellationToken).ConfigureAwait(false))
                {
                    yield return row;
                }
            }
        }

        public async Task<long?> FindSequenceByHashAsync(string hash, CancellationToken cancellationToken)
        {
            var command = OrchestrationSqlite.Command(connection, transaction, "SELECT sequence FROM audit_log WHERE hash = $hash LIMIT 1;");
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("$hash", hash);
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long sequence ? sequence : null;
            }
        }
    }
}
