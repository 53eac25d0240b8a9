using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Store;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.StateMachine;

/// <summary>CERT_DEFERRED → first write: the durable probe timer (LLD §7.3 without EventBridge).</summary>
public sealed class DeferredCertificationTests
{
    [Fact]
    public void GoldTableNotFound_SchedulesTheFirstProbeOnePollIntervalLater()
    {
        var s = new Scenario().ToCertifying();

        s.Send(new GoldTableNotFound());

        Assert.Equal(BootstrapState.CertDeferred, s.State);
        Assert.Equal(s.Now + TimeSpan.FromMinutes(5), s.Record.Timers[TimerKind.FirstWriteProbe]);
    }

    [Fact]
    public void ProbeDue_NothingSeen_KeepsProbingEveryIntervalForWeeks()
    {
        var settings = OrchestratorSettings.Default with { FirstWritePoll = TimeSpan.FromMinutes(15) };
        var s = new Scenario(settings: settings).ToCertDeferred();
        var deferredAt = s.Now;

        // 30 days of probes that see nothing (the runtime answers no event): the bootstrap stays deferred.
        var probes = (int)(TimeSpan.FromDays(30) / TimeSpan.FromMinutes(15));
        for (var i = 0; i < probes; i++)
        {
            s.Fire(TimerKind.FirstWriteProbe);
            Assert.Equal(BootstrapState.CertDeferred, s.State);
            Assert.Equal([new ScheduleTimer(TimerKind.FirstWriteProbe, s.Now + TimeSpan.FromMinutes(15)), new ProbeFirstWrite()], s.Last.Commands);
        }

        Assert.Equal(deferredAt + TimeSpan.FromDays(30), s.Now);
        Assert.Equal(s.Now + TimeSpan.FromMinutes(15), s.Record.Timers[TimerKind.FirstWriteProbe]);
        Assert.Null(s.Record.CompletedAt);
    }

    [Fact]
    public void ProbeDue_BeforeItsTime_IsRefused()
    {
        var s = new Scenario().ToCertDeferred();

        Assert.Throws<IllegalTransitionException>(() => s.Send(new TimerFired(TimerKind.FirstWriteProbe)));
    }

    [Fact]
    public void FirstWriteObservedAfterProbes_CertifiesAndLeavesNoProbeBehind()
    {
        var s = new Scenario().ToCertDeferred();
        s.Fire(TimerKind.FirstWriteProbe);
        s.Fire(TimerKind.FirstWriteProbe);

        s.Send(new FirstWriteObserved());
        Assert.Equal(BootstrapState.Certifying, s.State);
        Assert.DoesNotContain(TimerKind.FirstWriteProbe, s.Record.Timers.Keys);
        s.Send(new CertificationSucceeded(Scenario.CertifiedUri));

        Assert.Equal(BootstrapState.SignalReady, s.State);
        Assert.Empty(s.Record.Timers);
    }

    [Fact]
    public void Settings_NonPositiveFirstWritePoll_IsNamed()
    {
        var problems = (OrchestratorSettings.Default with { FirstWritePoll = TimeSpan.Zero }).Validate();

        Assert.Contains(problems, p => p.StartsWith("first_write_poll:", StringComparison.Ordinal));
    }

    [Fact]
    public void ProbeCommands_RoundTripThroughTheStoredPendingJson()
    {
        var s = new Scenario().ToCertDeferred();
        s.Fire(TimerKind.FirstWriteProbe);

        var back = BootstrapJson.DeserializeCommands(BootstrapJson.SerializeCommands(s.Last.Commands));

        Assert.Equal(s.Last.Commands, back);
    }

    [Fact]
    public void EveryCommandType_CanBeStored()
    {
        var types = typeof(BootstrapCommand).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(BootstrapCommand)) && !t.IsAbstract).ToList();

        // Only the type name is checked here: an unknown type is refused before its content is looked at.
        var refused = types.Where(t =>
        {
            try
            {
                BootstrapJson.SerializeCommands([(BootstrapCommand)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t)]);
                return false;
            }
            catch (ArgumentException)
            {
                return true;
            }
        }).Select(t => t.Name).ToList();

        Assert.Empty(refused);
    }
}
