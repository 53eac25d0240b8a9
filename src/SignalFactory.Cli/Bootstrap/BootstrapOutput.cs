using SignalFactory.Cli.Hosting;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Store;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>Text and JSON forms of bootstraps.</summary>
internal static class BootstrapOutput
{
    public static string Name(BootstrapState state) => state.ToWireName();

    public static object ToJson(StoredBootstrap stored) => ToJson(stored, null);

    /// <summary>JSON form; <paramref name="queued"/> adds <c>queue</c> (position, length) for a bootstrap waiting for a slot.</summary>
    public static object ToJson(StoredBootstrap stored, QueuedBootstrap? queued) => new
    {
        bootstrap_id = stored.Record.BootstrapId,
        dataset_urn = stored.Record.DatasetUrn,
        tier = stored.Record.Tier,
        state = stored.Record.CurrentStep.ToWireName(),
        version = stored.Record.Version,
        started_at = stored.Record.StartedAt,
        updated_at = stored.Record.UpdatedAt,
        completed_at = stored.Record.CompletedAt,
        reason = stored.Record.Reason,
        failure_step = stored.Record.FailureStep?.ToWireName(),
        policy_attempt = stored.Record.PolicyAttempt,
        rejection_count = stored.Record.RejectionCount,
        regeneration_paused = stored.Record.RegenerationPaused,
        next_due_at = stored.NextDueAt,
        lease_owner = stored.LeaseOwner,
        queue = queued is null ? null : new { position = queued.Position, length = queued.Length },
        timers = stored.Record.Timers.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value),
        steps = new Dictionary<string, object?>
        {
            ["registration"] = Step(stored.Record.Steps.Registration),
            ["profiling"] = Step(stored.Record.Steps.Profiling),
            ["policy_config"] = Step(stored.Record.Steps.PolicyConfig),
            ["certification_init"] = Step(stored.Record.Steps.CertificationInit),
        },
    };

    public static void Print(CliConsole console, StoredBootstrap stored) => Print(console, stored, null);

    /// <summary>Text form; a bootstrap waiting for a concurrency slot shows "queued, position N of M".</summary>
    public static void Print(CliConsole console, StoredBootstrap stored, QueuedBootstrap? queued)
    {
        var record = stored.Record;
        var queue = queued is null ? "" : $"  (queued, position {queued.Position} of {queued.Length}: waits for a concurrency slot)";
        console.Output.WriteLine($"{record.BootstrapId}  {record.DatasetUrn}  {record.Tier}  {record.CurrentStep.ToWireName()}{queue}");
        foreach (var (name, step) in new[]
                 {
                     ("registration", record.Steps.Registration), ("profiling", record.Steps.Profiling),
                     ("policy_config", record.Steps.PolicyConfig), ("certification_init", record.Steps.CertificationInit),
                 })
        {
            var detail = step.ErrorMessage ?? step.ArtifactUri;
            console.Output.WriteLine($"  {name,-19} {step.Status.ToWireName(),-12} {detail}");
            if (step.Metadata.TryGetValue("profiling_mode", out var mode) && mode != "full")
            {
                // A sampled or synthetic baseline is a weaker one: say so, and why (OOM fallback, skip_profiling).
                var why = step.Metadata.GetValueOrDefault("fallback_reason");
                console.Output.WriteLine($"  {"",-19} {mode} baseline{(why is null ? "" : $" ({why})")}");
            }
        }

        if (record.Reason is not null)
        {
            console.Output.WriteLine($"  reason: {record.Reason}");
        }

        if (Hint(record) is { } hint)
        {
            console.Output.WriteLine($"  next: {hint}");
        }
    }

    /// <summary>What the user can do next, e.g. the exact approve command.</summary>
    public static string? Hint(BootstrapRecord record) => record.CurrentStep switch
    {
        BootstrapState.PolicyPending when record.Timers.TryGetValue(TimerKind.AutoApproval, out var due) =>
            $"auto-approves at {due:yyyy-MM-dd HH:mm}Z (Tier-3 cooling period), or: sf approve {record.BootstrapId} --as NAME",
        BootstrapState.PolicyPending =>
            $"sf approve {record.BootstrapId} --as NAME   (or: sf reject {record.BootstrapId} --as NAME --reason R [--feedback-file F])",
        BootstrapState.CertDeferred when record.Timers.TryGetValue(TimerKind.FirstWriteProbe, out var probe) =>
            $"waits for the gold table's first write; next look at {probe:yyyy-MM-dd HH:mm}Z by a running 'sf worker' (or: sf cancel {record.BootstrapId})",
        _ => null,
    };

    private static object Step(StepDetail step) => new
    {
        status = step.Status.ToWireName(),
        started_at = step.StartedAt,
        completed_at = step.CompletedAt,
        artifact_uri = step.ArtifactUri,
        error = step.ErrorMessage,
        retry_count = step.RetryCount,
        metadata = step.Metadata,
    };
}
