using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Outbox;

/// <summary>
/// The JSON document of an event (schema <c>signal-factory.bootstrap-event/v1</c>): members in this order,
/// <c>schema</c>, <c>event_id</c>, <c>type</c>, <c>occurred_at</c> (UTC, the transition's time, so a re-run command
/// does not change it), <c>bootstrap_id</c>, <c>dataset_urn</c>, <c>tier</c>, <c>state</c> (the state after the
/// transition) and <c>details</c>, an object of strings that depends on <c>type</c> (approval requests carry the
/// exact <c>approve_command</c>). No data values: ids, states, artifact keys and reasons only.
/// </summary>
public static class OutboxPayload
{
    /// <summary>The <c>schema</c> member of every payload.</summary>
    public const string Schema = "signal-factory.bootstrap-event/v1";

    /// <summary>The kind and details an outbox command publishes; null for commands that publish nothing.</summary>
    public static (string Kind, IReadOnlyList<(string Key, string? Value)> Details)? Describe(BootstrapRecord record, BootstrapCommand command)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.BootstrapId;
        return command switch
        {
            RequestApproval request => (OutboxEventKind.ApprovalRequested,
            [
                ("policy_attempt", Invariant(request.Attempt)), ("due_at", Time(request.DueAt)),
                ("policy_artifact", record.Steps.PolicyConfig.ArtifactUri),
                ("approve_command", ApproveCommand(id)), ("reject_command", $"sf reject {id} --as NAME --reason REASON"),
            ]),
            Escalate escalate => (OutboxEventKind.Escalated, Escalation(record, escalate.Reason)),
            Notify notify => (OutboxEventKind.Of(notify.Notification), NotificationDetails(record, notify.Notification)),
            _ => null,
        };
    }

    /// <summary>Builds the payload text.</summary>
    public static string Build(string eventId, string kind, BootstrapRecord record, IReadOnlyList<(string Key, string? Value)> details)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(details);
        var detailObject = new JsonObject();
        foreach (var (key, value) in details)
        {
            if (value is not null)
            {
                detailObject[key] = value;
            }
        }

        var payload = new JsonObject
        {
            ["schema"] = Schema,
            ["event_id"] = eventId,
            ["type"] = kind,
            ["occurred_at"] = Time(record.UpdatedAt),
            ["bootstrap_id"] = record.BootstrapId,
            ["dataset_urn"] = record.DatasetUrn,
            ["tier"] = record.Tier,
            ["state"] = record.CurrentStep.ToWireName(),
            ["details"] = detailObject,
        };
        return payload.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>The command a reviewer runs to approve <paramref name="bootstrapId"/>.</summary>
    public static string ApproveCommand(string bootstrapId) => $"sf approve {bootstrapId} --as NAME";

    internal static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<(string, string?)> Escalation(BootstrapRecord record, EscalationReason reason)
    {
        var id = record.BootstrapId;
        var common = new List<(string, string?)>
        {
            ("reason", reason == EscalationReason.ApprovalTimeout ? "APPROVAL_TIMEOUT" : "MAX_REJECTIONS"),
            ("escalation_count", Invariant(record.EscalationCount)),
            ("rejection_count", Invariant(record.RejectionCount)),
            ("policy_attempt", Invariant(record.PolicyAttempt)),
        };
        if (reason == EscalationReason.ApprovalTimeout)
        {
            common.Add(("approval_due_at", record.Timers.TryGetValue(TimerKind.ApprovalTimeout, out var extended) ? Time(extended) : null));
            common.Add(("approve_command", ApproveCommand(id)));
        }
        else
        {
            common.Add(("next_action", $"regeneration is paused after {record.RejectionCount} rejections; a human must request a regeneration, or run: sf cancel {id}"));
        }

        return common;
    }

    private static IReadOnlyList<(string, string?)> NotificationDetails(BootstrapRecord record, BootstrapNotification notification) => notification switch
    {
        BootstrapNotification.AutoApprovalScheduled =>
        [
            ("auto_approve_at", record.Timers.TryGetValue(TimerKind.AutoApproval, out var due) ? Time(due) : null),
            ("policy_attempt", Invariant(record.PolicyAttempt)), ("policy_artifact", record.Steps.PolicyConfig.ArtifactUri),
            ("approve_command", ApproveCommand(record.BootstrapId)),
        ],
        BootstrapNotification.SignalReady =>
        [
            ("completed_at", record.CompletedAt is { } completed ? Time(completed) : null),
            ("baseline", record.Steps.Profiling.ArtifactUri), ("policy_bundle", record.Steps.PolicyConfig.ArtifactUri),
            ("certification", record.Steps.CertificationInit.ArtifactUri),
        ],
        BootstrapNotification.CertificationDeferred =>
            [("reason", "GOLD_TABLE_NOT_FOUND"), ("check_command", "sf certify --check-deferred")],
        BootstrapNotification.Failed => [("failure_step", record.FailureStep?.ToWireName()), ("reason", record.Reason)],
        _ => [("reason", record.Reason)],
    };
}
