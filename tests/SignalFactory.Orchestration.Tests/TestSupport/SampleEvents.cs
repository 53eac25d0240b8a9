using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Tests.TestSupport;

/// <summary>One well-formed event per trigger.</summary>
public static class SampleEvents
{
    public static BootstrapEvent For(BootstrapTrigger trigger) => trigger switch
    {
        BootstrapTrigger.RegistrationSucceeded => new RegistrationSucceeded(Scenario.YamlUri),
        BootstrapTrigger.RegistrationFailed => new RegistrationFailed("registry unavailable"),
        BootstrapTrigger.ProfilingSucceeded => new ProfilingSucceeded(Scenario.BaselineUri),
        BootstrapTrigger.ProfilingFailed => new ProfilingFailed("executor lost"),
        BootstrapTrigger.ProfilingOutOfMemory => new ProfilingOutOfMemory("out of memory"),
        BootstrapTrigger.PolicyGenerated => new PolicyGenerated(Scenario.PolicyUri),
        BootstrapTrigger.PolicyGenerationFailed => new PolicyGenerationFailed("generator crashed"),
        BootstrapTrigger.PolicyApproved => new PolicyApproved(Scenario.Jane),
        BootstrapTrigger.PolicyRejected => new PolicyRejected(Scenario.Jane, "too strict", "relax"),
        BootstrapTrigger.RegenerationRequested => new RegenerationRequested(Scenario.Jane, "try again"),
        BootstrapTrigger.PolicySigned => new PolicySigned(Scenario.SignedPolicyUri),
        BootstrapTrigger.PolicySigningFailed => new PolicySigningFailed("key unavailable"),
        BootstrapTrigger.CertificationSucceeded => new CertificationSucceeded(Scenario.CertifiedUri),
        BootstrapTrigger.CertificationFailed => new CertificationFailed("pointer write failed"),
        BootstrapTrigger.GoldTableNotFound => new GoldTableNotFound(),
        BootstrapTrigger.FirstWriteObserved => new FirstWriteObserved(),
        BootstrapTrigger.SchemaChanged => new SchemaChanged("sha256:aaaa", "sha256:bbbb"),
        BootstrapTrigger.CancelRequested => new CancelRequested(Scenario.Jane, "decommissioned"),
        BootstrapTrigger.RollbackRequested => new RollbackRequested(Scenario.Jane, "false alarms"),
        BootstrapTrigger.RegistrationRetryDue => new TimerFired(TimerKind.RegistrationRetry),
        BootstrapTrigger.ProfilingRetryDue => new TimerFired(TimerKind.ProfilingRetry),
        BootstrapTrigger.ProfilingTimedOut => new TimerFired(TimerKind.ProfilingTimeout),
        BootstrapTrigger.PolicyGenerationRetryDue => new TimerFired(TimerKind.PolicyGenerationRetry),
        BootstrapTrigger.ApprovalTimedOut => new TimerFired(TimerKind.ApprovalTimeout),
        BootstrapTrigger.AutoApprovalDue => new TimerFired(TimerKind.AutoApproval),
        BootstrapTrigger.CertificationRetryDue => new TimerFired(TimerKind.CertificationRetry),
        BootstrapTrigger.CertificationTimedOut => new TimerFired(TimerKind.CertificationTimeout),
        BootstrapTrigger.EndToEndTimedOut => new TimerFired(TimerKind.EndToEndTimeout),
        BootstrapTrigger.FirstWriteProbeDue => new TimerFired(TimerKind.FirstWriteProbe),
        _ => throw new ArgumentOutOfRangeException(nameof(trigger)),
    };
}
