using Microsoft.Data.Sqlite;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.Audit;

public sealed class AuditLogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 17, 10, 0, 0, TimeSpan.Zero);
    private TestWorkspace _workspace = null!;
    private SqliteAuditLog _log = null!;

    public async Task InitializeAsync()
    {
        _workspace = await TestWorkspace.CreateAsync();
        _log = new SqliteAuditLog(_workspace.DatabasePath);
    }

    public Task DisposeAsync()
    {
        _workspace.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AppendAsync_InCallersTransaction_CommitsOrRollsBackWithIt()
    {
        await _workspace.ExecuteRawAsync("CREATE TABLE caller_state (v TEXT NOT NULL);");
        var entry = AuditEntry.Create("boot-2026-02-17-001", "INITIATED", Actor.Autopilot, T0);

        await using (var connection = await _workspace.OpenRawAsync())
        {
            await using var rolledBack = connection.BeginTransaction(deferred: false);
            await Insert(connection, rolledBack, "lost");
            await SqliteAuditLog.AppendAsync(connection, rolledBack, [entry], CancellationToken.None);
            await rolledBack.RollbackAsync();

            await using var committed = connection.BeginTransaction(deferred: false);
            await Insert(connection, committed, "kept");
            var records = await SqliteAuditLog.AppendAsync(connection, committed, [entry, entry with { Action = "REGISTERED" }], CancellationToken.None);
            await committed.CommitAsync();
            Assert.Equal([1L, 2L], records.Select(r => r.Sequence));
        }

        Assert.Equal(1L, await _workspace.ScalarRawAsync("SELECT count(*) FROM caller_state WHERE v = 'kept'"));
        Assert.Equal(0L, await _workspace.ScalarRawAsync("SELECT count(*) FROM caller_state WHERE v = 'lost'"));
        Assert.Equal(["INITIATED", "REGISTERED"], (await _log.ReadAsync("boot-2026-02-17-001", CancellationToken.None)).Select(r => r.Action));
        Assert.True((await _log.VerifyAsync(CancellationToken.None)).IsValid);

        static async Task Insert(SqliteConnection connection, SqliteTransaction transaction, string value)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO caller_state (v) VALUES ($v);";
            command.Parameters.AddWithValue("$v", value);
            await command.ExecuteNonQueryAsync();
        }
    }

    [Theory]
    [InlineData("approved")]
    [InlineData("")]
    [InlineData("APPROVED NOW")]
    public async Task AppendAsync_MalformedAction_IsRefusedAndAppendsNothing(string action)
    {
        var good = AuditEntry.Create("boot-2026-02-17-001", "INITIATED", Actor.Autopilot, T0);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => _log.AppendAsync([good, good with { Action = action }], CancellationToken.None));

        Assert.Contains("entry 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await _workspace.ScalarRawAsync("SELECT count(*) FROM audit_log"));
    }

    [Fact]
    public async Task ReadAsync_ReturnsOneBootstrapsRecordsInOrder_WithFieldsAsAppended()
    {
        var at = new DateTimeOffset(2026, 2, 17, 12, 30, 15, 123, TimeSpan.FromHours(-5)).AddTicks(4567);
        await _log.AppendAsync(
        [
            AuditEntry.Create("boot-2026-02-17-001", "INITIATED", Actor.Human("jane.doe"), at, ("tier", "TIER_1")),
            AuditEntry.Create("boot-2026-02-17-002", "INITIATED", Actor.Autopilot, at),
            AuditEntry.Create("boot-2026-02-17-001", "REGISTERED", Actor.System("registry"), at.AddMinutes(1)),
        ], CancellationToken.None);

        var records = await _log.ReadAsync("boot-2026-02-17-001", CancellationToken.None);

        Assert.Equal([1L, 3L], records.Select(r => r.Sequence));
        Assert.Equal(at, records[0].Timestamp);
        Assert.Equal(TimeSpan.Zero, records[0].Timestamp.Offset);
        Assert.Equal("human:jane.doe", records[0].Actor.ToString());
        Assert.Equal("TIER_1", records[0].Details["tier"]);
        Assert.Equal("system:registry", records[1].Actor.ToString());
    }

    [Fact]
    public async Task AppendAsync_TwoLogsInParallel_KeepOneUnbrokenChain()
    {
        var other = new SqliteAuditLog(_workspace.DatabasePath);
        var tasks = Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _log : other).AppendAsync(
                [AuditEntry.Create("boot-2026-02-17-001", "RETRIED", Actor.System("orchestrator"), T0.AddSeconds(i))],
                CancellationToken.None)));

        await Task.WhenAll(tasks);

        var result = await _log.VerifyAsync(CancellationToken.None);
        Assert.True(result.IsValid, result.FirstBreak?.Message);
        Assert.Equal(40, result.RecordsVerified);
    }

    [Fact]
    public async Task MachineAuditEntries_AppendedPerTransition_FormAVerifiableTrail()
    {
        var s = new Scenario().ToSignalReady();
        foreach (var transition in s.History)
        {
            await _log.AppendAsync(transition.Audit, CancellationToken.None);
        }

        var records = await _log.ReadAsync(Scenario.BootstrapId, CancellationToken.None);

        Assert.Equal(["INITIATED", "REGISTERED", "PROFILED", "POLICY_GENERATED", "APPROVED", "SIGNED", "CERTIFIED"], records.Select(r => r.Action));
        Assert.Equal(
            ["human:jane.doe", "system:registry", "system:profiler", "system:policy-generator", "human:jane.doe", "system:signer", "system:certifier"],
            records.Select(r => r.Actor.ToString()));
        Assert.True((await _log.VerifyAsync(CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task Migrations_AreRecordedInTheOrchestratorRange()
    {
        var applied = await SignalFactory.Registry.Sqlite.SqliteMigrator.GetAppliedAsync(_workspace.DatabasePath, CancellationToken.None);

        Assert.Contains((100, "orchestration_audit_log"), applied);
        Assert.Contains((101, "orchestration_bootstrap_ids"), applied);
    }
}
