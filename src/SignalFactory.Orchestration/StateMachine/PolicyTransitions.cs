using SignalFactory.Orchestration.Audit;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>
/// Step 3 (LLD §2.4 GeneratePolicy → PolicyApprovalRouter → WaitForHumanApproval / AutoApprovePolicy →
/// RegeneratePolicy / EscalateApproval → ApprovePolicy): generation retries with backoff; Tier-1/2 wait for a human
/// and escalate on timeout; Tier-3 is approved when its cooling period ends; a rejection regenerates with feedback
/// until more than <c>MaxRejections</c>, which escalates and pauses regeneration.
/// </summary>
internal static class PolicyTransitions
{
    public const string GenerationFailedMetric = "bootstrap.policy.generation_failed";
    public const string AutoApprovalRule = "auto-approve-tier3";

    /// <summary>Policy step metadata: when the current attempt started waiting for approval (fleet "stuck" checks, wait metric).</summary>
    public const string PendingSinceKey = "pending_since";

    private static readonly BootstrapState[] _generating = [BootstrapState.Profiled, BootstrapState.PolicyRejected];

    public static void Register(TransitionTable table)
    {
        table.Add(_generating, BootstrapTrigger.PolicyGenerated, Generated);
        table.Add(_generating, BootstrapTrigger.PolicyGenerationFailed, GenerationFailed);
        table.Add(_generating, BootstrapTrigger.PolicyGenerationRetryDue, GenerationRetryDue);
        table.Add(BootstrapState.PolicyPending, BootstrapTrigger.PolicyApproved, Approved);
        table.Add(BootstrapState.PolicyPending, BootstrapTrigger.PolicyRejected, Rejected);
        table.Add(BootstrapState.PolicyPending, BootstrapTrigger.ApprovalTimedOut, ApprovalTimedOut);
        table.Add(BootstrapState.PolicyPending, BootstrapTrigger.AutoApprovalDue, AutoApprovalDue);
        table.Add(BootstrapState.PolicyRejected, BootstrapTrigger.RegenerationRequested, RegenerationRequested);
        table.Add(BootstrapState.PolicyApproved, BootstrapTrigger.PolicySigned, Signed);
        table.Add(BootstrapState.PolicyApproved, BootstrapTrigger.PolicySigningFailed, SigningFailed);
    }

    /// <summary>Starts policy attempt <paramref name="attempt"/> (each attempt has its own retry budget).</summary>
    public static void BeginGeneration(Transition t, int attempt, string? feedback)
    {
        t.Record = t.Record with { PolicyAttempt = attempt, PendingFeedback = feedback };
        t.StartStep(BootstrapStepName.PolicyConfig);
        t.UpdateStep(BootstrapStepName.PolicyConfig, d => d.WithMetadata("attempt", Transition.Invariant(attempt)) with { RetryCount = 0 });
        t.Emit(new GeneratePolicy(attempt, feedback));
    }

    private static void RequireGenerationRunning(Transition t)
    {
        t.RequireNoPending(TimerKind.PolicyGenerationRetry);
        if (t.Record.RegenerationPaused)
        {
            throw t.Illegal($"regeneration is paused after {t.Record.RejectionCount} rejections; no generation is running");
        }
    }

    private static void Generated(Transition t)
    {
        RequireGenerationRunning(t);
        var e = t.EventAs<PolicyGenerated>();
        var attempt = t.Record.PolicyAttempt;
        t.UpdateStep(BootstrapStepName.PolicyConfig, d => d.WithMetadata(e.Metadata) with { ArtifactUri = e.ArtifactUri });
        t.Record = t.Record with { PendingFeedback = null };
        t.UpdateStep(BootstrapStepName.PolicyConfig, d => d.WithMetadata(PendingSinceKey, t.Now.ToString("O")));
        t.MoveTo(BootstrapState.PolicyPending);
        t.Audit(AuditActions.PolicyGenerated, SystemActors.PolicyGenerator,
            ("artifact", e.ArtifactUri), ("attempt", Transition.Invariant(attempt)));

        if (t.Tier.AutoApprove)
        {
            var dueAt = t.Schedule(TimerKind.AutoApproval, t.Tier.Approval);
            t.UpdateStep(BootstrapStepName.PolicyConfig, d => d.WithMetadata("auto_approve_at", dueAt.ToString("O")));
            t.Emit(new Notify(BootstrapNotification.AutoApprovalScheduled));
        }
        else
        {
            var dueAt = t.Now + t.Tier.Approval;
            t.UpdateStep(BootstrapStepName.PolicyConfig, d => d.WithMetadata("approval_due_at", dueAt.ToString("O")));
            t.Emit(new RequestApproval(attempt, dueAt));
            t.Schedule(TimerKind.ApprovalTimeout, t.Tier.Approval);
        }
    }

    private static void GenerationFailed(Transition t)
    {
        RequireGenerationRunning(t);
        var e = t.EventAs<PolicyGenerationFailed>();
        t.Emit(new RecordMetric(GenerationFailedMetric));
        t.RetryOrFail(
            BootstrapStepName.PolicyConfig, t.Settings.PolicyGeneration, TimerKind.PolicyGenerationRetry, t.From,
            e.Error, e.Retryable, SystemActors.PolicyGenerator);
    }

    private static void GenerationRetryDue(Transition t)
    {
        t.StartStep(BootstrapStepName.PolicyConfig);
        t.Emit(new GeneratePolicy(t.Record.PolicyAttempt, t.Record.PendingFeedback));
        t.Audit(AuditActions.Retried, SystemActors.Orchestrator,
            ("step", BootstrapStepName.PolicyConfig.ToWireName()),
            ("retry", Transition.Invariant(t.Step(BootstrapStepName.PolicyConfig).RetryCount)),
            ("attempt", Transition.Invariant(t.Record.PolicyAttempt)));
    }

