using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Store;

namespace SignalFactory.Orchestration.Tests.Runtime;

public sealed class InitiationTests : IAsyncLifetime
{
    private RuntimeFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await RuntimeFixture.CreateAsync();

    public Task DisposeAsync()
    {
        _fixture.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task InitiateAsync_TwoConcurrentForOneUrn_ExactlyOneStartsAndTheOtherGetsConflictWithSameId()
    {
        // Two separate operation objects (as two processes would have), racing on the same database file.
        var first = _fixture.Operations();
        var second = _fixture.Operations();
        using var gate = new ManualResetEventSlim();
        var tasks = new[] { first, second }.Select(ops => Task.Run(async () =>
        {
            gate.Wait();
            return await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), force: false, CancellationToken.None);
        })).ToArray();
        gate.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r.Started);
        Assert.Single(results, r => !r.Started);
        Assert.Equal(results[0].BootstrapId, results[1].BootstrapId);
        Assert.Equal(1L, await _fixture.CountAsync("SELECT COUNT(*) FROM bootstraps;"));
        Assert.Equal(1L, await _fixture.CountAsync("SELECT COUNT(*) FROM audit_log;"));
    }

    [Fact]
    public async Task InitiateAsync_InvalidRequest_ThrowsNamingFieldsAndWritesNothing()
    {
        var request = RuntimeFixture.Request("TIER_9") with { DatasetUrn = "orders" };

        var error = await Assert.ThrowsAsync<InvalidBootstrapRequestException>(() => _fixture.Operations().InitiateAsync(request, false, CancellationToken.None));

        Assert.Contains(error.Errors, e => e.StartsWith("tier:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("dataset_urn:", StringComparison.Ordinal));
        Assert.Equal(0L, await _fixture.CountAsync("SELECT COUNT(*) FROM bootstraps;"));
        Assert.Equal(0L, await _fixture.CountAsync("SELECT COUNT(*) FROM bootstrap_id_sequences;"));
    }

    [Fact]
    public async Task InitiateAsync_NewBootstrap_StoresRegisteredRecordDueNowWithAudit()
    {
        var ops = _fixture.Operations();

        var result = await ops.InitiateAsync(RuntimeFixture.Request("TIER_2"), false, CancellationToken.None);

        Assert.True(result.Started);
        Assert.Equal("boot-2026-03-02-001", result.BootstrapId);
        var stored = await ops.FindAsync(result.BootstrapId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(BootstrapState.Registered, stored.Record.CurrentStep);
        Assert.Equal(1, stored.Record.Version);
        Assert.Equal(["ValidateRegistration", "ScheduleTimer"], stored.Pending.Select(c => c.GetType().Name));
        Assert.Equal(RuntimeFixture.Start, stored.NextDueAt);
        // The end-to-end timer survives the JSON round trip: Tier-2 is 10 days.
        Assert.Equal(RuntimeFixture.Start.AddDays(10), stored.Record.Timers[TimerKind.EndToEndTimeout]);
        Assert.Equal("REGISTERED", await _fixture.Workspace.ScalarRawAsync("SELECT state FROM bootstraps;"));
        Assert.True((await new SqliteAuditLog(_fixture.Workspace.DatabasePath).VerifyAsync(CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task InitiateAsync_CompletedWithoutForce_ConflictsAndWithForceStartsANewOne()
    {
        var ops = _fixture.Operations();
        var executor = new ScriptedExecutor();
        var first = await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), false, CancellationToken.None);
        await _fixture.Worker(executor).RunUntilIdleAsync(CancellationToken.None);
        await ops.ApproveAsync(first.BootstrapId, Actor.Human("jane.doe"), CancellationToken.None);
        await _fixture.Worker(executor).RunUntilIdleAsync(CancellationToken.None);
        Assert.Equal(BootstrapState.SignalReady, (await ops.FindAsync(first.BootstrapId, CancellationToken.None))!.Record.CurrentStep);

        var again = await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), false, CancellationToken.None);
        var forced = await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), true, CancellationToken.None);

        Assert.False(again.Started);
        Assert.Equal(first.BootstrapId, again.BootstrapId);
        Assert.True(forced.Started);
        Assert.Equal("boot-2026-03-02-002", forced.BootstrapId);
        Assert.Equal(BootstrapState.SignalReady, (await ops.FindAsync(first.BootstrapId, CancellationToken.None))!.Record.CurrentStep);
    }

    [Fact]
    public async Task InitiateAsync_AfterCancel_StartsAgainWithoutForce()
    {
        var ops = _fixture.Operations();
        var first = await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), false, CancellationToken.None);
        await ops.CancelAsync(first.BootstrapId, Actor.Human("jane.doe"), "wrong owner", CancellationToken.None);

        var second = await ops.InitiateAsync(RuntimeFixture.Request("TIER_1"), false, CancellationToken.None);

        Assert.True(second.Started);
        Assert.NotEqual(first.BootstrapId, second.BootstrapId);
    }

    [Fact]
    public async Task WorkspaceSettings_SetCoolingPeriod_ResolvesIntoTier3Approval()
    {
        var settings = new WorkspaceSettings(_fixture.Workspace.DatabasePath, _fixture.Clock);
        var (initial, isDefault) = await settings.GetAsync(WorkspaceSettings.Tier3CoolingPeriod, CancellationToken.None);
        Assert.True(isDefault);
        Assert.Equal(TimeSpan.FromHours(48), Core.Scheduling.DurationParser.Parse(initial));

        await settings.SetAsync(WorkspaceSettings.Tier3CoolingPeriod, "0h", CancellationToken.None);

        Assert.Equal(("0h", false), await settings.GetAsync(WorkspaceSettings.Tier3CoolingPeriod, CancellationToken.None));
        var resolved = await settings.ResolveAsync(Settings.OrchestratorSettings.Default, CancellationToken.None);
        Assert.Equal(TimeSpan.Zero, resolved.Tier3.Approval);
        Assert.Empty(resolved.Validate());
        await Assert.ThrowsAsync<ArgumentException>(() => settings.SetAsync("approval.unknown", "1h", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => settings.SetAsync(WorkspaceSettings.Tier3CoolingPeriod, "soon", CancellationToken.None));
        Assert.Equal(1L, await _fixture.CountAsync("SELECT COUNT(*) FROM settings;"));
    }
}
