using T = SignalFactory.Orchestration.StateMachine.BootstrapTrigger;
using S = SignalFactory.Orchestration.StateMachine.BootstrapState;

namespace SignalFactory.Orchestration.Tests.StateMachine;

/// <summary>
/// The transition table written out by hand from LLD §2.4 (and §2.3.4 cancel, §2.7 timeouts, HLD §10.2 rollback):
/// for each legal (state, trigger) the states it may lead to (several where a decision is taken: retry or fail…).
/// </summary>
public static class ExpectedTable
{
    private static readonly S[] Running =
        [S.Registered, S.Profiling, S.ProfilingFailed, S.Profiled, S.PolicyPending, S.PolicyRejected, S.PolicyApproved, S.Certifying];

    public static IReadOnlyDictionary<(S State, T Trigger), S[]> Rows { get; } = Build();

    private static Dictionary<(S, T), S[]> Build()
    {
        var rows = new Dictionary<(S, T), S[]>
        {
            [(S.Registered, T.RegistrationSucceeded)] = [S.Profiling],
            [(S.Registered, T.RegistrationFailed)] = [S.Registered, S.Failed],
            [(S.Registered, T.RegistrationRetryDue)] = [S.Registered],

            [(S.Profiling, T.ProfilingSucceeded)] = [S.Profiled],
            [(S.Profiling, T.ProfilingFailed)] = [S.ProfilingFailed, S.Failed],
            [(S.Profiling, T.ProfilingOutOfMemory)] = [S.Profiling, S.ProfilingFailed, S.Failed],
            [(S.Profiling, T.ProfilingTimedOut)] = [S.ProfilingFailed, S.Failed],
            [(S.ProfilingFailed, T.ProfilingRetryDue)] = [S.Profiling],

            [(S.Profiled, T.PolicyGenerated)] = [S.PolicyPending],
            [(S.Profiled, T.PolicyGenerationFailed)] = [S.Profiled, S.Failed],
            [(S.Profiled, T.PolicyGenerationRetryDue)] = [S.Profiled],
            [(S.PolicyPending, T.PolicyApproved)] = [S.PolicyApproved],
            [(S.PolicyPending, T.PolicyRejected)] = [S.PolicyRejected],
            [(S.PolicyPending, T.ApprovalTimedOut)] = [S.PolicyPending],
            [(S.PolicyPending, T.AutoApprovalDue)] = [S.PolicyApproved],
            [(S.PolicyRejected, T.PolicyGenerated)] = [S.PolicyPending],
            [(S.PolicyRejected, T.PolicyGenerationFailed)] = [S.PolicyRejected, S.Failed],
            [(S.PolicyRejected, T.PolicyGenerationRetryDue)] = [S.PolicyRejected],
            [(S.PolicyRejected, T.RegenerationRequested)] = [S.PolicyRejected],
            [(S.PolicyApproved, T.PolicySigned)] = [S.Certifying],
            [(S.PolicyApproved, T.PolicySigningFailed)] = [S.Failed],

            [(S.Certifying, T.CertificationSucceeded)] = [S.SignalReady],
            [(S.Certifying, T.CertificationFailed)] = [S.Certifying, S.Failed],
            [(S.Certifying, T.CertificationTimedOut)] = [S.Certifying, S.Failed],
            [(S.Certifying, T.CertificationRetryDue)] = [S.Certifying],
            [(S.Certifying, T.GoldTableNotFound)] = [S.CertDeferred],
            [(S.Certifying, T.SchemaChanged)] = [S.Profiling, S.Failed],
            [(S.CertDeferred, T.FirstWriteObserved)] = [S.Certifying],
            [(S.CertDeferred, T.FirstWriteProbeDue)] = [S.CertDeferred],

            [(S.CertDeferred, T.CancelRequested)] = [S.Cancelled],
            [(S.CertDeferred, T.RollbackRequested)] = [S.RolledBack],
            [(S.SignalReady, T.RollbackRequested)] = [S.RolledBack],
        };

        foreach (var state in Running)
        {
            rows[(state, T.CancelRequested)] = [S.Cancelled];
            rows[(state, T.EndToEndTimedOut)] = [S.Failed];
        }

        return rows;
    }
}
