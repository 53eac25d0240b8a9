using SignalFactory.Orchestration.Metrics;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.Outbox;
using SignalFactory.Orchestration.Tests.Runtime;
using SignalFactory.Registry;

namespace SignalFactory.Orchestration.Tests.Metrics;

public sealed class FleetQueryTests : IAsyncLifetime
{
    private RuntimeFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await RuntimeFixture.CreateAsync();

    public Task DisposeAsync()
    {
        _fixture.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task GetAsync_MixedFleet_CountsMatchTheRecordsCreated()
    {
        // Registry: 7 datasets, one of them decommissioned, so 6 count.
        await RegisterAsync(("ds://raw/events", "TIER_2"), ("ds://curated/orders", "TIER_1"), ("ds://analytics/sessions", "TIER_3"),
            ("ds://raw/broken", "TIER_3"), ("ds://curated/queued", "TIER_1"), ("ds://curated/never", "TIER_2"), ("ds://old/gone", "TIER_3"));
        await _fixture.Workspace.Workspace.CreateRegistryStore(_fixture.Clock).SetStatusAsync("ds://old/gone", DatasetStatus.Decommissioned, null, CancellationToken.None);
        var steps = new ScriptedExecutor
        {
            Override = command => command is ValidateRegistration v && v.DatasetYamlUri.Contains("broken", StringComparison.Ordinal)
                ? new RegistrationFailed("manifest missing", Retryable: false)
                : null,
        };
        var harness = new OutboxHarness(_fixture, [], steps);

        // A: Tier-2 pending approval since the start; it will be 7 days and 1 minute old (escalated at day 7 meanwhile;
        // Tier-2's end-to-end timeout is 10 days, Tier-1's 7 days would have failed it).
        await harness.StartAsync("TIER_2", "ds://raw/events");
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        // B: Tier-1 pending, fresh. C: Tier-3 (zero cooling) signal-ready. D: fails registration. E: started, no worker yet.
        await harness.StartAsync("TIER_1", "ds://curated/orders");
        await harness.StartAsync("TIER_3", "ds://analytics/sessions");
        await harness.Operations.InitiateAsync(
            RuntimeFixture.Request("TIER_3", "ds://raw/broken") with { DatasetYamlUri = "file:///manifests/broken.yaml" }, false, CancellationToken.None);
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        await harness.StartAsync("TIER_1", "ds://curated/queued");

        var summary = await new FleetQuery(_fixture.Workspace.DatabasePath, _fixture.Clock).GetAsync(CancellationToken.None);

        Assert.Equal(6, summary.TotalDatasets);
        Assert.Equal(1, summary.SignalReadyDatasets);
        Assert.Equal(16.7, summary.CoveragePct);                        // 1 / 6 = 16.67 %
        Assert.Equal(5, summary.Bootstraps);
        Assert.Equal(3, summary.InProgress);                            // A, B, E
        Assert.Equal(1, summary.Queued);                                // E
        Assert.Equal(2, summary.AwaitingApproval);                      // A, B
        Assert.Equal(1, summary.StuckInApproval);                       // A
        Assert.Equal(0, summary.Stalled);
        Assert.Equal(1, summary.SignalReady);
        Assert.Equal(1, summary.Failed);
        Assert.Equal((0, 0, 0), (summary.CertDeferred, summary.Cancelled, summary.RolledBack));
        Assert.Equal(
        [
            new FleetTierSummary("TIER_1", 2, 2, 0, 2, 1, 0),
            new FleetTierSummary("TIER_2", 2, 1, 0, 1, 1, 0),
            new FleetTierSummary("TIER_3", 2, 2, 1, 0, 0, 1),
        ], summary.Tiers);
    }

    [Fact]
    public async Task GetAsync_PendingExactlySevenDays_IsNotStuckYet()
    {
        await RegisterAsync(("ds://curated/orders", "TIER_2"));
        var harness = new OutboxHarness(_fixture, [], settings: OrchestratorSettings.Default);
        await harness.StartAsync("TIER_2");
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        var query = new FleetQuery(_fixture.Workspace.DatabasePath, _fixture.Clock);

        _fixture.Clock.Advance(TimeSpan.FromDays(7));
        var atSeven = await query.GetAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromTicks(1));
        var after = await query.GetAsync(CancellationToken.None);

        Assert.Equal(0, atSeven.StuckInApproval);
        Assert.Equal(1, after.StuckInApproval);
        Assert.Equal(0.0, after.CoveragePct);
    }

    [Fact]
    public async Task GetAsync_ForcedRebootstrapOfSignalReadyDataset_CountsTheNewestBootstrapButKeepsCoverage()
    {
        await RegisterAsync(("ds://analytics/sessions", "TIER_3"));
        var harness = new OutboxHarness(_fixture, []);
        await harness.StartAsync("TIER_3", "ds://analytics/sessions");
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        await harness.Operations.InitiateAsync(RuntimeFixture.Request("TIER_3", "ds://analytics/sessions"), force: true, CancellationToken.None);

        var summary = await new FleetQuery(_fixture.Workspace.DatabasePath, _fixture.Clock).GetAsync(CancellationToken.None);

        Assert.Equal(1, summary.Bootstraps);
        Assert.Equal(1, summary.InProgress);
        Assert.Equal(0, summary.SignalReady);
        Assert.Equal(100.0, summary.CoveragePct);
    }

    private async Task RegisterAsync(params (string Urn, string Tier)[] datasets)
    {
        var store = _fixture.Workspace.Workspace.CreateRegistryStore(_fixture.Clock);
        await store.RegisterAsync(
            datasets.Select(d => new RegistrationRequest(d.Urn, d.Tier, "delta", "spark", "inline_sdk", "team-a", "human:jane.doe", $"urn: {d.Urn}", "hash-" + d.Urn)).ToList(),
            CancellationToken.None);
    }
}
