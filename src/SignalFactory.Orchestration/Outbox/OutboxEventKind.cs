using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Outbox;

/// <summary>The event types of the outbox (the <c>type</c> member of every payload).</summary>
public static class OutboxEventKind
{
    /// <summary>The dataset reached SIGNAL_READY.</summary>
    public const string SignalReady = "SIGNAL_READY";

    /// <summary>The bootstrap failed.</summary>
    public const string Failed = "FAILED";

    /// <summary>An approval timed out or the rejection limit was passed (LLD §2.4 EscalateApproval).</summary>
    public const string Escalated = "ESCALATED";

    /// <summary>A Tier-1/2 policy waits for a human approve or reject.</summary>
    public const string ApprovalRequested = "APPROVAL_REQUESTED";

    /// <summary>The bootstrap was cancelled.</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>The bootstrap was rolled back.</summary>
    public const string RolledBack = "ROLLED_BACK";

    /// <summary>Certification waits for the gold table's first write.</summary>
    public const string CertDeferred = "CERT_DEFERRED";

    /// <summary>A Tier-3 policy will be approved when its cooling period ends.</summary>
    public const string AutoApprovalScheduled = "AUTO_APPROVAL_SCHEDULED";

    /// <summary>Every kind, in lifecycle order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ApprovalRequested, AutoApprovalScheduled, Escalated, CertDeferred, SignalReady, Failed, Cancelled, RolledBack];

    /// <summary>The kind a <see cref="Notify"/> command publishes.</summary>
    public static string Of(BootstrapNotification notification) => notification switch
    {
        BootstrapNotification.AutoApprovalScheduled => AutoApprovalScheduled,
        BootstrapNotification.SignalReady => SignalReady,
        BootstrapNotification.CertificationDeferred => CertDeferred,
        BootstrapNotification.Cancelled => Cancelled,
        BootstrapNotification.Failed => Failed,
        BootstrapNotification.RolledBack => RolledBack,
        _ => throw new ArgumentOutOfRangeException(nameof(notification), notification, null),
    };
}
