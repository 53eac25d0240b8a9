using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SignalFactory.Cli.Bootstrap;
using SignalFactory.Cli.Hosting;
using SignalFactory.Orchestration.Outbox;
using Spectre.Console;

namespace SignalFactory.Cli.Notify;

/// <summary><c>sf outbox list [--all] [--json]</c> and <c>sf outbox deliver [--json]</c>.</summary>
internal static class OutboxCommands
{
    public static Command Create(CliConsole console) =>
        new("outbox", "Bootstrap events (SIGNAL_READY, FAILED, ESCALATED, APPROVAL_REQUESTED…) and their delivery to the configured sinks")
        {
            List(console), Deliver(console),
        };

    private static Command List(CliConsole console)
    {
        var all = new Option<bool>("--all") { Description = "Also show delivered messages and messages enqueued while no sink was configured" };
        var json = GlobalOptions.Json();
        var command = new Command("list", "Show messages with a pending or failed delivery") { all, json };
        command.SetAction(async (parse, ct) =>
        {
            var services = await BootstrapServices.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            var entries = await services.Outbox.ListAsync(parse.GetValue(all), ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                CliJson.Write(console, new
                {
                    sinks = services.Notifications.SinkNames,
                    messages = entries.Select(ToJson).ToList(),
                });
                return ExitCodes.Ok;
            }

            if (services.Notifications.SinkNames.Count == 0)
            {
                console.Output.WriteLine("no sinks configured: sf config set notify.webhook_url URL, or sf config set notify.jsonl_path PATH");
            }

            if (entries.Count == 0)
            {
                console.Output.WriteLine(parse.GetValue(all) ? "the outbox is empty" : "no pending or failed deliveries");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("CREATED", "TYPE", "BOOTSTRAP", "SINK", "STATUS", "ATTEMPTS", "NEXT ATTEMPT", "LAST ERROR");
            foreach (var entry in entries)
            {
                var message = entry.Message;
                var created = message.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                if (entry.Deliveries.Count == 0)
                {
                    table.AddRow(created, message.Kind, message.BootstrapId, "-", "no sink", "0", "", "");
                }

                foreach (var d in entry.Deliveries)
                {
                    table.AddRow(created, message.Kind, message.BootstrapId, d.Sink, Status(d.Status), d.Attempts.ToString(CultureInfo.InvariantCulture),
                        d.NextAttemptAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "", Markup.Escape(d.LastError ?? ""));
                }
            }

            console.Ansi.Write(table);
            console.Output.WriteLine($"{entries.Count} message(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Deliver(CliConsole console)
    {
        var json = GlobalOptions.Json();
        var command = new Command("deliver", "Deliver due messages now (a worker does this after every pass); exit 1 when a delivery failed") { json };
        command.SetAction(async (parse, ct) =>
        {
            var services = await BootstrapServices.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            var report = await services.CreateDispatcher().DeliverDueAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                CliJson.Write(console, new { sinks = services.Notifications.SinkNames, report.Delivered, report.Retrying, gave_up = report.GaveUp, report.Errors });
            }
            else
            {
                if (services.Notifications.SinkNames.Count == 0)
                {
                    console.Output.WriteLine("no sinks configured: sf config set notify.webhook_url URL, or sf config set notify.jsonl_path PATH");
                }

                console.Output.WriteLine($"delivered {report.Delivered}, retrying later {report.Retrying}, gave up {report.GaveUp}");
                foreach (var error in report.Errors)
                {
                    console.Error.WriteLine($"  {error}");
                }
            }

            return report.Retrying + report.GaveUp > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static string Status(OutboxDeliveryStatus status) => status switch
    {
        OutboxDeliveryStatus.Pending => "PENDING",
        OutboxDeliveryStatus.Delivered => "DELIVERED",
        _ => "FAILED",
    };

    private static object ToJson(OutboxEntry entry) => new
    {
        event_id = entry.Message.MessageId,
        type = entry.Message.Kind,
        bootstrap_id = entry.Message.BootstrapId,
        dataset_urn = entry.Message.DatasetUrn,
        tier = entry.Message.Tier,
        created_at = entry.Message.CreatedAt,
        payload = JsonDocument.Parse(entry.Message.Payload).RootElement.Clone(),
        deliveries = entry.Deliveries.Select(d => new
        {
            sink = d.Sink,
            status = Status(d.Status),
            attempts = d.Attempts,
            next_attempt_at = d.NextAttemptAt,
            last_error = d.LastError,
            delivered_at = d.DeliveredAt,
        }).ToList(),
    };
}
