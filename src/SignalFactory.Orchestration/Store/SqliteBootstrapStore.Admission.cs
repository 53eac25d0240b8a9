using Microsoft.Data.Sqlite;
using SignalFactory.Core.Manifests;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.Sqlite;

namespace SignalFactory.Orchestration.Store;

/// <summary>Where a bootstrap waiting for a concurrency slot stands.</summary>
/// <param name="BootstrapId">The queued bootstrap.</param>
/// <param name="Tier">Its tier.</param>
/// <param name="Position">1 for the next to be admitted (among all queued bootstraps, in initiation order).</param>
/// <param name="Length">How many bootstraps are queued.</param>
public sealed record QueuedBootstrap(string BootstrapId, string Tier, int Position, int Length);

/// <summary>
/// Concurrency limits (LLD §2.6) enforced where work is claimed. Admission, the slot counts and the lease are read and
/// written in one IMMEDIATE transaction, so any number of workers in any number of processes never exceed a limit.
/// </summary>
internal sealed partial class SqliteBootstrapStore
{
    // Due, lease free, and either already holding a slot, not needing one, or of a tier that has room; a profiling
    // job only while a profiling slot is free. Queued rows (wanting a slot) go in initiation order.
    // Only the id is sorted (not the record JSON of every due row); the row is read by its key afterwards.
    private const string ClaimSql = $"""
        SELECT {Columns} FROM bootstraps WHERE bootstrap_id = (
        SELECT bootstrap_id FROM bootstraps
        WHERE next_due_at IS NOT NULL AND next_due_at <= $now AND (lease_expires_at IS NULL OR lease_expires_at <= $now)
          AND (holds_slot = 1 OR wants_slot = 0
               OR (tier = 'TIER_1' AND $room1 = 1) OR (tier = 'TIER_2' AND $room2 = 1) OR (tier = 'TIER_3' AND $room3 = 1))
          AND (profiling_job = 0 OR $profilingRoom = 1)
        ORDER BY CASE WHEN wants_slot = 1 AND holds_slot = 0 THEN created_at ELSE next_due_at END, rowid
        LIMIT 1);
        """;

