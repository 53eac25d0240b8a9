using Microsoft.Data.Sqlite;
using SignalFactory.Orchestration.Sqlite;
using SignalFactory.Orchestration.Tests.TestSupport;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Orchestration.Tests.Runtime;

public sealed class ConcurrencyMigrationTests
{
    [Fact]
    public async Task Migration104_RowsFromBefore_BackfillsTierAndSlotColumns()
    {
        using var folder = new TempFolder();
        var workspace = Workspace.Resolve(Path.Combine(folder.Path, "ws"), _ => null, folder.Path);
        await workspace.OpenAsync(create: true, [.. OrchestrationMigrations.All.Where(m => m.Number < 104)], CancellationToken.None);
        // Rows as migration 103 stored them; only the JSON members the backfill reads are filled in.
        await ExecuteAsync(workspace.DatabasePath, """
            INSERT INTO bootstraps (bootstrap_id, dataset_urn, state, active, record, pending, version, next_due_at, created_at, updated_at) VALUES
            ('boot-2026-03-02-001', 'ds://a/profiling', 'PROFILING', 1, '{"Tier":"TIER_2","RegenerationPaused":false}',
             '[{"type":"StartProfiling","data":{"Mode":"Full"}}]', 3, 'x', 't1', 't1'),
            ('boot-2026-03-02-002', 'ds://a/new', 'REGISTERED', 1, '{"Tier":"TIER_1"}', '[{"type":"ValidateRegistration","data":{}}]', 1, 'x', 't2', 't2'),
            ('boot-2026-03-02-003', 'ds://a/pending', 'POLICY_PENDING', 1, '{"Tier":"TIER_3"}', '[]', 5, 'x', 't3', 't3'),
            ('boot-2026-03-02-004', 'ds://a/paused', 'POLICY_REJECTED', 1, '{"Tier":"TIER_1","RegenerationPaused":true}', '[]', 9, 'x', 't4', 't4'),
            ('boot-2026-03-02-005', 'ds://a/synthetic', 'PROFILING', 1, '{"Tier":"TIER_3"}',
             '[{"type":"StartProfiling","data":{"Mode":"Synthetic"}}]', 3, 'x', 't5', 't5');
            """);

        await workspace.OpenAsync(create: false, OrchestrationMigrations.All, CancellationToken.None);
        var rows = await ReadAsync(workspace.DatabasePath);

        Assert.Equal(
            [
                "boot-2026-03-02-001 TIER_2 1 1 1",
                "boot-2026-03-02-002 TIER_1 1 0 0",
                "boot-2026-03-02-003 TIER_3 0 0 0",
                "boot-2026-03-02-004 TIER_1 0 0 0",
                "boot-2026-03-02-005 TIER_3 1 1 0",
            ],
            rows);
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ReadAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT bootstrap_id, tier, wants_slot, holds_slot, profiling_job FROM bootstraps ORDER BY bootstrap_id;";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetInt64(2)} {reader.GetInt64(3)} {reader.GetInt64(4)}");
        }

        return rows;
    }
}
