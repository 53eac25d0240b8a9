using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Tests.TestSupport;

/// <summary>
/// Plays the runtime's part for one bootstrap: keeps the record, applies events at the fake clock's time and keeps
/// every result, so tests can drive the machine along real paths and look at the last transition.
/// </summary>
public sealed class Scenario
{
    public static readonly DateTimeOffset T0 = new(2026, 2, 17, 10, 0, 0, TimeSpan.Zero);

    public const string BootstrapId = "boot-2026-02-17-001";
    public const string Urn = "ds://curated/orders_enriched";
    public const string YamlUri = "file://datasets/orders_enriched/dataset.yaml";
    public const string BaselineUri = "file://datasets/orders_enriched/baseline.json";
    public const string PolicyUri = "file://datasets/orders_enriched/policy_bundle.yaml";
    public const string SignedPolicyUri = "file://datasets/orders_enriched/policy_bundle.signed.yaml";
    public const string CertifiedUri = "file://datasets/orders_enriched/certified_view.json";

    public static readonly Actor Jane = Actor.Human("jane.doe");

    private readonly List<TransitionResult> _history = [];

    public Scenario(string tier = "TIER_1", OrchestratorSettings? settings = null, bool skipProfiling = false, int? overrideDays = null)
    {
        Clock = new FakeTimeProvider(T0);
        Machine = new BootstrapStateMachine(settings ?? OrchestratorSettings.Default);
        var request = Request(tier) with { SkipProfiling = skipProfiling, OverrideProfilingDays = overrideDays };
        Keep(Machine.Start(request, BootstrapId, Clock.GetUtcNow()));
    }

    public FakeTimeProvider Clock { get; }

    public BootstrapStateMachine Machine { get; }

    public BootstrapRecord Record => Last.Record;

    public BootstrapState State => Record.CurrentStep;

    public TransitionResult Last => _history[^1];

    public IReadOnlyList<TransitionResult> History => _history;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static BootstrapInitRequest Request(string tier) =>
        new(Urn, tier, "inline_sdk", "spark", "delta", "human:jane.doe", YamlUri);

    public TransitionResult Send(BootstrapEvent @event) => Keep(Machine.Apply(Record, @event, Now));

    /// <summary>Moves the clock to the timer's due time and fires it.</summary>
    public TransitionResult Fire(TimerKind kind)
    {
        Assert.True(Record.Timers.TryGetValue(kind, out var dueAt), $"no {kind} timer pending in {State}");
        if (dueAt > Now)
        {
            Clock.SetUtcNow(dueAt);
        }

        return Send(new TimerFired(kind));
    }

    public TransitionResult Advance(TimeSpan by)
    {
        Clock.Advance(by);
        return Last;
    }

    // Paths to each state along legal events.
    public Scenario ToProfiling()
    {
        Send(new RegistrationSucceeded(YamlUri));
        return this;
    }

    public Scenario ToProfilingFailed() => Then(ToProfiling, new ProfilingFailed("executor lost"));

    public Scenario ToProfiled() => Then(ToProfiling, new ProfilingSucceeded(BaselineUri));

    public Scenario ToPolicyPending() => Then(ToProfiled, new PolicyGenerated(PolicyUri));

    public Scenario ToPolicyRejected() => Then(ToPolicyPending, new PolicyRejected(Jane, "too strict", "relax null checks"));

    public Scenario ToPolicyApproved()
    {
        ToPolicyPending();
        Send(Record.Tier == "TIER_3" ? new TimerFired(TimerKind.AutoApproval) : new PolicyApproved(Jane));
        return this;
    }

    public Scenario ToCertifying() => Then(ToPolicyApproved, new PolicySigned(SignedPolicyUri, "key-1"));

    public Scenario ToCertDeferred() => Then(ToCertifying, new GoldTableNotFound());

    public Scenario ToSignalReady() => Then(ToCertifying, new CertificationSucceeded(CertifiedUri));

    public Scenario ToCancelled()
    {
        Send(new CancelRequested(Jane, "decommissioned"));
        return this;
    }

    public Scenario ToFailed()
    {
        Send(new RegistrationFailed("manifest invalid", Retryable: false));
        return this;
    }

    public Scenario ToRolledBack() => Then(ToSignalReady, new RollbackRequested(Jane, "false alarms"));

    /// <summary>A scenario standing in <paramref name="state"/> (Tier-1 unless told), reached along legal events.</summary>
    public static Scenario At(BootstrapState state, string tier = "TIER_1")
    {
        var s = new Scenario(tier);
        _ = state switch
        {
            BootstrapState.Registered => s,
            BootstrapState.Profiling => s.ToProfiling(),
            BootstrapState.ProfilingFailed => s.ToProfilingFailed(),
            BootstrapState.Profiled => s.ToProfiled(),
            BootstrapState.PolicyPending => s.ToPolicyPending(),
            BootstrapState.PolicyRejected => s.ToPolicyRejected(),
            BootstrapState.PolicyApproved => s.ToPolicyApproved(),
            BootstrapState.Certifying => s.ToCertifying(),
            BootstrapState.CertDeferred => s.ToCertDeferred(),
            BootstrapState.SignalReady => s.ToSignalReady(),
            BootstrapState.Cancelled => s.ToCancelled(),
            BootstrapState.Failed => s.ToFailed(),
            BootstrapState.RolledBack => s.ToRolledBack(),
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        Assert.Equal(state, s.State);
        return s;
    }

    private Scenario Then(Func<Scenario> before, BootstrapEvent @event)
    {
        before();
        Send(@event);
        return this;
    }

    private TransitionResult Keep(TransitionResult result)
    {
        _history.Add(result);
        return result;
    }
}
