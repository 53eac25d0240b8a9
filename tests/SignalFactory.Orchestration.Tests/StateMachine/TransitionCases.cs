using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;
using static SignalFactory.Orchestration.StateMachine.TimerKind;
using S = SignalFactory.Orchestration.StateMachine.BootstrapState;
using T = SignalFactory.Orchestration.StateMachine.BootstrapTrigger;

namespace SignalFactory.Orchestration.Tests.StateMachine;

/// <summary>
/// One case per legal (state, trigger) pair, and per branch where the pair decides between outcomes. Durations are
/// LLD §2.7's (Tier-1: profiling 30 min, approval 120 h, certification 10 min; Tier-3: approval 48 h) and the
/// backoff intervals of §2.4 (registration 1 s, profiling 60 s, certification 1 s) and §2.8 (policy 60 s).
/// </summary>
public static class TransitionCases
{
    private static readonly TimeSpan ProfilingTimeout30 = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Approval120H = TimeSpan.FromHours(120);
    private static readonly TimeSpan Certification10 = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FirstWritePoll5 = TimeSpan.FromMinutes(5);

    public sealed record Case(
        S From, T Trigger, S To, Func<Scenario> Arrange, Func<Scenario, TransitionResult> Act, Func<DateTimeOffset, BootstrapCommand[]> Commands);

    public static IReadOnlyDictionary<string, Case> All { get; } = Build();

    public static TheoryData<string> Names() => [.. All.Keys];

    private static Func<Scenario, TransitionResult> Send(BootstrapEvent e) => s => s.Send(e);

    private static Func<Scenario, TransitionResult> Fire(TimerKind kind) => s => s.Fire(kind);