    private static void Approved(Transition t)
    {
        var e = t.EventAs<PolicyApproved>();
        RequireHuman(t, e.ApprovedBy, "approve");
        Approve(t, e.ApprovedBy);
    }

    private static void AutoApprovalDue(Transition t)
    {
        if (!t.Tier.AutoApprove)
        {
            throw t.Illegal($"tier {t.Record.Tier} is not auto-approved");
        }

        Approve(t, Actor.Autopilot, ("rule", AutoApprovalRule), ("cooling_period_hours", Transition.Invariant(t.Tier.Approval.TotalHours)));
    }

    private static void Approve(Transition t, Actor approver, params (string Key, string? Value)[] extra)
    {
        t.CancelTimer(TimerKind.ApprovalTimeout);
        t.CancelTimer(TimerKind.AutoApproval);
        t.UpdateStep(BootstrapStepName.PolicyConfig, d => d.WithMetadata("approved_by", approver.ToString()));
        t.MoveTo(BootstrapState.PolicyApproved);
        t.Emit(new SignPolicy(approver));
        t.Audit(AuditActions.Approved, approver, [("attempt", Transition.Invariant(t.Record.PolicyAttempt)), .. extra]);
    }

    private static void Rejected(Transition t)
    {
        var e = t.EventAs<PolicyRejected>();
        RequireHuman(t, e.RejectedBy, "reject");
        if (string.IsNullOrWhiteSpace(e.Reason))
        {
            throw t.Invalid("a rejection needs a reason (rejection_reason)");
        }

        var rejections = t.Record.RejectionCount + 1;
        var attempt = t.Record.PolicyAttempt;
        t.CancelTimer(TimerKind.ApprovalTimeout);
        t.CancelTimer(TimerKind.AutoApproval);
        t.Record = t.Record with { RejectionCount = rejections };
        t.UpdateStep(BootstrapStepName.PolicyConfig, d => d.WithMetadata("rejection_count", Transition.Invariant(rejections)));
        t.MoveTo(BootstrapState.PolicyRejected);
        t.Audit(AuditActions.Rejected, e.RejectedBy,
            ("reason", e.Reason), ("feedback", e.Feedback), ("attempt", Transition.Invariant(attempt)),
            ("rejection", Transition.Invariant(rejections)));

        if (rejections <= t.Settings.MaxRejections)
        {
            // Without explicit feedback the reason is the best guidance the generator gets.
            BeginGeneration(t, attempt + 1, e.Feedback ?? e.Reason);
            return;
        }

        t.Record = t.Record with { RegenerationPaused = true, EscalationCount = t.Record.EscalationCount + 1 };
        t.Emit(new Escalate(EscalationReason.MaxRejections));
        t.Audit(AuditActions.Escalated, SystemActors.Orchestrator,
            ("reason", "MAX_REJECTIONS"), ("rejections", Transition.Invariant(rejections)),
            ("max_rejections", Transition.Invariant(t.Settings.MaxRejections)));
    }

    private static void RegenerationRequested(Transition t)
    {
        var e = t.EventAs<RegenerationRequested>();
        RequireHuman(t, e.RequestedBy, "request a regeneration");
        if (!t.Record.RegenerationPaused)
        {
            throw t.Illegal("regeneration is not paused (a regeneration is already under way)");
        }

        var attempt = t.Record.PolicyAttempt + 1;
        t.Record = t.Record with { RegenerationPaused = false };
        t.Audit(AuditActions.RegenerationRequested, e.RequestedBy,
            ("feedback", e.Feedback), ("attempt", Transition.Invariant(attempt)));
        BeginGeneration(t, attempt, e.Feedback);
    }

    private static void ApprovalTimedOut(Transition t)
    {
        t.Record = t.Record with { EscalationCount = t.Record.EscalationCount + 1 };
        t.Emit(new Escalate(EscalationReason.ApprovalTimeout));
        var dueAt = t.Schedule(TimerKind.ApprovalTimeout, t.Tier.Approval);
        t.UpdateStep(BootstrapStepName.PolicyConfig, d => d.WithMetadata("approval_due_at", dueAt.ToString("O")));
        t.Audit(AuditActions.Escalated, SystemActors.Orchestrator,
            ("reason", "APPROVAL_TIMEOUT"), ("attempt", Transition.Invariant(t.Record.PolicyAttempt)),
            ("escalation", Transition.Invariant(t.Record.EscalationCount)), ("extended_until", dueAt.ToString("O")));
    }

    private static void Signed(Transition t)
    {
        var e = t.EventAs<PolicySigned>();
        t.CompleteStep(BootstrapStepName.PolicyConfig, e.ArtifactUri);
        if (e.KeyId is not null)
        {
            t.UpdateStep(BootstrapStepName.PolicyConfig, d => d.WithMetadata("key_id", e.KeyId));
        }

        t.Audit(AuditActions.Signed, SystemActors.Signer, ("artifact", e.ArtifactUri), ("key_id", e.KeyId));
        CertificationTransitions.BeginCertification(t);
    }

    private static void SigningFailed(Transition t) =>
        t.FailBootstrap(BootstrapStepName.PolicyConfig, t.EventAs<PolicySigningFailed>().Error, SystemActors.Signer);

    private static void RequireHuman(Transition t, Actor actor, string what)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Kind != ActorKind.Human)
        {
            throw t.Invalid($"only a human may {what} a policy (got '{actor}'); Tier-3 policies are approved by the autopilot when the cooling period ends");
        }
    }
}
