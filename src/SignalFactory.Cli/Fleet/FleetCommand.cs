using System.CommandLine;
using System.Globalization;
using SignalFactory.Cli.Bootstrap;
using SignalFactory.Cli.Hosting;
using SignalFactory.Orchestration.Metrics;
using Spectre.Console;

namespace SignalFactory.Cli.Fleet;

/// <summary><c>sf fleet [--json]</c>: coverage, per-tier totals, in progress, failed, stuck in approval (LLD §10.2).</summary>
internal static class FleetCommand
{
    public static Command Create(CliConsole console)
    {
        var json = GlobalOptions.Json();
        var command = new Command("fleet", "Fleet summary: coverage %, per-tier totals, in progress, queued, failed, stuck in approval > 7 days") { json };
        command.SetAction(async (parse, ct) =>
        {
            var services = await BootstrapServices.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            var summary = await new FleetQuery(services.Workspace.DatabasePath, console.Clock).GetAsync(ct).ConfigureAwait(false);
            BootstrapServices.Metrics.Update(summary);
            if (parse.GetValue(json))
            {
                CliJson.Write(console, summary);
            }
            else
            {
                Print(console, summary);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(CliConsole console, FleetSummary s)
    {
        static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
        console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fleet at {s.GeneratedAt:yyyy-MM-dd HH:mm}Z: coverage {s.CoveragePct:0.0} % ({s.SignalReadyDatasets} of {s.TotalDatasets} registered datasets SIGNAL_READY)"));
        var table = new Table().AddColumns("TIER", "DATASETS", "BOOTSTRAPPED", "SIGNAL_READY", "IN PROGRESS", "AWAITING APPROVAL", "FAILED");
        foreach (var t in s.Tiers)
        {
            table.AddRow(Markup.Escape(t.Tier), N(t.Datasets), N(t.Bootstraps), N(t.SignalReady), N(t.InProgress), N(t.AwaitingApproval), N(t.Failed));
        }

        table.AddRow("all", N(s.TotalDatasets), N(s.Bootstraps), N(s.SignalReady), N(s.InProgress), N(s.AwaitingApproval), N(s.Failed));
        console.Ansi.Write(table);
        console.Output.WriteLine($"in progress {N(s.InProgress)} (queued {N(s.Queued)}, stalled > 24 h {N(s.Stalled)}); " +
                                 $"awaiting approval {N(s.AwaitingApproval)} (stuck > 7 days {N(s.StuckInApproval)})");
        console.Output.WriteLine($"settled: SIGNAL_READY {N(s.SignalReady)}, CERT_DEFERRED {N(s.CertDeferred)}, FAILED {N(s.Failed)}, " +
                                 $"CANCELLED {N(s.Cancelled)}, ROLLED_BACK {N(s.RolledBack)}");
        console.Output.WriteLine($"outbox: {N(s.OutboxPending)} delivery(ies) pending, {N(s.OutboxFailed)} failed");
    }
}
