using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.StateMachine;

public sealed class RetryAndBackoffTests
{
    [Fact]
    public void RegistrationFailed_RetriesTwiceAfter1And2Seconds_ThenFails()
    {
        var s = new Scenario();
        var failedAt = s.Now;

        // LLD §2.4: MaxAttempts 2, BackoffRate 2, default interval 1 s → waits of 1 s and 2 s.
        s.Send(new RegistrationFailed("registry unavailable"));
        Assert.Equal(failedAt + TimeSpan.FromSeconds(1), s.Record.Timers[TimerKind.RegistrationRetry]);
        Assert.Equal(1, s.Record.Steps.Registration.RetryCount);
        s.Fire(TimerKind.RegistrationRetry);
        Assert.Equal([new ValidateRegistration(Scenario.YamlUri)], s.Last.Commands);

        var secondFailure = s.Now;
        s.Send(new RegistrationFailed("registry unavailable"));
        Assert.Equal(secondFailure + TimeSpan.FromSeconds(2), s.Record.Timers[TimerKind.RegistrationRetry]);
        Assert.Equal(2, s.Record.Steps.Registration.RetryCount);
        s.Fire(TimerKind.RegistrationRetry);

        s.Send(new RegistrationFailed("registry unavailable"));
        Assert.Equal(BootstrapState.Failed, s.State);
        Assert.Equal(BootstrapStepName.Registration, s.Record.FailureStep);
        Assert.Equal(StepStatus.Failed, s.Record.Steps.Registration.Status);
        Assert.Contains("after 2 retries", s.Record.Reason, StringComparison.Ordinal);
        Assert.Empty(s.Record.Timers);
    }

    [Fact]
    public void ProfilingFailed_RetriesThreeTimesAfter60_120_240Seconds_ThenFails()
    {
        var s = new Scenario().ToProfiling();
        TimeSpan[] expectedDelays = [TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240)];

        for (var retry = 1; retry <= 3; retry++)
        {
            var failedAt = s.Now;
            s.Send(new ProfilingFailed("executor lost"));
            Assert.Equal(BootstrapState.ProfilingFailed, s.State);
            Assert.Equal(retry, s.Record.Steps.Profiling.RetryCount);
            var dueAt = failedAt + expectedDelays[retry - 1];
            Assert.Equal(dueAt, s.Record.Timers[TimerKind.ProfilingRetry]);

            // Not a second early.
            s.Clock.SetUtcNow(dueAt - TimeSpan.FromSeconds(1));
            var early = Assert.Throws<IllegalTransitionException>(() => s.Send(new TimerFired(TimerKind.ProfilingRetry)));
            Assert.NotNull(early.Detail);

            s.Fire(TimerKind.ProfilingRetry);
            Assert.Equal(BootstrapState.Profiling, s.State);
            Assert.Equal(dueAt, s.Now);
        }