    private static Dictionary<string, Case> Build()
    {
        var jane = Scenario.Jane;
        var cases = new Dictionary<string, Case>();
        void Add(string name, S from, T trigger, S to, Func<Scenario> arrange, Func<Scenario, TransitionResult> act, Func<DateTimeOffset, BootstrapCommand[]> commands) =>
            cases.Add(name, new Case(from, trigger, to, arrange, act, commands));

        // REGISTERED
        Add("Registered_RegistrationSucceeded", S.Registered, T.RegistrationSucceeded, S.Profiling, () => new Scenario(),
            Send(new RegistrationSucceeded(Scenario.YamlUri)),
            now => [new StartProfiling(ProfilingMode.Full, null, 7, null), new ScheduleTimer(ProfilingTimeout, now + ProfilingTimeout30)]);
        Add("Registered_RegistrationFailed_Retry", S.Registered, T.RegistrationFailed, S.Registered, () => new Scenario(),
            Send(new RegistrationFailed("registry unavailable")),
            now => [new ScheduleTimer(RegistrationRetry, now + TimeSpan.FromSeconds(1))]);
        Add("Registered_RegistrationFailed_NotRetryable", S.Registered, T.RegistrationFailed, S.Failed, () => new Scenario(),
            Send(new RegistrationFailed("manifest invalid", Retryable: false)),
            _ => [new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Failed)]);
        Add("Registered_RegistrationRetryDue", S.Registered, T.RegistrationRetryDue, S.Registered,
            () => Arrange(new Scenario(), new RegistrationFailed("registry unavailable")),
            Fire(RegistrationRetry), _ => [new ValidateRegistration(Scenario.YamlUri)]);
        Add("Registered_Cancel", S.Registered, T.CancelRequested, S.Cancelled, () => new Scenario(),
            Send(new CancelRequested(jane, "decommissioned")),
            _ => [new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Cancelled)]);
        Add("Registered_EndToEnd", S.Registered, T.EndToEndTimedOut, S.Failed, () => new Scenario(),
            Fire(EndToEndTimeout), _ => [new Notify(BootstrapNotification.Failed)]);

        // PROFILING
        Add("Profiling_Succeeded", S.Profiling, T.ProfilingSucceeded, S.Profiled, () => new Scenario().ToProfiling(),
            Send(new ProfilingSucceeded(Scenario.BaselineUri)),
            _ => [new CancelTimer(ProfilingTimeout), new GeneratePolicy(1, null)]);
        Add("Profiling_Failed_Retry", S.Profiling, T.ProfilingFailed, S.ProfilingFailed, () => new Scenario().ToProfiling(),
            Send(new ProfilingFailed("executor lost")),
            now => [new CancelTimer(ProfilingTimeout), new ScheduleTimer(ProfilingRetry, now + TimeSpan.FromSeconds(60))]);
        Add("Profiling_Failed_NotRetryable", S.Profiling, T.ProfilingFailed, S.Failed, () => new Scenario().ToProfiling(),
            Send(new ProfilingFailed("table not found", Retryable: false)),
            _ => [new CancelTimer(ProfilingTimeout), new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Failed)]);
        Add("Profiling_OutOfMemory_Sampled", S.Profiling, T.ProfilingOutOfMemory, S.Profiling, () => new Scenario().ToProfiling(),
            Send(new ProfilingOutOfMemory("out of memory")),
            now => [new StartProfiling(ProfilingMode.Sampled, 0.10, 7, "PROFILING_OOM_RETRY"), new ScheduleTimer(ProfilingTimeout, now + ProfilingTimeout30)]);
        Add("Profiling_TimedOut", S.Profiling, T.ProfilingTimedOut, S.ProfilingFailed, () => new Scenario().ToProfiling(),
            Fire(ProfilingTimeout),
            now => [new StopProfiling(), new ScheduleTimer(ProfilingRetry, now + TimeSpan.FromSeconds(60))]);
        Add("Profiling_Cancel", S.Profiling, T.CancelRequested, S.Cancelled, () => new Scenario().ToProfiling(),
            Send(new CancelRequested(jane, "decommissioned")),
            _ => [new StopProfiling(), new CancelTimer(ProfilingTimeout), new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Cancelled)]);
        Add("Profiling_EndToEnd", S.Profiling, T.EndToEndTimedOut, S.Failed, () => new Scenario().ToProfiling(),
            Fire(EndToEndTimeout),
            _ => [new StopProfiling(), new CancelTimer(ProfilingTimeout), new Notify(BootstrapNotification.Failed)]);

        // PROFILING_FAILED
        Add("ProfilingFailed_RetryDue", S.ProfilingFailed, T.ProfilingRetryDue, S.Profiling, () => new Scenario().ToProfilingFailed(),
            Fire(ProfilingRetry),
            now => [new StartProfiling(ProfilingMode.Full, null, 7, null), new ScheduleTimer(ProfilingTimeout, now + ProfilingTimeout30)]);
        Add("ProfilingFailed_Cancel", S.ProfilingFailed, T.CancelRequested, S.Cancelled, () => new Scenario().ToProfilingFailed(),
            Send(new CancelRequested(jane, "decommissioned")),
            _ => [new CancelTimer(ProfilingRetry), new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Cancelled)]);
        Add("ProfilingFailed_EndToEnd", S.ProfilingFailed, T.EndToEndTimedOut, S.Failed, () => new Scenario().ToProfilingFailed(),
            Fire(EndToEndTimeout), _ => [new CancelTimer(ProfilingRetry), new Notify(BootstrapNotification.Failed)]);

        // PROFILED
        Add("Profiled_PolicyGenerated_Tier1", S.Profiled, T.PolicyGenerated, S.PolicyPending, () => new Scenario().ToProfiled(),
            Send(new PolicyGenerated(Scenario.PolicyUri)),
            now => [new RequestApproval(1, now + Approval120H), new ScheduleTimer(ApprovalTimeout, now + Approval120H)]);
        Add("Profiled_PolicyGenerated_Tier3", S.Profiled, T.PolicyGenerated, S.PolicyPending, () => new Scenario("TIER_3").ToProfiled(),
            Send(new PolicyGenerated(Scenario.PolicyUri)),
            now => [new ScheduleTimer(AutoApproval, now + TimeSpan.FromHours(48)), new Notify(BootstrapNotification.AutoApprovalScheduled)]);
        Add("Profiled_GenerationFailed_Retry", S.Profiled, T.PolicyGenerationFailed, S.Profiled, () => new Scenario().ToProfiled(),
            Send(new PolicyGenerationFailed("generator crashed")),
            now => [new RecordMetric("bootstrap.policy.generation_failed"), new ScheduleTimer(PolicyGenerationRetry, now + TimeSpan.FromSeconds(60))]);
        Add("Profiled_GenerationFailed_NotRetryable", S.Profiled, T.PolicyGenerationFailed, S.Failed, () => new Scenario().ToProfiled(),
            Send(new PolicyGenerationFailed("baseline unreadable", Retryable: false)),
            _ => [new RecordMetric("bootstrap.policy.generation_failed"), new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Failed)]);
        Add("Profiled_GenerationRetryDue", S.Profiled, T.PolicyGenerationRetryDue, S.Profiled,
            () => Arrange(new Scenario().ToProfiled(), new PolicyGenerationFailed("generator crashed")),
            Fire(PolicyGenerationRetry), _ => [new GeneratePolicy(1, null)]);
        Add("Profiled_Cancel", S.Profiled, T.CancelRequested, S.Cancelled, () => new Scenario().ToProfiled(),
            Send(new CancelRequested(jane, "decommissioned")),
            _ => [new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Cancelled)]);
        Add("Profiled_EndToEnd", S.Profiled, T.EndToEndTimedOut, S.Failed, () => new Scenario().ToProfiled(),
            Fire(EndToEndTimeout), _ => [new Notify(BootstrapNotification.Failed)]);

        // POLICY_PENDING
        Add("PolicyPending_Approved", S.PolicyPending, T.PolicyApproved, S.PolicyApproved, () => new Scenario().ToPolicyPending(),
            Send(new PolicyApproved(jane)), _ => [new CancelTimer(ApprovalTimeout), new SignPolicy(jane)]);
        Add("PolicyPending_Rejected", S.PolicyPending, T.PolicyRejected, S.PolicyRejected, () => new Scenario().ToPolicyPending(),
            Send(new PolicyRejected(jane, "too strict", "relax null checks")),
            _ => [new CancelTimer(ApprovalTimeout), new GeneratePolicy(2, "relax null checks")]);
        Add("PolicyPending_ApprovalTimedOut", S.PolicyPending, T.ApprovalTimedOut, S.PolicyPending, () => new Scenario().ToPolicyPending(),
            Fire(ApprovalTimeout),
            now => [new Escalate(EscalationReason.ApprovalTimeout), new ScheduleTimer(ApprovalTimeout, now + Approval120H)]);
        Add("PolicyPending_AutoApprovalDue_Tier3", S.PolicyPending, T.AutoApprovalDue, S.PolicyApproved, () => new Scenario("TIER_3").ToPolicyPending(),
            Fire(AutoApproval), _ => [new SignPolicy(Actor.Autopilot)]);
        Add("PolicyPending_Cancel", S.PolicyPending, T.CancelRequested, S.Cancelled, () => new Scenario().ToPolicyPending(),
            Send(new CancelRequested(jane, "decommissioned")),
            _ => [new CancelTimer(ApprovalTimeout), new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Cancelled)]);
        Add("PolicyPending_EndToEnd", S.PolicyPending, T.EndToEndTimedOut, S.Failed, () => new Scenario().ToPolicyPending(),
            Fire(EndToEndTimeout), _ => [new CancelTimer(ApprovalTimeout), new Notify(BootstrapNotification.Failed)]);

        // POLICY_REJECTED (attempt 2 is being generated)
        Add("PolicyRejected_PolicyGenerated", S.PolicyRejected, T.PolicyGenerated, S.PolicyPending, () => new Scenario().ToPolicyRejected(),
            Send(new PolicyGenerated(Scenario.PolicyUri)),
            now => [new RequestApproval(2, now + Approval120H), new ScheduleTimer(ApprovalTimeout, now + Approval120H)]);
        Add("PolicyRejected_GenerationFailed_Retry", S.PolicyRejected, T.PolicyGenerationFailed, S.PolicyRejected, () => new Scenario().ToPolicyRejected(),
            Send(new PolicyGenerationFailed("generator crashed")),
            now => [new RecordMetric("bootstrap.policy.generation_failed"), new ScheduleTimer(PolicyGenerationRetry, now + TimeSpan.FromSeconds(60))]);
        Add("PolicyRejected_GenerationFailed_NotRetryable", S.PolicyRejected, T.PolicyGenerationFailed, S.Failed, () => new Scenario().ToPolicyRejected(),
            Send(new PolicyGenerationFailed("feedback unusable", Retryable: false)),
            _ => [new RecordMetric("bootstrap.policy.generation_failed"), new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Failed)]);
        Add("PolicyRejected_GenerationRetryDue", S.PolicyRejected, T.PolicyGenerationRetryDue, S.PolicyRejected,
            () => Arrange(new Scenario().ToPolicyRejected(), new PolicyGenerationFailed("generator crashed")),
            Fire(PolicyGenerationRetry), _ => [new GeneratePolicy(2, "relax null checks")]);
        Add("PolicyRejected_RegenerationRequested", S.PolicyRejected, T.RegenerationRequested, S.PolicyRejected, PausedAfterFourRejections,
            Send(new RegenerationRequested(jane, "try again")), _ => [new GeneratePolicy(5, "try again")]);
        Add("PolicyRejected_Cancel", S.PolicyRejected, T.CancelRequested, S.Cancelled, () => new Scenario().ToPolicyRejected(),
            Send(new CancelRequested(jane, "decommissioned")),
            _ => [new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Cancelled)]);
        Add("PolicyRejected_EndToEnd", S.PolicyRejected, T.EndToEndTimedOut, S.Failed, () => new Scenario().ToPolicyRejected(),
            Fire(EndToEndTimeout), _ => [new Notify(BootstrapNotification.Failed)]);

        // POLICY_APPROVED
        Add("PolicyApproved_Signed", S.PolicyApproved, T.PolicySigned, S.Certifying, () => new Scenario().ToPolicyApproved(),
            Send(new PolicySigned(Scenario.SignedPolicyUri, "key-1")),
            now => [new InitCertifiedView(), new ScheduleTimer(CertificationTimeout, now + Certification10)]);
        Add("PolicyApproved_SigningFailed", S.PolicyApproved, T.PolicySigningFailed, S.Failed, () => new Scenario().ToPolicyApproved(),
            Send(new PolicySigningFailed("key unavailable")),
            _ => [new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Failed)]);
        Add("PolicyApproved_Cancel", S.PolicyApproved, T.CancelRequested, S.Cancelled, () => new Scenario().ToPolicyApproved(),
            Send(new CancelRequested(jane, "decommissioned")),
            _ => [new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Cancelled)]);
        Add("PolicyApproved_EndToEnd", S.PolicyApproved, T.EndToEndTimedOut, S.Failed, () => new Scenario().ToPolicyApproved(),
            Fire(EndToEndTimeout), _ => [new Notify(BootstrapNotification.Failed)]);

        // CERTIFYING
        Add("Certifying_Succeeded", S.Certifying, T.CertificationSucceeded, S.SignalReady, () => new Scenario().ToCertifying(),
            Send(new CertificationSucceeded(Scenario.CertifiedUri)),
            _ => [new CancelTimer(CertificationTimeout), new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.SignalReady)]);
        Add("Certifying_Failed_Retry", S.Certifying, T.CertificationFailed, S.Certifying, () => new Scenario().ToCertifying(),
            Send(new CertificationFailed("pointer write failed")),
            now => [new CancelTimer(CertificationTimeout), new ScheduleTimer(CertificationRetry, now + TimeSpan.FromSeconds(1))]);
        Add("Certifying_Failed_NotRetryable", S.Certifying, T.CertificationFailed, S.Failed, () => new Scenario().ToCertifying(),
            Send(new CertificationFailed("view name taken", Retryable: false)),
            _ => [new CancelTimer(CertificationTimeout), new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Failed)]);
        Add("Certifying_TimedOut", S.Certifying, T.CertificationTimedOut, S.Certifying, () => new Scenario().ToCertifying(),
            Fire(CertificationTimeout), now => [new ScheduleTimer(CertificationRetry, now + TimeSpan.FromSeconds(1))]);
        Add("Certifying_RetryDue", S.Certifying, T.CertificationRetryDue, S.Certifying,
            () => Arrange(new Scenario().ToCertifying(), new CertificationFailed("pointer write failed")),
            Fire(CertificationRetry), now => [new InitCertifiedView(), new ScheduleTimer(CertificationTimeout, now + Certification10)]);
        Add("Certifying_GoldTableNotFound", S.Certifying, T.GoldTableNotFound, S.CertDeferred, () => new Scenario().ToCertifying(),
            Send(new GoldTableNotFound()),
            now => [new CancelTimer(CertificationTimeout), new CancelTimer(EndToEndTimeout), new DeferCertification(),
                new ScheduleTimer(FirstWriteProbe, now + FirstWritePoll5), new Notify(BootstrapNotification.CertificationDeferred)]);
        Add("Certifying_SchemaChanged", S.Certifying, T.SchemaChanged, S.Profiling, () => new Scenario().ToCertifying(),
            Send(new SchemaChanged("sha256:aaaa", "sha256:bbbb")),
            now => [new CancelTimer(CertificationTimeout), new StartProfiling(ProfilingMode.Full, null, 7, "SCHEMA_CHANGED"), new ScheduleTimer(ProfilingTimeout, now + ProfilingTimeout30)]);
        Add("Certifying_SchemaChanged_OverLimit", S.Certifying, T.SchemaChanged, S.Failed, SchemaChangedTwice,
            Send(new SchemaChanged("sha256:cccc", "sha256:dddd")),
            _ => [new CancelTimer(CertificationTimeout), new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Failed)]);
        Add("Certifying_Cancel", S.Certifying, T.CancelRequested, S.Cancelled, () => new Scenario().ToCertifying(),
            Send(new CancelRequested(jane, "decommissioned")),
            _ => [new CancelTimer(CertificationTimeout), new CancelTimer(EndToEndTimeout), new Notify(BootstrapNotification.Cancelled)]);
        Add("Certifying_EndToEnd", S.Certifying, T.EndToEndTimedOut, S.Failed, () => new Scenario().ToCertifying(),
            Fire(EndToEndTimeout), _ => [new CancelTimer(CertificationTimeout), new Notify(BootstrapNotification.Failed)]);

        // CERT_DEFERRED and SIGNAL_READY
        Add("CertDeferred_FirstWrite", S.CertDeferred, T.FirstWriteObserved, S.Certifying, () => new Scenario().ToCertDeferred(),
            Send(new FirstWriteObserved()),
            now => [new CancelTimer(FirstWriteProbe), new InitCertifiedView(), new ScheduleTimer(CertificationTimeout, now + Certification10)]);
        Add("CertDeferred_FirstWriteProbeDue", S.CertDeferred, T.FirstWriteProbeDue, S.CertDeferred, () => new Scenario().ToCertDeferred(),
            Fire(FirstWriteProbe), now => [new ScheduleTimer(FirstWriteProbe, now + FirstWritePoll5), new ProbeFirstWrite()]);
        Add("CertDeferred_Cancel", S.CertDeferred, T.CancelRequested, S.Cancelled, () => new Scenario().ToCertDeferred(),
            Send(new CancelRequested(jane, "decommissioned")), _ => [new CancelTimer(FirstWriteProbe), new Notify(BootstrapNotification.Cancelled)]);
        Add("CertDeferred_Rollback", S.CertDeferred, T.RollbackRequested, S.RolledBack, () => new Scenario().ToCertDeferred(),
            Send(new RollbackRequested(jane, "false alarms")),
            _ => [new CancelTimer(FirstWriteProbe), new ApplyKillSwitch(), new RevertChangeRequest(), new Notify(BootstrapNotification.RolledBack)]);
        Add("SignalReady_Rollback", S.SignalReady, T.RollbackRequested, S.RolledBack, () => new Scenario().ToSignalReady(),
            Send(new RollbackRequested(jane, "false alarms")),
            _ => [new ApplyKillSwitch(), new RevertChangeRequest(), new Notify(BootstrapNotification.RolledBack)]);
        return cases;
    }

    private static Scenario Arrange(Scenario s, params BootstrapEvent[] events)
    {
        foreach (var e in events)
        {
            s.Send(e);
        }

        return s;
    }

    // MaxRejections is 3: the fourth rejection escalates and pauses regeneration (attempt 4 was the last generated).
    private static Scenario PausedAfterFourRejections()
    {
        var s = new Scenario().ToPolicyPending();
        for (var i = 0; i < 4; i++)
        {
            if (i > 0)
            {
                s.Send(new PolicyGenerated(Scenario.PolicyUri));
            }

            s.Send(new PolicyRejected(Scenario.Jane, "too strict"));
        }

        return s;
    }

    // MaxReprofiles is 2: a third schema change fails the bootstrap.
    private static Scenario SchemaChangedTwice()
    {
        var s = new Scenario().ToCertifying();
        for (var i = 0; i < 2; i++)
        {
            s.Send(new SchemaChanged("sha256:aaaa", "sha256:bbbb"));
            s.Send(new ProfilingSucceeded(Scenario.BaselineUri));
            s.Send(new PolicyGenerated(Scenario.PolicyUri));
            s.Send(new PolicyApproved(Scenario.Jane));
            s.Send(new PolicySigned(Scenario.SignedPolicyUri));
        }

        return s;
    }
}