    /// <summary>
    /// Claims the due bootstrap that may run now within the limits: one that holds or needs no slot, or the oldest
    /// queued one of a tier with room (a full tier does not block the others); it is admitted (takes its slot) in
    /// the same transaction. Null when nothing may run now.
    /// </summary>
    public async Task<StoredBootstrap?> TryClaimAsync(string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var nowText = FormatTime(now);
                var room = await ReadRoomAsync(connection, transaction, nowText!, null, cancellationToken).ConfigureAwait(false);
                var rows = await QueryAsync(connection, transaction, ClaimSql, cancellationToken,
                    ("$now", nowText), ("$room1", room.Tier1 ? 1 : 0), ("$room2", room.Tier2 ? 1 : 0), ("$room3", room.Tier3 ? 1 : 0),
                    ("$profilingRoom", room.Profiling ? 1 : 0)).ConfigureAwait(false);
                if (rows.Count == 0)
                {
                    return null;
                }

                var row = rows[0];
                var expires = now + lease;
                var changed = await OrchestrationSqlite.ExecuteAsync(connection, transaction, """
                    UPDATE bootstraps SET lease_owner = $owner, lease_expires_at = $expires, holds_slot = wants_slot
                    WHERE bootstrap_id = $id AND version = $version AND (lease_expires_at IS NULL OR lease_expires_at <= $now);
                    """, cancellationToken,
                    ("$owner", owner), ("$expires", FormatTime(expires)), ("$id", row.Record.BootstrapId), ("$version", row.Record.Version),
                    ("$now", nowText)).ConfigureAwait(false);
                if (changed != 1)
                {
                    return null;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return row with { LeaseOwner = owner, LeaseExpiresAt = expires };
            }
        }
    }

    /// <summary>
    /// After a stored transition: keeps the lease (extended) when the bootstrap has more work due now and may do it
    /// within the limits, taking a slot or a profiling slot if the next step needs one. Otherwise releases the lease
    /// (the bootstrap waits, queued) and returns null; also null when the lease was lost.
    /// </summary>
    public async Task<StoredBootstrap?> TryContinueAsync(string bootstrapId, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var nowText = FormatTime(now)!;
                var rows = await QueryAsync(connection, transaction, $"""
                    SELECT {Columns} FROM bootstraps WHERE bootstrap_id = $id AND lease_owner = $owner;
                    """, cancellationToken, ("$id", bootstrapId), ("$owner", owner)).ConfigureAwait(false);
                if (rows.Count == 0)
                {
                    return null;
                }

                var row = rows[0];
                var (wantsSlot, holdsSlot, profilingJob) = await ReadSlotFlagsAsync(connection, transaction, bootstrapId, cancellationToken).ConfigureAwait(false);
                var mayRun = row.NextDueAt is { } due && due <= now;
                if (mayRun && (wantsSlot && !holdsSlot || profilingJob))
                {
                    var room = await ReadRoomAsync(connection, transaction, nowText, bootstrapId, cancellationToken).ConfigureAwait(false);
                    mayRun = (!wantsSlot || holdsSlot || room.ForTier(row.Record.Tier)) && (!profilingJob || room.Profiling);
                }

                DateTimeOffset? expires = mayRun ? now + lease : null;
                await OrchestrationSqlite.ExecuteAsync(connection, transaction, """
                    UPDATE bootstraps SET lease_owner = $newOwner, lease_expires_at = $expires, holds_slot = CASE WHEN $run = 1 THEN wants_slot ELSE holds_slot END
                    WHERE bootstrap_id = $id AND lease_owner = $owner;
                    """, cancellationToken,
                    ("$newOwner", mayRun ? owner : null), ("$expires", FormatTime(expires)), ("$run", mayRun ? 1 : 0), ("$id", bootstrapId),
                    ("$owner", owner)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return mayRun ? row with { LeaseOwner = owner, LeaseExpiresAt = expires } : null;
            }
        }
    }

    /// <summary>Bootstraps waiting for a slot, in the order they will be admitted when their tier has room.</summary>
    public async Task<IReadOnlyList<QueuedBootstrap>> ListQueuedAsync(CancellationToken cancellationToken)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = OrchestrationSqlite.Command(connection, null,
                "SELECT bootstrap_id, tier FROM bootstraps WHERE wants_slot = 1 AND holds_slot = 0 ORDER BY created_at, rowid;");
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var ids = new List<(string Id, string Tier)>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        ids.Add((reader.GetString(0), reader.GetString(1)));
                    }

                    return [.. ids.Select((item, index) => new QueuedBootstrap(item.Id, item.Tier, index + 1, ids.Count))];
                }
            }
        }
    }

    /// <summary>The limits in force: the constructor's, with the values stored by <c>sf config set</c> applied.</summary>
    public async Task<ConcurrencyLimits> ReadLimitsAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var command = OrchestrationSqlite.Command(connection, transaction, "SELECT key, value FROM settings WHERE key LIKE 'concurrency.%';");
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var stored = new Dictionary<string, string>(StringComparer.Ordinal);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stored[reader.GetString(0)] = reader.GetString(1);
                }

                return WorkspaceSettings.ApplyConcurrency(_limits, stored);
            }
        }
    }

    // Slots in use (rows admitted and not parked or finished) per tier, and profiling jobs running (leased rows whose
    // pending commands start one), leaving out `self` (the row asking to continue).
    private async Task<Room> ReadRoomAsync(SqliteConnection connection, SqliteTransaction transaction, string nowText, string? self,
        CancellationToken cancellationToken)
    {
        var limits = await ReadLimitsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var perTier = new Dictionary<string, long>(StringComparer.Ordinal);
        long profiling = 0;
        var command = OrchestrationSqlite.Bind(OrchestrationSqlite.Command(connection, transaction, """
            SELECT tier, COUNT(*) FROM bootstraps WHERE holds_slot = 1 GROUP BY tier
            UNION ALL
            SELECT NULL, COUNT(*) FROM bootstraps
            WHERE profiling_job = 1 AND lease_expires_at > $now AND ($self IS NULL OR bootstrap_id <> $self);
            """), [("$now", nowText), ("$self", self)]);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (reader.IsDBNull(0))
                    {
                        profiling = reader.GetInt64(1);
                    }
                    else
                    {
                        perTier[reader.GetString(0)] = reader.GetInt64(1);
                    }
                }
            }
        }

        var global = perTier.Values.Sum() < limits.MaxParallelBootstraps;
        bool TierRoom(string tier, int limit) => global && perTier.GetValueOrDefault(tier) < limit;
        return new Room(TierRoom(Tiers.Tier1, limits.Tier1), TierRoom(Tiers.Tier2, limits.Tier2), TierRoom(Tiers.Tier3, limits.Tier3),
            profiling < limits.MaxProfilingJobs);
    }

    private static async Task<(bool WantsSlot, bool HoldsSlot, bool ProfilingJob)> ReadSlotFlagsAsync(SqliteConnection connection, SqliteTransaction transaction,
        string bootstrapId, CancellationToken cancellationToken)
    {
        var command = OrchestrationSqlite.Bind(OrchestrationSqlite.Command(connection, transaction,
            "SELECT wants_slot, holds_slot, profiling_job FROM bootstraps WHERE bootstrap_id = $id;"), [("$id", bootstrapId)]);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                return (reader.GetInt64(0) == 1, reader.GetInt64(1) == 1, reader.GetInt64(2) == 1);
            }
        }
    }

    private sealed record Room(bool Tier1, bool Tier2, bool Tier3, bool Profiling)
    {
        public bool ForTier(string tier) => tier switch
        {
            Tiers.Tier1 => Tier1,
            Tiers.Tier2 => Tier2,
            Tiers.Tier3 => Tier3,
            _ => false,
        };
    }
}
