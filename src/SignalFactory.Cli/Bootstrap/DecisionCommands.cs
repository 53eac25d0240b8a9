using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>
/// <c>sf approve ID --as NAME</c>, <c>sf reject ID --as NAME --reason R [--feedback F] [--feedback-file PATH]</c>, <c>sf cancel ID</c>,
/// <c>sf rollback URN --reason R</c>. Each stores the decision, then runs a worker here so the user sees the result
/// (e.g. SIGNAL_READY after approval). A decision the bootstrap's state does not accept exits 3.
/// </summary>
internal static class DecisionCommands
{
    public static Command Approve(CliConsole console)
    {
        var id = IdArgument();
        var actor = AsOption(required: true);
        var json = GlobalOptions.Json();
        var command = new Command("approve", "Approve a bootstrap's pending policy bundle") { id, actor, json };
        command.SetAction((parse, ct) => RunAsync(console, parse, parse.GetValue(json), parse.GetValue(id)!,
            (ops, target, token) => ops.ApproveAsync(target, BootstrapServices.Human(parse.GetValue(actor)), token), ct));
        return command;
    }

    public static Command Reject(CliConsole console)
    {
        var id = IdArgument();
        var actor = AsOption(required: true);
        var reason = new Option<string>("--reason") { Description = "Why the policy is rejected", Required = true };
        var feedback = new Option<string?>("--feedback") { Description = "What the regenerated policy should change (free text, recorded as a note)" };
        var feedbackFile = new Option<string?>("--feedback-file")
        {
            Description = "Structured feedback for the next attempt (YAML/JSON: reason, drop_rules, optional_columns, widen_ranges, free_text); "
                + "it adds to the feedback of earlier rejections",
        };
        var json = GlobalOptions.Json();
        var command = new Command("reject", "Reject a pending policy bundle; it is regenerated with the feedback (escalated after 3 rejections)")
        {
            id, actor, reason, feedback, feedbackFile, json,
        };
        command.SetAction((parse, ct) =>
        {
            // Everything is checked before the rejection is stored: a bad feedback file changes nothing.
            var why = NonEmpty(parse.GetValue(reason), "--reason");
            var structured = ReviewerFeedback.FromOptions(console, why, parse.GetValue(feedback), parse.GetValue(feedbackFile));
            var encoded = structured is null ? null : ReviewerFeedback.Encode(structured);
            var rejectedBy = BootstrapServices.Human(parse.GetValue(actor));
            return RunAsync(console, parse, parse.GetValue(json), parse.GetValue(id)!,
                (ops, target, token) => ops.RejectAsync(target, rejectedBy, why, encoded, token), ct);
        });
        return command;
    }

    public static Command Cancel(CliConsole console)
    {
        var id = IdArgument();
        var actor = AsOption(required: false);
        var reason = new Option<string?>("--reason") { Description = "Why (default: cancelled from the CLI)" };
        var json = GlobalOptions.Json();
        var command = new Command("cancel", "Cancel a bootstrap in progress (artifacts are kept)") { id, actor, reason, json };
        command.SetAction((parse, ct) => RunAsync(console, parse, parse.GetValue(json), parse.GetValue(id)!,
            (ops, target, token) => ops.CancelAsync(target, BootstrapServices.Human(parse.GetValue(actor)), parse.GetValue(reason) ?? "cancelled from the CLI", token), ct));
        return command;
    }

    public static Command Rollback(CliConsole console)
    {
        var urn = new Argument<string>("URN") { Description = "The dataset to roll back" };
        var actor = AsOption(required: false);
        var reason = new Option<string>("--reason") { Description = "Why it is rolled back", Required = true };
        var json = GlobalOptions.Json();
        var command = new Command("rollback", "Roll back a bootstrapped dataset: kill switch on, state ROLLED_BACK, baseline kept") { urn, actor, reason, json };
        command.SetAction((parse, ct) => RunAsync(console, parse, parse.GetValue(json), parse.GetValue(urn)!,
            (ops, target, token) => ops.RollbackAsync(target, BootstrapServices.Human(parse.GetValue(actor)), NonEmpty(parse.GetValue(reason), "--reason"), token), ct));
        return command;
    }

    private static Argument<string> IdArgument() => new("ID") { Description = "Bootstrap id (boot-YYYY-MM-DD-NNN)" };

    private static Option<string?> AsOption(bool required) => new("--as")
    {
        Description = required ? "Your name, recorded as human:NAME in the audit trail" : "Your name (default: login name)",
        Required = required,
    };

    private static string NonEmpty(string? value, string option) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidInputException($"{option} must not be empty") : value.Trim();

    private static async Task<int> RunAsync(CliConsole console, ParseResult parse, bool json, string target,
        Func<BootstrapOperations, string, CancellationToken, Task<BootstrapRecord>> decide, CancellationToken ct)
    {
        var services = await BootstrapServices.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
        BootstrapRecord record;
        try
        {
            record = await decide(services.Operations, target, ct).ConfigureAwait(false);
        }
        catch (BootstrapOperationException ex)
        {
            throw new CliException(ex.Message, ExitCodes.Conflict);
        }

        if (!json)
        {
            console.Output.WriteLine($"{record.BootstrapId}: {record.CurrentStep.ToWireName()}");
        }

        var final = await BootstrapCliCommand.WaitAsync(services, [record.BootstrapId], progress: !json, ct).ConfigureAwait(false);
        if (final[0].Record.Steps.PolicyConfig.Metadata.TryGetValue("feedback_not_applied", out var missed) && missed != PolicySteps.NothingMissed
            && final[0].Record.CurrentStep == BootstrapState.PolicyPending)
        {
            console.WriteWarning($"{record.BootstrapId}: feedback that matched nothing in attempt {final[0].Record.PolicyAttempt}: {missed}");
        }

        if (json)
        {
            CliJson.Write(console, BootstrapOutput.ToJson(final[0]));
        }
        else
        {
            BootstrapOutput.Print(console, final[0]);
        }

        return final[0].Record.CurrentStep == BootstrapState.Failed ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