        s.Send(new ProfilingFailed("executor lost"));
        Assert.Equal(BootstrapState.Failed, s.State);
        Assert.Equal(BootstrapStepName.Profiling, s.Record.FailureStep);
        Assert.Equal(3, s.Record.Steps.Profiling.RetryCount);
    }

    [Fact]
    public void ProfilingTimedOut_CountsAsFailure_FourthTimeoutFails()
    {
        var s = new Scenario().ToProfiling();
        for (var retry = 1; retry <= 3; retry++)
        {
            s.Fire(TimerKind.ProfilingTimeout);
            Assert.Equal(BootstrapState.ProfilingFailed, s.State);
            Assert.Contains(new StopProfiling(), s.Last.Commands);
            Assert.Equal("profiling timed out after 30 min", s.Record.Steps.Profiling.ErrorMessage);
            s.Fire(TimerKind.ProfilingRetry);
        }

        s.Fire(TimerKind.ProfilingTimeout);
        Assert.Equal(BootstrapState.Failed, s.State);
        Assert.Equal([new StopProfiling(), new CancelTimer(TimerKind.EndToEndTimeout), new Notify(BootstrapNotification.Failed)], s.Last.Commands);
    }

    [Fact]
    public void CertificationFailed_RetriesAfter1_2_4Seconds_ThenFails()
    {
        var s = new Scenario().ToCertifying();
        for (var retry = 1; retry <= 3; retry++)
        {
            var failedAt = s.Now;
            s.Send(new CertificationFailed("pointer write failed"));
            Assert.Equal(failedAt + TimeSpan.FromSeconds(Math.Pow(2, retry - 1)), s.Record.Timers[TimerKind.CertificationRetry]);
            s.Fire(TimerKind.CertificationRetry);
        }

        s.Send(new CertificationFailed("pointer write failed"));
        Assert.Equal(BootstrapState.Failed, s.State);
        Assert.Equal(BootstrapStepName.CertificationInit, s.Record.FailureStep);
    }

    [Fact]
    public void CertificationTimedOut_FourthTimeoutFails()
    {
        var s = new Scenario().ToCertifying();
        for (var retry = 1; retry <= 3; retry++)
        {
            s.Fire(TimerKind.CertificationTimeout);
            Assert.Equal(BootstrapState.Certifying, s.State);
            Assert.Equal("certification init timed out after 10 min", s.Record.Steps.CertificationInit.ErrorMessage);
            s.Fire(TimerKind.CertificationRetry);
        }

        s.Fire(TimerKind.CertificationTimeout);
        Assert.Equal(BootstrapState.Failed, s.State);
    }

    [Fact]
    public void PolicyGenerationFailed_RetriesAfter1And2Minutes_ThenFails_CountingEachFailure()
    {
        var s = new Scenario().ToProfiled();
        var metrics = 0;
        for (var retry = 1; retry <= 2; retry++)
        {
            var failedAt = s.Now;
            s.Send(new PolicyGenerationFailed("generator crashed"));
            metrics += s.Last.Commands.Count(c => c == new RecordMetric("bootstrap.policy.generation_failed"));
            Assert.Equal(failedAt + TimeSpan.FromMinutes(retry == 1 ? 1 : 2), s.Record.Timers[TimerKind.PolicyGenerationRetry]);
            s.Fire(TimerKind.PolicyGenerationRetry);
            Assert.Equal([new GeneratePolicy(1, null)], s.Last.Commands);
        }

        s.Send(new PolicyGenerationFailed("generator crashed"));
        metrics += s.Last.Commands.Count(c => c == new RecordMetric("bootstrap.policy.generation_failed"));
        Assert.Equal(BootstrapState.Failed, s.State);
        Assert.Equal(BootstrapStepName.PolicyConfig, s.Record.FailureStep);
        Assert.Equal(3, metrics);
    }

    [Fact]
    public void RetryPolicy_DelayBeforeRetry_IsIntervalTimesRateToTheRetryMinusOne()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(10), 3.0);

        // 10 s × 3^(n−1): 10, 30, 90, 270, 810.
        Assert.Equal(TimeSpan.FromSeconds(10), policy.DelayBeforeRetry(1));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayBeforeRetry(2));
        Assert.Equal(TimeSpan.FromSeconds(90), policy.DelayBeforeRetry(3));
        Assert.Equal(TimeSpan.FromSeconds(270), policy.DelayBeforeRetry(4));
        Assert.Equal(TimeSpan.FromSeconds(810), policy.DelayBeforeRetry(5));
        Assert.True(policy.CanRetry(4));
        Assert.False(policy.CanRetry(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.DelayBeforeRetry(0));
    }

    [Fact]
    public void Settings_ProfilingRetryPolicy_DrivesTheDecision()
    {
        var settings = OrchestratorSettings.Default with { Profiling = new RetryPolicy(1, TimeSpan.FromMinutes(5), 2.0) };
        var s = new Scenario(settings: settings).ToProfiling();

        var failedAt = s.Now;
        s.Send(new ProfilingFailed("executor lost"));
        Assert.Equal(failedAt + TimeSpan.FromMinutes(5), s.Record.Timers[TimerKind.ProfilingRetry]);
        s.Fire(TimerKind.ProfilingRetry);
        s.Send(new ProfilingFailed("executor lost"));

        Assert.Equal(BootstrapState.Failed, s.State);
    }

    [Fact]
    public void WorkerResult_WhileRetryIsScheduled_IsRefused()
    {
        var s = new Scenario().ToCertifying();
        s.Send(new CertificationFailed("pointer write failed"));
        var before = s.Record;

        var e = Assert.Throws<IllegalTransitionException>(() => s.Send(new CertificationSucceeded(Scenario.CertifiedUri)));

        Assert.Contains("CertificationRetry", e.Detail, StringComparison.Ordinal);
        Assert.Same(before, s.Record);
    }

    [Fact]
    public void TimerFired_NotPending_IsRefused()
    {
        var s = new Scenario().ToProfiled();

        var e = Assert.Throws<IllegalTransitionException>(() => s.Send(new TimerFired(TimerKind.PolicyGenerationRetry)));

        Assert.Equal("no PolicyGenerationRetry timer is pending", e.Detail);
    }

    [Fact]
    public void DueTimers_ListsDueTimersEarliestFirst()
    {
        var s = new Scenario().ToProfiling();
        s.Send(new ProfilingFailed("executor lost"));

        // Pending: ProfilingRetry at +60 s, EndToEndTimeout at +168 h.
        Assert.Empty(BootstrapStateMachine.DueTimers(s.Record, s.Now + TimeSpan.FromSeconds(59)));
        Assert.Equal([TimerKind.ProfilingRetry], BootstrapStateMachine.DueTimers(s.Record, s.Now + TimeSpan.FromSeconds(60)));
        Assert.Equal(
            [TimerKind.ProfilingRetry, TimerKind.EndToEndTimeout],
            BootstrapStateMachine.DueTimers(s.Record, Scenario.T0 + TimeSpan.FromHours(168)));
    }
}
