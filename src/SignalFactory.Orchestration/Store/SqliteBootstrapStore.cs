using System.Globalization;
using Microsoft.Data.Sqlite;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Ids;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.Sqlite;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Store;

/// <summary>
/// The <c>bootstraps</c> table. Every state write checks the version it read and appends the transition's audit
/// entries in the same transaction; leases let one worker at a time run a bootstrap's commands.
/// </summary>
internal sealed partial class SqliteBootstrapStore
{
    private const string Columns = "record, pending, lease_owner, lease_expires_at, next_due_at";

    private readonly string _databasePath;
    private readonly ConcurrencyLimits _limits;

    /// <summary>A store on <paramref name="databasePath"/>; <paramref name="limits"/> apply where the settings table has no value.</summary>
    public SqliteBootstrapStore(string databasePath, ConcurrencyLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _databasePath = databasePath;
        _limits = limits ?? new ConcurrencyLimits();
    }

    public async Task<StoredBootstrap?> FindAsync(string bootstrapId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM bootstraps WHERE bootstrap_id = $id;", cancellationToken, ("$id", bootstrapId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Every bootstrap of <paramref name="datasetUrn"/>, newest first.</summary>
    public Task<IReadOnlyList<StoredBootstrap>> ListForUrnAsync(string datasetUrn, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM bootstraps WHERE dataset_urn = $urn ORDER BY created_at DESC, rowid DESC;", cancellationToken, ("$urn", datasetUrn));

    /// <summary>Every bootstrap, oldest first.</summary>
    public Task<IReadOnlyList<StoredBootstrap>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM bootstraps ORDER BY created_at, rowid;", cancellationToken);

    /// <summary>
    /// Starts a bootstrap unless another one of the URN blocks it. One IMMEDIATE transaction reads the URN's active
    /// bootstrap, decides admission, takes an id and inserts; the unique partial index is the last word if two
    /// processes get here at once, and the loser reads the winner's id.
    /// </summary>
    public async Task<(TransitionResult? Started, AdmissionDecision Decision)> InitiateAsync(
        BootstrapStateMachine machine, BootstrapIdGenerator ids, BootstrapInitRequest request, bool force, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var active = await ReadActiveAsync(connection, transaction, request.DatasetUrn, cancellationToken).ConfigureAwait(false);
                var decision = BootstrapAdmission.CheckDuplicate(active?.Record, force);
                if (!decision.Allowed)
                {
                    return (null, decision);
                }

                if (active is not null)
                {
                    // Forced re-initiation of a settled bootstrap: the old one stays, but no longer blocks the URN.
                    await OrchestrationSqlite.ExecuteAsync(connection, transaction, "UPDATE bootstraps SET active = 0 WHERE bootstrap_id = $id;", cancellationToken,
                        ("$id", active.Record.BootstrapId)).ConfigureAwait(false);
                }

                var id = await ids.NextAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var started = machine.Start(request, id, now);
                await OrchestrationSqlite.ExecuteAsync(connection, transaction, """
                    INSERT INTO bootstraps (bootstrap_id, dataset_urn, state, active, record, pending, version, next_due_at, created_at, updated_at,
                                            tier, wants_slot, holds_slot, profiling_job)
                    VALUES ($id, $urn, $state, 1, $record, $pending, $version, $due, $now, $now, $tier, $wants, 0, $profiling);
                    """, cancellationToken,
                    ("$id", id), ("$urn", request.DatasetUrn), ("$state", started.To.ToWireName()), ("$tier", started.Record.Tier),
                    ("$wants", ConcurrencySlots.WantsSlot(started.Record) ? 1 : 0), ("$profiling", ConcurrencySlots.IsProfilingJob(started.Commands) ? 1 : 0),
                    ("$record", BootstrapJson.SerializeRecord(started.Record)), ("$pending", BootstrapJson.SerializeCommands(started.Commands)),
                    ("$version", started.Record.Version), ("$due", FormatTime(NextDue(started.Record, started.Commands))), ("$now", FormatTime(now))).ConfigureAwait(false);
                await SqliteAuditLog.AppendAsync(connection, transaction, started.Audit, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (started, decision);
            }
        }
    }

    /// <summary>
    /// Stores a transition made from the row at <paramref name="expectedVersion"/>, with its audit entries, in one
    /// transaction. With <paramref name="leaseOwner"/> the write also requires that worker to hold the lease.
    /// Returns false (nothing written) when the row moved on or the lease was lost.
    /// </summary>
    public async Task<bool> TryWriteAsync(long expectedVersion, TransitionResult result, IReadOnlyList<BootstrapCommand> pending,
        string? leaseOwner, CancellationToken cancellationToken)
    {
        var record = result.Record;
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var changed = await OrchestrationSqlite.ExecuteAsync(connection, transaction, """
                    UPDATE bootstraps
                    SET state = $state, record = $record, pending = $pending, version = $version, next_due_at = $due, updated_at = $now,
                        active = CASE WHEN $terminal = 1 THEN 0 ELSE active END,
                        wants_slot = $wants, holds_slot = CASE WHEN $wants = 1 THEN holds_slot ELSE 0 END, profiling_job = $profiling
                    WHERE bootstrap_id = $id AND version = $expected AND ($owner IS NULL OR lease_owner = $owner);
                    """, cancellationToken,
                    ("$id", record.BootstrapId), ("$state", result.To.ToWireName()), ("$record", BootstrapJson.SerializeRecord(record)),
                    ("$pending", BootstrapJson.SerializeCommands(pending)), ("$version", record.Version),
                    ("$due", FormatTime(NextDue(record, pending))), ("$now", FormatTime(record.UpdatedAt)),
                    ("$terminal", result.To.IsTerminal() ? 1 : 0),
                    ("$wants", ConcurrencySlots.WantsSlot(record) ? 1 : 0), ("$profiling", ConcurrencySlots.IsProfilingJob(pending) ? 1 : 0), ("$expected", expectedVersion), ("$owner", leaseOwner)).ConfigureAwait(false);
                if (changed != 1)
                {
                    return false;
                }

                await SqliteAuditLog.AppendAsync(connection, transaction, result.Audit, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    /// <summary>Marks the pending commands done without a state change (they produced no event).</summary>
    public async Task<bool> TryClearPendingAsync(BootstrapRecord record, string leaseOwner, CancellationToken cancellationToken)
    {
        var changed = await ExecuteAsync("""
            UPDATE bootstraps SET pending = '[]', next_due_at = $due, profiling_job = 0
            WHERE bootstrap_id = $id AND version = $expected AND lease_owner = $owner;
            """, cancellationToken,
            ("$id", record.BootstrapId), ("$due", FormatTime(NextDue(record, []))), ("$expected", record.Version), ("$owner", leaseOwner)).ConfigureAwait(false);
        return changed == 1;
    }

    internal static DateTimeOffset? NextDue(BootstrapRecord record, IReadOnlyList<BootstrapCommand> pending) =>
        pending.Count > 0 ? record.UpdatedAt : record.Timers.Count == 0 ? null : record.Timers.Values.Min();

    internal static string? FormatTime(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static async Task<StoredBootstrap?> ReadActiveAsync(SqliteConnection connection, SqliteTransaction transaction, string urn, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(connection, transaction, $"SELECT {Columns} FROM bootstraps WHERE dataset_urn = $urn AND active = 1;",
            cancellationToken, ("$urn", urn)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }
}
