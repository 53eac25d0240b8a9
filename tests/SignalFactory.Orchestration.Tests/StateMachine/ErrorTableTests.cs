using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.StateMachine;

/// <summary>One test per row of LLD §2.8's error-handling table.</summary>
public sealed class ErrorTableTests
{
    [Fact]
    public void Row01_RegistrationValidationFails_RejectedWithDetailedErrors_NoBootstrapStarted()
    {
        var machine = new BootstrapStateMachine(OrchestratorSettings.Default);
        var request = new BootstrapInitRequest("s3://orders", "TIER_9", "inline", "spark", "iceberg", "human:jane.doe", "file://x.yaml");

        var e = Assert.Throws<InvalidBootstrapRequestException>(() => machine.Start(request, "boot-2026-02-17-001", Scenario.T0));

        Assert.Equal(4, e.Errors.Count);
        Assert.Contains(e.Errors, error => error.StartsWith("dataset_urn:", StringComparison.Ordinal));
        Assert.Contains(e.Errors, error => error.StartsWith("tier:", StringComparison.Ordinal));
        Assert.Contains(e.Errors, error => error.StartsWith("storage_format:", StringComparison.Ordinal));
        Assert.Contains(e.Errors, error => error.StartsWith("enforcement_model:", StringComparison.Ordinal));
    }

    [Fact]
    public void Row02_ProfilingOutOfMemoryFirstAttempt_RetriesWith10PercentSampling()
    {
        var s = new Scenario().ToProfiling();

        s.Send(new ProfilingOutOfMemory("out of memory"));

        Assert.Equal(new StartProfiling(ProfilingMode.Sampled, 0.10, 7, "PROFILING_OOM_RETRY"), s.Last.Commands[0]);
    }

    [Fact]
    public void Row03_ProfilingOutOfMemoryOnRetry_FallsBackToSyntheticBaseline()
    {
        var s = new Scenario().ToProfiling();
        s.Send(new ProfilingOutOfMemory("out of memory"));

        s.Send(new ProfilingOutOfMemory("out of memory"));

        Assert.Equal(new StartProfiling(ProfilingMode.Synthetic, null, null, "PROFILING_OOM_FALLBACK"), s.Last.Commands[0]);
    }

    [Fact]
    public void Row04_ProfilingTimeout_MarksProfilingFailed_AndRetries()
    {
        var s = new Scenario().ToProfiling();

        s.Fire(TimerKind.ProfilingTimeout);

        Assert.Equal(BootstrapState.ProfilingFailed, s.State);
        Assert.Equal(StepStatus.Failed, s.Record.Steps.Profiling.Status);
        Assert.Equal(1, s.Record.Steps.Profiling.RetryCount);
        Assert.Contains(s.Last.Commands, c => c is ScheduleTimer { Kind: TimerKind.ProfilingRetry });
    }

    [Fact]
    public void Row05_PolicyGenerationFails_EmitsMetric_AndRetriesWithBackoff()
    {
        var s = new Scenario().ToProfiled();

        s.Send(new PolicyGenerationFailed("generator crashed"));

        Assert.Equal(
            [new RecordMetric("bootstrap.policy.generation_failed"), new ScheduleTimer(TimerKind.PolicyGenerationRetry, s.Now + TimeSpan.FromMinutes(1))],
            s.Last.Commands);
    }

    [Fact]
    public void Row06_ApprovalTimeout_EscalatesAndExtendsTheWait()
    {
        var s = new Scenario("TIER_2").ToPolicyPending();

        s.Fire(TimerKind.ApprovalTimeout);

        Assert.Equal(
            [new Escalate(EscalationReason.ApprovalTimeout), new ScheduleTimer(TimerKind.ApprovalTimeout, s.Now + TimeSpan.FromHours(168))],
            s.Last.Commands);
        Assert.Equal(BootstrapState.PolicyPending, s.State);
    }

    [Fact]
    public void Row07_RepeatedRejections_EscalateAndPauseRegeneration()
    {
        var s = new Scenario().ToPolicyPending();
        for (var i = 0; i < 3; i++)
        {
            s.Send(new PolicyRejected(Scenario.Jane, "too strict"));
            s.Send(new PolicyGenerated(Scenario.PolicyUri));
        }

        s.Send(new PolicyRejected(Scenario.Jane, "too strict"));

        Assert.Contains(new Escalate(EscalationReason.MaxRejections), s.Last.Commands);
        Assert.DoesNotContain(s.Last.Commands, c => c is GeneratePolicy);
        Assert.True(s.Record.RegenerationPaused);
    }

    [Fact]
    public void Row08_GoldTableMissing_DefersCertification_CompletedOnFirstWrite()
    {
        var s = new Scenario().ToCertifying();

        s.Send(new GoldTableNotFound());
        Assert.Equal(BootstrapState.CertDeferred, s.State);
        Assert.Equal(StepStatus.Deferred, s.Record.Steps.CertificationInit.Status);
        Assert.Contains(new DeferCertification(), s.Last.Commands);

        s.Advance(TimeSpan.FromDays(20));
        s.Send(new FirstWriteObserved());
        s.Send(new CertificationSucceeded(Scenario.CertifiedUri));
        Assert.Equal(BootstrapState.SignalReady, s.State);
        Assert.Equal(StepStatus.Completed, s.Record.Steps.CertificationInit.Status);
    }

    [Fact]
    public void Row09_SchemaChangedBeforeCertification_ReProfiles_AndRedoesPolicy()
    {
        var s = new Scenario().ToCertifying();

        s.Send(new SchemaChanged("sha256:aaaa", "sha256:bbbb"));

        Assert.Equal(BootstrapState.Profiling, s.State);
        Assert.Equal(1, s.Record.ReprofileCount);
        Assert.Equal(0, s.Record.PolicyAttempt);
        Assert.Equal(StepStatus.NotStarted, s.Record.Steps.PolicyConfig.Status);
        Assert.Equal(StepStatus.NotStarted, s.Record.Steps.CertificationInit.Status);
        s.Send(new ProfilingSucceeded(Scenario.BaselineUri));
        Assert.Equal([new CancelTimer(TimerKind.ProfilingTimeout), new GeneratePolicy(1, null)], s.Last.Commands);
    }

    [Fact]
    public void Row10_ConcurrentBootstrapOnSameUrn_IsRejectedWithTheExistingId()
    {
        var running = new Scenario().ToProfiling().Record;

        var decision = BootstrapAdmission.CheckDuplicate(running, force: false);

        Assert.False(decision.Allowed);
        Assert.Equal(Scenario.BootstrapId, decision.ExistingBootstrapId);
    }

    [Fact]
    public void Row11_CapacityExhausted_RequestWaitsInQueue()
    {
        var limits = OrchestratorSettings.Default.Concurrency;

        Assert.False(BootstrapAdmission.CheckCapacity(limits, "TIER_2", activeTotal: 20, activeInTier: 3).Allowed);
        Assert.True(BootstrapAdmission.CheckCapacity(limits, "TIER_2", activeTotal: 19, activeInTier: 3).Allowed);
    }
}
