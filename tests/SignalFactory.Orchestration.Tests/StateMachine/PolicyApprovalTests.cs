using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.StateMachine;

public sealed class PolicyApprovalTests
{
    [Fact]
    public void Rejections_UpToThree_RegenerateWithFeedback_TheFourthEscalatesAndStopsRegenerating()
    {
        var s = new Scenario().ToPolicyPending();
        for (var rejection = 1; rejection <= 3; rejection++)
        {
            s.Send(new PolicyRejected(Scenario.Jane, "too strict", $"feedback {rejection}"));
            Assert.Equal(BootstrapState.PolicyRejected, s.State);
            Assert.Equal(new GeneratePolicy(rejection + 1, $"feedback {rejection}"), Assert.Single(s.Last.Commands, c => c is GeneratePolicy));
            Assert.DoesNotContain(s.Last.Commands, c => c is Escalate);
            s.Send(new PolicyGenerated(Scenario.PolicyUri));
            Assert.Equal(new RequestApproval(rejection + 1, s.Now + TimeSpan.FromHours(120)), s.Last.Commands[0]);
        }

        s.Send(new PolicyRejected(Scenario.Jane, "still too strict", "feedback 4"));

        Assert.Equal(BootstrapState.PolicyRejected, s.State);
        Assert.Equal([new CancelTimer(TimerKind.ApprovalTimeout), new Escalate(EscalationReason.MaxRejections)], s.Last.Commands);
        Assert.True(s.Record.RegenerationPaused);
        Assert.Equal(4, s.Record.RejectionCount);
        Assert.Equal(["REJECTED", "ESCALATED"], s.Last.Audit.Select(a => a.Action));
        Assert.Equal("MAX_REJECTIONS", s.Last.Audit[1].Details["reason"]);

        var e = Assert.Throws<IllegalTransitionException>(() => s.Send(new PolicyGenerated(Scenario.PolicyUri)));
        Assert.Contains("paused", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void RegenerationRequested_AfterEscalation_GeneratesTheNextAttempt_AndTheNextRejectionEscalatesAgain()
    {
        var s = new Scenario(settings: OrchestratorSettings.Default with { MaxRejections = 1 }).ToPolicyPending();
        s.Send(new PolicyRejected(Scenario.Jane, "r1"));
        s.Send(new PolicyGenerated(Scenario.PolicyUri));
        s.Send(new PolicyRejected(Scenario.Jane, "r2"));
        Assert.True(s.Record.RegenerationPaused);

        s.Send(new RegenerationRequested(Actor.Human("lead"), "use tier defaults"));
        Assert.Equal([new GeneratePolicy(3, "use tier defaults")], s.Last.Commands);
        Assert.False(s.Record.RegenerationPaused);

        s.Send(new PolicyGenerated(Scenario.PolicyUri));
        s.Send(new PolicyRejected(Scenario.Jane, "r3"));
        Assert.Contains(new Escalate(EscalationReason.MaxRejections), s.Last.Commands);
        Assert.Equal(2, s.Record.EscalationCount);
    }

    [Fact]
    public void RegenerationRequested_WhenNotPaused_IsRefused()
    {
        var s = new Scenario().ToPolicyRejected();

        Assert.Throws<IllegalTransitionException>(() => s.Send(new RegenerationRequested(Scenario.Jane)));
    }

    [Fact]
    public void Rejection_WithoutFeedback_UsesTheReasonAsFeedback()
    {
        var s = new Scenario().ToPolicyPending();

        s.Send(new PolicyRejected(Scenario.Jane, "null-rate gate too tight"));

        Assert.Contains(new GeneratePolicy(2, "null-rate gate too tight"), s.Last.Commands);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Rejection_WithoutReason_IsRefusedAndChangesNothing(string reason)
    {
        var s = new Scenario().ToPolicyPending();
        var before = s.Record;

        var e = Assert.Throws<InvalidBootstrapEventException>(() => s.Send(new PolicyRejected(Scenario.Jane, reason)));

        Assert.Contains("reason", e.Message, StringComparison.Ordinal);
        Assert.Same(before, s.Record);
    }

    [Theory]
    [InlineData("autopilot")]
    [InlineData("system:policy-generator")]
    public void Approval_ByNonHuman_IsRefused(string actor)
    {
        var s = new Scenario().ToPolicyPending();

        Assert.Throws<InvalidBootstrapEventException>(() => s.Send(new PolicyApproved(Actor.Parse(actor))));
        Assert.Equal(BootstrapState.PolicyPending, s.State);
    }

    [Fact]
    public void Approval_RecordsApproverAndSignsThenCertifies()
    {
        var s = new Scenario().ToPolicyPending();

        s.Send(new PolicyApproved(Scenario.Jane));
        Assert.Equal("human:jane.doe", s.Record.Steps.PolicyConfig.Metadata["approved_by"]);
        Assert.Equal(StepStatus.InProgress, s.Record.Steps.PolicyConfig.Status);

        s.Send(new PolicySigned(Scenario.SignedPolicyUri, "key-1"));
        Assert.Equal(StepStatus.Completed, s.Record.Steps.PolicyConfig.Status);
        Assert.Equal(Scenario.SignedPolicyUri, s.Record.Steps.PolicyConfig.ArtifactUri);
        Assert.Equal("key-1", s.Record.Steps.PolicyConfig.Metadata["key_id"]);
        Assert.Equal(StepStatus.InProgress, s.Record.Steps.CertificationInit.Status);
    }
}
