using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.StateMachine;

public sealed class SettingsAndRequestTests
{
    [Fact]
    public void Defaults_AreTheSeedValues()
    {
        var d = OrchestratorSettings.Default;

        Assert.Equal(new TierSettings(TimeSpan.FromDays(7), TimeSpan.FromMinutes(30), TimeSpan.FromDays(5), TimeSpan.FromMinutes(10), false), d.Tier1);
        Assert.Equal(new TierSettings(TimeSpan.FromDays(10), TimeSpan.FromMinutes(30), TimeSpan.FromDays(7), TimeSpan.FromMinutes(10), false), d.Tier2);
        Assert.Equal(new TierSettings(TimeSpan.FromDays(3), TimeSpan.FromMinutes(15), TimeSpan.FromDays(2), TimeSpan.FromMinutes(10), true), d.Tier3);
        Assert.Equal(new RetryPolicy(2, TimeSpan.FromSeconds(1), 2), d.Registration);
        Assert.Equal(new RetryPolicy(3, TimeSpan.FromSeconds(60), 2), d.Profiling);
        Assert.Equal(new RetryPolicy(3, TimeSpan.FromSeconds(1), 2), d.Certification);
        Assert.Equal(3, d.MaxRejections);
        Assert.Equal(0.10, d.OutOfMemorySamplingRate);
        Assert.Equal(7, d.DefaultProfilingLookbackDays);
        Assert.Equal((20, 10, 5, 10, 5), (d.Concurrency.MaxParallelBootstraps, d.Concurrency.MaxProfilingJobs, d.Concurrency.Tier1, d.Concurrency.Tier2, d.Concurrency.Tier3));
        Assert.Empty(d.Validate());
    }

    [Fact]
    public void Validate_NamesEveryBadSetting_AndTheMachineRefusesThem()
    {
        var bad = OrchestratorSettings.Default with
        {
            Tier2 = OrchestratorSettings.Default.Tier2 with { Approval = TimeSpan.Zero },
            Profiling = new RetryPolicy(-1, TimeSpan.FromSeconds(60), 0.5),
            OutOfMemorySamplingRate = 1.5,
        };

        var problems = bad.Validate();

        Assert.Equal(4, problems.Count);
        Assert.Contains("tier_2.approval: must be positive", problems);
        Assert.Contains(problems, p => p.StartsWith("profiling.max_retries", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("profiling.backoff_rate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("out_of_memory_sampling_rate", StringComparison.Ordinal));
        var e = Assert.Throws<ArgumentException>(() => new BootstrapStateMachine(bad));
        Assert.Contains("tier_2.approval", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_Valid_HasNoErrors()
    {
        Assert.Empty(Scenario.Request("TIER_2").Validate());
        Assert.Empty((Scenario.Request("TIER_3") with { InitiatedBy = "autopilot" }).Validate());
    }

    [Theory]
    [InlineData("system:scanner")]
    [InlineData("jane")]
    [InlineData("human:")]
    public void Request_InitiatedByNotAutopilotOrHuman_IsAnError(string initiatedBy)
    {
        var errors = (Scenario.Request("TIER_1") with { InitiatedBy = initiatedBy }).Validate();

        Assert.StartsWith("initiated_by:", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Request_OverrideDaysBelowOne_AndRuntimeUnknown_AreErrors()
    {
        var errors = (Scenario.Request("TIER_1") with { OverrideProfilingDays = 0, Runtime = "flink" }).Validate();

        Assert.Equal(2, errors.Count);
    }

    [Theory]
    [InlineData("autopilot", ActorKind.Autopilot, null)]
    [InlineData("human:jane.doe", ActorKind.Human, "jane.doe")]
    [InlineData("system:certifier", ActorKind.System, "certifier")]
    public void Actor_Parse_RoundTrips(string text, ActorKind kind, string? name)
    {
        var actor = Actor.Parse(text);

        Assert.Equal(kind, actor.Kind);
        Assert.Equal(name, actor.Name);
        Assert.Equal(text, actor.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("robot:x")]
    [InlineData("human:two words")]
    [InlineData("human:a:b")]
    [InlineData("autopilot:auto-approve-tier3")]
    public void Actor_Parse_RefusesOtherForms(string text)
    {
        Assert.False(Actor.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Actor.Parse(text));
    }
}
