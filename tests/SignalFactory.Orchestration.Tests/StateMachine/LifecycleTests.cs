using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.StateMachine;

public sealed class LifecycleTests
{
    [Fact]
    public void Start_CreatesRegisteredRecord_RequestsValidation_AndSetsEndToEndTimer()
    {
        var s = new Scenario();
        var r = s.Record;

        Assert.Null(s.Last.From);
        Assert.Equal(BootstrapState.Registered, r.CurrentStep);
        Assert.Equal(Scenario.BootstrapId, r.BootstrapId);
        Assert.Equal(Scenario.Urn, r.DatasetUrn);
        Assert.Equal("TIER_1", r.Tier);
        Assert.Equal("inline_sdk", r.EnforcementModel);
        Assert.Equal("delta", r.StorageFormat);
        Assert.Equal("spark", r.RuntimeDetected);
        Assert.Equal("human:jane.doe", r.InitiatedBy);
        Assert.Equal(Scenario.T0, r.StartedAt);
        Assert.Null(r.CompletedAt);
        Assert.Equal(1, r.Version);
        Assert.Equal(StepStatus.InProgress, r.Steps.Registration.Status);
        Assert.Equal(Scenario.T0, r.Steps.Registration.StartedAt);
        Assert.Equal(StepStatus.NotStarted, r.Steps.Profiling.Status);
        Assert.Equal(
            [new ValidateRegistration(Scenario.YamlUri), new ScheduleTimer(TimerKind.EndToEndTimeout, Scenario.T0 + TimeSpan.FromHours(168))],
            s.Last.Commands);
        var audit = Assert.Single(s.Last.Audit);
        Assert.Equal(AuditActions.Initiated, audit.Action);
        Assert.Equal("human:jane.doe", audit.Actor.ToString());
    }

    [Fact]
    public void Start_WithMalformedBootstrapId_IsRefused()
    {
        var machine = new BootstrapStateMachine(Settings.OrchestratorSettings.Default);

        Assert.Throws<ArgumentException>(() => machine.Start(Scenario.Request("TIER_1"), "boot-17", Scenario.T0));
    }

    [Fact]
    public void HappyPath_Tier1_ReachesSignalReady_WithOneAuditActionPerStep()
    {
        var s = new Scenario().ToSignalReady();

        Assert.Equal(BootstrapState.SignalReady, s.State);
        Assert.Equal(s.Now, s.Record.CompletedAt);
        Assert.All(
            [s.Record.Steps.Registration, s.Record.Steps.Profiling, s.Record.Steps.PolicyConfig, s.Record.Steps.CertificationInit],
            step => Assert.Equal(StepStatus.Completed, step.Status));
        Assert.Equal(
            ["INITIATED", "REGISTERED", "PROFILED", "POLICY_GENERATED", "APPROVED", "SIGNED", "CERTIFIED"],
            s.History.SelectMany(h => h.Audit).Select(a => a.Action));
        Assert.Equal(s.History.Count, s.Record.Version);
    }

    [Fact]
    public void HappyPath_Tier3_NeedsNoHuman()
    {
        var s = new Scenario("TIER_3");
        s.Send(new RegistrationSucceeded());
        s.Send(new ProfilingSucceeded(Scenario.BaselineUri));
        s.Send(new PolicyGenerated(Scenario.PolicyUri));
        s.Fire(TimerKind.AutoApproval);
        s.Send(new PolicySigned(Scenario.SignedPolicyUri));
        s.Send(new CertificationSucceeded(Scenario.CertifiedUri));

        Assert.Equal(BootstrapState.SignalReady, s.State);
        Assert.DoesNotContain(s.History.SelectMany(h => h.Audit), a => a.Actor.Kind == ActorKind.Human && a.Action != AuditActions.Initiated);
    }

    [Fact]
    public void Cancel_KeepsArtifacts_AndRecordsReason()
    {
        var s = new Scenario().ToPolicyPending();

        s.Send(new CancelRequested(Actor.Human("ops"), "dataset decommissioned"));

        Assert.Equal(BootstrapState.Cancelled, s.State);
        Assert.Equal("dataset decommissioned", s.Record.Reason);
        Assert.Equal(Scenario.BaselineUri, s.Record.Steps.Profiling.ArtifactUri);
        Assert.Equal(Scenario.PolicyUri, s.Record.Steps.PolicyConfig.ArtifactUri);
        Assert.Empty(s.Record.Timers);
        var audit = Assert.Single(s.Last.Audit);
        Assert.Equal(("CANCELLED", "human:ops", "POLICY_PENDING"), (audit.Action, audit.Actor.ToString(), audit.Details["from_state"]));
    }

    [Fact]
    public void Cancel_WithoutReason_IsRefused()
    {
        var s = new Scenario();

        Assert.Throws<InvalidBootstrapEventException>(() => s.Send(new CancelRequested(Scenario.Jane, " ")));
        Assert.Equal(BootstrapState.Registered, s.State);
    }

    [Fact]
    public void Rollback_AppliesKillSwitch_KeepsBaseline_RecordsReason()
    {
        var s = new Scenario().ToSignalReady();
        var completedAt = s.Record.CompletedAt;
        s.Advance(TimeSpan.FromDays(2));

        s.Send(new RollbackRequested(Actor.Human("oncall"), "alert storm on first runs"));

        Assert.Equal(BootstrapState.RolledBack, s.State);
        Assert.Equal("alert storm on first runs", s.Record.Reason);
        Assert.Equal(completedAt, s.Record.CompletedAt);
        Assert.Equal(Scenario.BaselineUri, s.Record.Steps.Profiling.ArtifactUri);
        Assert.Equal(StepStatus.Completed, s.Record.Steps.Profiling.Status);
        Assert.Equal([new ApplyKillSwitch(), new RevertChangeRequest(), new Notify(BootstrapNotification.RolledBack)], s.Last.Commands);
        var audit = Assert.Single(s.Last.Audit);
        Assert.Equal(AuditActions.RolledBack, audit.Action);
        Assert.Equal(Scenario.BaselineUri, audit.Details["baseline_kept"]);
    }

    [Fact]
    public void StateWireNames_AreTheLldNames()
    {
        Assert.Equal(
            ["REGISTERED", "PROFILING", "PROFILING_FAILED", "PROFILED", "POLICY_PENDING", "POLICY_REJECTED", "POLICY_APPROVED",
                "CERTIFYING", "CERT_DEFERRED", "SIGNAL_READY", "CANCELLED", "FAILED", "ROLLED_BACK"],
            BootstrapStates.All.Select(state => state.ToWireName()));
        Assert.True(BootstrapStates.TryParse("CERT_DEFERRED", out var parsed));
        Assert.Equal(BootstrapState.CertDeferred, parsed);
        Assert.False(BootstrapStates.TryParse("cert_deferred", out _));
    }

    [Fact]
    public void TerminalStates_AcceptNothing()
    {
        foreach (var state in new[] { BootstrapState.Cancelled, BootstrapState.Failed, BootstrapState.RolledBack })
        {
            Assert.Empty(BootstrapStateMachine.LegalTriggers(state));
        }
    }
}
