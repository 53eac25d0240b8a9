using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.StateMachine;

/// <summary>LLD §2.7 per tier, each fired exactly at its due time and refused a minute before.</summary>
public sealed class TimeoutTests
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("TIER_1", 30)]
    [InlineData("TIER_2", 30)]
    [InlineData("TIER_3", 15)]
    public void ProfilingTimeout_PerTier_FiresExactlyAtTimeout(string tier, int minutes)
    {
        var s = new Scenario(tier).ToProfiling();
        var dueAt = s.Now + TimeSpan.FromMinutes(minutes);
        Assert.Equal(dueAt, s.Record.Timers[TimerKind.ProfilingTimeout]);

        s.Clock.SetUtcNow(dueAt - OneMinute);
        Assert.Throws<IllegalTransitionException>(() => s.Send(new TimerFired(TimerKind.ProfilingTimeout)));
        Assert.Equal(BootstrapState.Profiling, s.State);

        s.Clock.SetUtcNow(dueAt);
        s.Send(new TimerFired(TimerKind.ProfilingTimeout));
        Assert.Equal(BootstrapState.ProfilingFailed, s.State);
        Assert.Equal(StepStatus.Failed, s.Record.Steps.Profiling.Status);
    }

    [Theory]
    [InlineData("TIER_1", 120)]
    [InlineData("TIER_2", 168)]
    public void ApprovalTimeout_HumanTiers_EscalatesAndExtendsTheWait(string tier, int hours)
    {
        var s = new Scenario(tier).ToPolicyPending();
        var approval = TimeSpan.FromHours(hours);
        var generatedAt = s.Now;
        Assert.Equal(new RequestApproval(1, generatedAt + approval), s.Last.Commands[0]);

        s.Clock.SetUtcNow(generatedAt + approval - OneMinute);
        Assert.Throws<IllegalTransitionException>(() => s.Send(new TimerFired(TimerKind.ApprovalTimeout)));

        s.Clock.SetUtcNow(generatedAt + approval);
        s.Send(new TimerFired(TimerKind.ApprovalTimeout));
        Assert.Equal(BootstrapState.PolicyPending, s.State);
        Assert.Equal([new Escalate(EscalationReason.ApprovalTimeout), new ScheduleTimer(TimerKind.ApprovalTimeout, generatedAt + approval + approval)], s.Last.Commands);
        Assert.Equal(1, s.Record.EscalationCount);
        Assert.Equal("APPROVAL_TIMEOUT", Assert.Single(s.Last.Audit).Details["reason"]);

        // A human can still decide after the escalation.
        s.Send(new PolicyApproved(Scenario.Jane));
        Assert.Equal(BootstrapState.PolicyApproved, s.State);
    }

    [Fact]
    public void AutoApproval_Tier3_NotAMinuteBefore48Hours_ThenApprovedByAutopilot()
    {
        var s = new Scenario("TIER_3").ToPolicyPending();
        var generatedAt = s.Now;
        Assert.DoesNotContain(s.Last.Commands, c => c is RequestApproval);
        Assert.Equal(generatedAt + TimeSpan.FromHours(48), s.Record.Timers[TimerKind.AutoApproval]);

        s.Clock.SetUtcNow(generatedAt + TimeSpan.FromHours(48) - OneMinute);
        var early = Assert.Throws<IllegalTransitionException>(() => s.Send(new TimerFired(TimerKind.AutoApproval)));
        Assert.Contains("not before", early.Detail, StringComparison.Ordinal);
        Assert.Equal(BootstrapState.PolicyPending, s.State);

        s.Clock.SetUtcNow(generatedAt + TimeSpan.FromHours(48));
        s.Send(new TimerFired(TimerKind.AutoApproval));

        Assert.Equal(BootstrapState.PolicyApproved, s.State);
        Assert.Equal([new SignPolicy(Actor.Autopilot)], s.Last.Commands);
        var audit = Assert.Single(s.Last.Audit);
        Assert.Equal(AuditActions.Approved, audit.Action);
        Assert.Equal("autopilot", audit.Actor.ToString());
        Assert.Equal("auto-approve-tier3", audit.Details["rule"]);
        Assert.Equal("48", audit.Details["cooling_period_hours"]);
    }

    [Fact]
    public void AutoApproval_CoolingPeriodFromSettings_Applies()
    {
        var settings = OrchestratorSettings.Default with { Tier3 = OrchestratorSettings.Default.Tier3 with { Approval = TimeSpan.FromHours(24) } };
        var s = new Scenario("TIER_3", settings).ToPolicyPending();

        Assert.Equal(s.Now + TimeSpan.FromHours(24), s.Record.Timers[TimerKind.AutoApproval]);
        s.Fire(TimerKind.AutoApproval);
        Assert.Equal(BootstrapState.PolicyApproved, s.State);
    }

    [Fact]
    public void AutoApproval_Tier3_HumanMayStillRejectDuringCooling()
    {
        var s = new Scenario("TIER_3").ToPolicyPending();
        s.Advance(TimeSpan.FromHours(47));

        s.Send(new PolicyRejected(Scenario.Jane, "wrong owner"));

        Assert.Equal(BootstrapState.PolicyRejected, s.State);
        Assert.False(s.Record.Timers.ContainsKey(TimerKind.AutoApproval));
        Assert.Contains(new CancelTimer(TimerKind.AutoApproval), s.Last.Commands);
    }

    [Theory]
    [InlineData("TIER_1", 168)]
    [InlineData("TIER_2", 240)]
    [InlineData("TIER_3", 72)]
    public void EndToEndTimeout_PerTier_FailsTheBootstrapExactlyAtTimeout(string tier, int hours)
    {
        var s = new Scenario(tier);
        var dueAt = Scenario.T0 + TimeSpan.FromHours(hours);
        Assert.Equal(new ScheduleTimer(TimerKind.EndToEndTimeout, dueAt), s.Last.Commands[1]);
        s.ToProfiling();

        s.Clock.SetUtcNow(dueAt - OneMinute);
        Assert.Throws<IllegalTransitionException>(() => s.Send(new TimerFired(TimerKind.EndToEndTimeout)));

        s.Clock.SetUtcNow(dueAt);
        s.Send(new TimerFired(TimerKind.EndToEndTimeout));
        Assert.Equal(BootstrapState.Failed, s.State);
        Assert.Equal(BootstrapStepName.Profiling, s.Record.FailureStep);
        Assert.Equal($"end-to-end timeout of {hours} h reached in PROFILING", s.Record.Reason);
        Assert.Equal(dueAt, s.Record.CompletedAt);
    }

    [Fact]
    public void CertificationTimeout_Is10Minutes()
    {
        var s = new Scenario().ToCertifying();

        Assert.Equal(s.Now + TimeSpan.FromMinutes(10), s.Record.Timers[TimerKind.CertificationTimeout]);
    }

    [Fact]
    public void SignalReady_HasNoPendingTimers_CertDeferredOnlyTheFirstWriteProbe()
    {
        Assert.Empty(new Scenario().ToSignalReady().Record.Timers);
        var deferred = new Scenario().ToCertDeferred();
        Assert.Equal([TimerKind.FirstWriteProbe], deferred.Record.Timers.Keys);
    }
}
