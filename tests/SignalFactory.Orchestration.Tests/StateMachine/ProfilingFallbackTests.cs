using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.StateMachine;

public sealed class ProfilingFallbackTests
{
    [Fact]
    public void OutOfMemory_FullThenSampled_FallsBackToSynthetic_WithoutUsingRetries()
    {
        var s = new Scenario().ToProfiling();

        s.Send(new ProfilingOutOfMemory("out of memory"));
        Assert.Equal(BootstrapState.Profiling, s.State);
        Assert.Equal(ProfilingMode.Sampled, s.Record.ProfilingMode);
        Assert.Equal(new StartProfiling(ProfilingMode.Sampled, 0.10, 7, "PROFILING_OOM_RETRY"), s.Last.Commands[0]);
        Assert.Equal("sampled", s.Record.Steps.Profiling.Metadata["profiling_mode"]);
        Assert.Equal("0.1", s.Record.Steps.Profiling.Metadata["sampling_rate"]);

        s.Send(new ProfilingOutOfMemory("out of memory again"));
        Assert.Equal(BootstrapState.Profiling, s.State);
        Assert.Equal(ProfilingMode.Synthetic, s.Record.ProfilingMode);
        Assert.Equal(new StartProfiling(ProfilingMode.Synthetic, null, null, "PROFILING_OOM_FALLBACK"), s.Last.Commands[0]);
        Assert.Equal(0, s.Record.Steps.Profiling.RetryCount);

        s.Send(new ProfilingSucceeded(Scenario.BaselineUri, new Dictionary<string, string> { ["is_synthetic"] = "true" }));
        Assert.Equal(BootstrapState.Profiled, s.State);
        var profiling = s.Record.Steps.Profiling;
        Assert.Equal(StepStatus.Completed, profiling.Status);
        Assert.Equal(Scenario.BaselineUri, profiling.ArtifactUri);
        Assert.Equal("synthetic", profiling.Metadata["profiling_mode"]);
        Assert.Equal("PROFILING_OOM_FALLBACK", profiling.Metadata["fallback_reason"]);
        Assert.Equal("true", profiling.Metadata["is_synthetic"]);
        Assert.False(profiling.Metadata.ContainsKey("sampling_rate"));

        var fallbacks = s.History.SelectMany(h => h.Audit).Where(a => a.Action == AuditActions.ProfilingFallback).ToList();
        Assert.Equal(["sampled", "synthetic"], fallbacks.Select(a => a.Details["to_mode"]));
    }

    [Fact]
    public void FailureInSampledMode_RetriesInSampledMode()
    {
        var s = new Scenario().ToProfiling();
        s.Send(new ProfilingOutOfMemory("out of memory"));
        s.Send(new ProfilingFailed("executor lost"));

        s.Fire(TimerKind.ProfilingRetry);

        Assert.Equal(new StartProfiling(ProfilingMode.Sampled, 0.10, 7, "PROFILING_OOM_RETRY"), s.Last.Commands[0]);
    }

    [Fact]
    public void OutOfMemory_InSyntheticMode_IsAnOrdinaryFailure_AndFailsWhenRetriesAreUsedUp()
    {
        var s = new Scenario(skipProfiling: true).ToProfiling();
        for (var retry = 1; retry <= 3; retry++)
        {
            s.Send(new ProfilingOutOfMemory("out of memory"));
            Assert.Equal(BootstrapState.ProfilingFailed, s.State);
            Assert.Equal(retry, s.Record.Steps.Profiling.RetryCount);
            s.Fire(TimerKind.ProfilingRetry);
        }

        s.Send(new ProfilingOutOfMemory("out of memory"));
        Assert.Equal(BootstrapState.Failed, s.State);
    }

    [Fact]
    public void SkipProfiling_StartsSyntheticBaseline()
    {
        var s = new Scenario(skipProfiling: true).ToProfiling();

        Assert.Equal(new StartProfiling(ProfilingMode.Synthetic, null, null, "SKIP_PROFILING_REQUESTED"), s.Last.Commands[0]);
    }

    [Fact]
    public void OverrideProfilingDays_SetsTheLookback()
    {
        var s = new Scenario(overrideDays: 14).ToProfiling();

        Assert.Equal(new StartProfiling(ProfilingMode.Full, null, 14, null), s.Last.Commands[0]);
    }
}
