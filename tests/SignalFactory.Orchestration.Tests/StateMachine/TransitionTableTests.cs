using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.StateMachine;

public sealed class TransitionTableTests
{
    public static TheoryData<string> CaseNames => TransitionCases.Names();

    public static TheoryData<BootstrapState, BootstrapTrigger> IllegalPairs()
    {
        var data = new TheoryData<BootstrapState, BootstrapTrigger>();
        foreach (var state in Enum.GetValues<BootstrapState>())
        {
            foreach (var trigger in Enum.GetValues<BootstrapTrigger>())
            {
                if (!ExpectedTable.Rows.ContainsKey((state, trigger)))
                {
                    data.Add(state, trigger);
                }
            }
        }

        return data;
    }

    [Fact]
    public void LegalPairs_AreExactlyTheHandWrittenTable()
    {
        var actual = BootstrapStateMachine.LegalPairs.OrderBy(p => p.State).ThenBy(p => p.Trigger).ToList();
        var expected = ExpectedTable.Rows.Keys.OrderBy(p => p.State).ThenBy(p => p.Trigger).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Cases_CoverEveryLegalPairAndEveryDecidedOutcome()
    {
        var covered = TransitionCases.All.Values.Select(c => (c.From, c.Trigger, c.To)).ToHashSet();
        var expected = ExpectedTable.Rows
            .SelectMany(row => row.Value.Select(to => (row.Key.State, row.Key.Trigger, to)))
            // Reached along longer paths, tested in their own files: retries used up (RetryAndBackoffTests), OOM in
            // synthetic mode (ProfilingFallbackTests).
            .Where(t => !IsCoveredElsewhere(t))
            .ToHashSet();
        Assert.Empty(expected.Except(covered));
        Assert.Empty(covered.Except(ExpectedTable.Rows.SelectMany(row => row.Value.Select(to => (row.Key.State, row.Key.Trigger, to)))));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Apply_LegalPair_GivesNextStateAndCommands(string name)
    {
        var c = TransitionCases.All[name];
        var scenario = c.Arrange();
        Assert.Equal(c.From, scenario.State);
        var versionBefore = scenario.Record.Version;

        var result = c.Act(scenario);

        Assert.Equal(c.From, result.From);
        Assert.Equal(c.To, result.To);
        Assert.Equal(c.Commands(scenario.Now), result.Commands);
        Assert.Equal(versionBefore + 1, result.Record.Version);
        Assert.Equal(scenario.Now, result.Record.UpdatedAt);
        // A first-write probe is the one routine move with no audit record (a table may stay empty for weeks).
        if (c.Trigger == BootstrapTrigger.FirstWriteProbeDue)
        {
            Assert.Empty(result.Audit);
        }
        else
        {
            Assert.NotEmpty(result.Audit);
        }

        Assert.All(result.Audit, entry => Assert.Equal(Scenario.BootstrapId, entry.BootstrapId));
        AssertTimersMatchCommands(scenario);
    }

    [Theory]
    [MemberData(nameof(IllegalPairs))]
    public void Apply_IllegalPair_IsRefusedNamingStateAndEvent(BootstrapState state, BootstrapTrigger trigger)
    {
        var scenario = Scenario.At(state);
        var before = scenario.Record;

        var e = Assert.Throws<IllegalTransitionException>(() => scenario.Machine.Apply(before, SampleEvents.For(trigger), scenario.Now));

        Assert.Equal(state, e.State);
        Assert.Equal(trigger, e.Trigger);
        Assert.Contains(state.ToWireName(), e.Message, StringComparison.Ordinal);
        Assert.Contains(trigger.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Null(e.Detail);
        Assert.Same(before, scenario.Record);
    }

    [Fact]
    public void SampleEvents_HaveTheTriggerTheyAreFor()
    {
        foreach (var trigger in Enum.GetValues<BootstrapTrigger>())
        {
            Assert.Equal(trigger, SampleEvents.For(trigger).Trigger);
        }
    }

    private static bool IsCoveredElsewhere((BootstrapState State, BootstrapTrigger Trigger, BootstrapState To) t) => t switch
    {
        (_, BootstrapTrigger.ProfilingOutOfMemory, BootstrapState.ProfilingFailed or BootstrapState.Failed) => true,
        (_, BootstrapTrigger.ProfilingTimedOut, BootstrapState.Failed) => true,
        (_, BootstrapTrigger.CertificationTimedOut, BootstrapState.Failed) => true,
        _ => false,
    };

    // The record's pending timers are exactly those scheduled and not cancelled or fired along the whole history.
    private static void AssertTimersMatchCommands(Scenario scenario)
    {
        var pending = new Dictionary<TimerKind, DateTimeOffset>();
        foreach (var step in scenario.History)
        {
            foreach (var command in step.Commands)
            {
                switch (command)
                {
                    case ScheduleTimer schedule: pending[schedule.Kind] = schedule.DueAt; break;
                    case CancelTimer cancel: Assert.True(pending.Remove(cancel.Kind), $"cancelled {cancel.Kind} was not pending"); break;
                }
            }

            // A fired timer leaves the record without a CancelTimer command.
            foreach (var kind in pending.Keys.Where(k => !step.Record.Timers.ContainsKey(k)).ToList())
            {
                pending.Remove(kind);
            }

            Assert.Equal(pending.OrderBy(p => p.Key), step.Record.Timers.OrderBy(p => p.Key));
        }
    }
}
