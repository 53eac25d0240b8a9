using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.StateMachine;

public sealed class AdmissionTests
{
    [Fact]
    public void CheckDuplicate_NoPreviousOrTerminal_Admits()
    {
        Assert.True(BootstrapAdmission.CheckDuplicate(null, force: false).Allowed);
        Assert.True(BootstrapAdmission.CheckDuplicate(Scenario.At(BootstrapState.Failed).Record, force: false).Allowed);
        Assert.True(BootstrapAdmission.CheckDuplicate(Scenario.At(BootstrapState.Cancelled).Record, force: false).Allowed);
        Assert.True(BootstrapAdmission.CheckDuplicate(Scenario.At(BootstrapState.RolledBack).Record, force: false).Allowed);
    }

    [Theory]
    [InlineData(BootstrapState.SignalReady)]
    [InlineData(BootstrapState.CertDeferred)]
    public void CheckDuplicate_Completed_NeedsForce(BootstrapState state)
    {
        var completed = Scenario.At(state).Record;

        var refused = BootstrapAdmission.CheckDuplicate(completed, force: false);
        Assert.False(refused.Allowed);
        Assert.Equal(Scenario.BootstrapId, refused.ExistingBootstrapId);
        Assert.Contains("force", refused.Reason, StringComparison.Ordinal);
        Assert.True(BootstrapAdmission.CheckDuplicate(completed, force: true).Allowed);
    }

    [Fact]
    public void CheckDuplicate_InProgress_RefusedEvenWithForce()
    {
        var running = Scenario.At(BootstrapState.PolicyPending).Record;

        Assert.False(BootstrapAdmission.CheckDuplicate(running, force: true).Allowed);
    }

    [Theory]
    [InlineData("TIER_1", 4, true)]
    [InlineData("TIER_1", 5, false)]
    [InlineData("TIER_2", 9, true)]
    [InlineData("TIER_2", 10, false)]
    [InlineData("TIER_3", 5, false)]
    public void CheckCapacity_PerTierLimits_5_10_5(string tier, int activeInTier, bool allowed)
    {
        Assert.Equal(allowed, BootstrapAdmission.CheckCapacity(new ConcurrencyLimits(), tier, activeTotal: 12, activeInTier).Allowed);
    }

    [Fact]
    public void CanStartProfilingJob_AtMostTen()
    {
        Assert.True(BootstrapAdmission.CanStartProfilingJob(new ConcurrencyLimits(), 9));
        Assert.False(BootstrapAdmission.CanStartProfilingJob(new ConcurrencyLimits(), 10));
    }
}
