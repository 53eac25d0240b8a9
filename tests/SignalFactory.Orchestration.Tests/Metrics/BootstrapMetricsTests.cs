using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Metrics;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.Outbox;
using SignalFactory.Orchestration.Tests.Runtime;

namespace SignalFactory.Orchestration.Tests.Metrics;

public sealed class BootstrapMetricsTests : IAsyncLifetime
{
    private readonly BootstrapMetrics _metrics = new();
    private RuntimeFixture _fixture = null!;
    private MetricsCapture _capture = null!;

    public async Task InitializeAsync()
    {
        _fixture = await RuntimeFixture.CreateAsync();
        _capture = new MetricsCapture(_metrics.Meter);
    }

    public Task DisposeAsync()
    {
        _capture.Dispose();
        _metrics.Dispose();
        _fixture.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TransitionStored_Tier3ToSignalReady_CountsInitiatedCompletedAndTimesEachStep()
    {
        var harness = new OutboxHarness(_fixture, [], metrics: _metrics);
        await harness.StartAsync("TIER_3");

        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);

        var initiated = Assert.Single(_capture.Of("bootstrap.initiated"));
        Assert.Equal(1, initiated.Value);
        Assert.Equal("TIER_3", initiated.Tags["tier"]);
        Assert.Equal("human", initiated.Tags["initiated_by"]);
        Assert.Equal(1, _capture.Sum("bootstrap.completed"));
        Assert.Equal(0, Assert.Single(_capture.Of("bootstrap.duration_hours")).Value);
        var steps = _capture.Of("bootstrap.step_duration_ms").Select(m => m.Tags["step"]).ToList();
        Assert.Equal(["registration", "profiling", "policy_config", "certification_init"], steps);
        Assert.Empty(_capture.Of("bootstrap.failed"));
    }

    [Fact]
    public async Task TransitionStored_Tier1ApprovedAfterEscalation_RecordsWaitFromFirstPendingAndOneEscalation()
    {
        var harness = new OutboxHarness(_fixture, [], settings: OrchestratorSettings.Default, metrics: _metrics);
        var id = await harness.StartAsync("TIER_1");
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromDays(5));                 // approval timeout: escalation, same pending attempt
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromHours(6));

        await harness.Operations.ApproveAsync(id, Actor.Human("jane.doe"), CancellationToken.None);
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);

        // Pending since the start (the policy was generated at once); approved 5 days 6 hours later.
        Assert.Equal(5 * 24 + 6, Assert.Single(_capture.Of("bootstrap.approval_wait_hours")).Value);
        var escalation = Assert.Single(_capture.Of("bootstrap.escalations"));
        Assert.Equal("approval_timeout", escalation.Tags["reason"]);
        Assert.Equal(5 * 24 + 6, Assert.Single(_capture.Of("bootstrap.duration_hours")).Value);
        var policyStep = Assert.Single(_capture.Of("bootstrap.step_duration_ms"), m => m.Tags["step"] == "policy_config");
        Assert.Equal(TimeSpan.FromHours(5 * 24 + 6).TotalMilliseconds, policyStep.Value);
    }

    [Fact]
    public async Task RecordMetricAndFailure_PolicyGenerationFailsThenRegistrationFailure_CountsBoth()
    {
        var failures = 0;
        var steps = new ScriptedExecutor
        {
            Override = command => command switch
            {
                GeneratePolicy when Interlocked.Increment(ref failures) == 1 => new PolicyGenerationFailed("generator unavailable"),
                ValidateRegistration v when v.DatasetYamlUri.Contains("broken", StringComparison.Ordinal) =>
                    new RegistrationFailed("manifest missing", Retryable: false),
                _ => null,
            },
        };
        var harness = new OutboxHarness(_fixture, [], steps, metrics: _metrics);
        await harness.StartAsync("TIER_2");
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromSeconds(60));               // the generation retry timer
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        await harness.Operations.InitiateAsync(
            RuntimeFixture.Request("TIER_1", "ds://raw/broken") with { DatasetYamlUri = "file:///manifests/broken.yaml" }, false, CancellationToken.None);
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);

        var generationFailed = Assert.Single(_capture.Of("bootstrap.policy.generation_failed"));
        Assert.Equal("TIER_2", generationFailed.Tags["tier"]);
        var failed = Assert.Single(_capture.Of("bootstrap.failed"));
        Assert.Equal(("TIER_1", "registration"), (failed.Tags["tier"], failed.Tags["failure_step"]));
    }

    [Fact]
    public void Gauges_AfterUpdate_ReportTheSummaryPerTier()
    {
        var summary = new FleetSummary(RuntimeFixture.Start, 10, 4, 40.0, 9, 3, 1, 2, 1, 0, 1, 4, 1, 0, 0, 5, 2,
        [
            new FleetTierSummary("TIER_1", 3, 3, 1, 2, 1, 0),
            new FleetTierSummary("TIER_2", 4, 3, 1, 1, 1, 1),
            new FleetTierSummary("TIER_3", 3, 3, 2, 0, 0, 0),
        ]);

        _capture.CollectGauges();
        var before = _capture.Measurements.Count;
        _metrics.Update(summary);
        _capture.CollectGauges();

        Assert.Equal(0, before);
        Assert.Equal([2.0, 1.0, 0.0], _capture.Of("bootstrap.active_count").Select(m => m.Value));
        Assert.Equal(["TIER_1", "TIER_2", "TIER_3"], _capture.Of("bootstrap.active_count").Select(m => m.Tags["tier"]));
        Assert.Equal(1, Assert.Single(_capture.Of("bootstrap.overflow_queue_depth")).Value);
        Assert.Equal(40.0, Assert.Single(_capture.Of("fleet.coverage_pct")).Value);
        Assert.Equal(1, Assert.Single(_capture.Of("fleet.stuck_in_approval")).Value);
        Assert.Equal(10, Assert.Single(_capture.Of("fleet.total_datasets")).Value);
        Assert.Equal(5, Assert.Single(_capture.Of("bootstrap.outbox.pending")).Value);
    }
}
