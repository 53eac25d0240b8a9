using SignalFactory.Orchestration.Audit;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>The components recorded as actors of worker results and timers.</summary>
internal static class SystemActors
{
    public static Actor Registry { get; } = Actor.System("registry");

    public static Actor Profiler { get; } = Actor.System("profiler");

    public static Actor PolicyGenerator { get; } = Actor.System("policy-generator");

    public static Actor Signer { get; } = Actor.System("signer");

    public static Actor Certifier { get; } = Actor.System("certifier");

    public static Actor Orchestrator { get; } = Actor.System("orchestrator");
}
