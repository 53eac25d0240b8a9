using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SignalFactory.Cli.Tests.Support;

namespace SignalFactory.Cli.Tests.Fleet;

public sealed class FleetAndOutboxCommandTests
{
    [Fact]
    public async Task FleetAndOutbox_QuickstartWithJsonlAndUnreachableWebhook_CountsMatchStatusAndEventsAreWrittenOnce()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "init")).ExitCode);
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "config", "set", "notify.jsonl_path", "events/bootstrap.jsonl")).ExitCode);
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "config", "set", "notify.webhook_url", $"http://127.0.0.1:{FreePort()}/hook")).ExitCode);

        // The webhook is down: the bootstraps go on regardless.
        var quickstart = await CliRun.InAsync(dir.Path, "quickstart", "--days", "3", "--rows-per-partition", "200", "--tier3-cooling", "0h");
        var status = await CliRun.InAsync(dir.Path, "bootstrap", "status", "--json");
        var fleet = await CliRun.InAsync(dir.Path, "fleet", "--json");
        var fleetText = await CliRun.InAsync(dir.Path, "fleet");
        var list = await CliRun.InAsync(dir.Path, "outbox", "list", "--json");
        var listText = await CliRun.InAsync(dir.Path, "outbox", "list");
        var deliver = await CliRun.InAsync(dir.Path, "outbox", "deliver");

        Assert.Equal(0, quickstart.ExitCode);
        Assert.Contains("outbox:", quickstart.Error, StringComparison.Ordinal);

        // Expected fleet numbers, counted from the status output.
        var bootstraps = status.Json().GetProperty("bootstraps").EnumerateArray()
            .Select(b => (Tier: b.GetProperty("tier").GetString()!, State: b.GetProperty("state").GetString()!, Id: b.GetProperty("bootstrap_id").GetString()!))
            .ToList();
        var ready = bootstraps.Count(b => b.State == "SIGNAL_READY");
        var pending = bootstraps.Count(b => b.State == "POLICY_PENDING");
        var summary = fleet.Json();
        Assert.Equal(0, fleet.ExitCode);
        Assert.Equal(3, summary.GetProperty("total_datasets").GetInt32());
        Assert.Equal(ready, summary.GetProperty("signal_ready_datasets").GetInt32());
        Assert.Equal(Math.Round(ready * 100.0 / 3, 1), summary.GetProperty("coverage_pct").GetDouble());
        Assert.Equal(pending, summary.GetProperty("in_progress").GetInt32());
        Assert.Equal(pending, summary.GetProperty("awaiting_approval").GetInt32());
        Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        foreach (var tier in summary.GetProperty("tiers").EnumerateArray())
        {
            var name = tier.GetProperty("tier").GetString();
            Assert.Equal(bootstraps.Count(b => b.Tier == name), tier.GetProperty("bootstraps").GetInt32());
            Assert.Equal(bootstraps.Count(b => b.Tier == name && b.State == "SIGNAL_READY"), tier.GetProperty("signal_ready").GetInt32());
        }

        Assert.Contains("coverage 33.3 %", fleetText.Output, StringComparison.Ordinal);

        // Outbox: one approval request per pending bootstrap, the Tier-3 auto-approval notice and its SIGNAL_READY.
        var messages = list.Json().GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(pending + 2, messages.Count);
        Assert.Equal(pending, messages.Count(m => m.GetProperty("type").GetString() == "APPROVAL_REQUESTED"));
        var tier3 = bootstraps.Single(b => b.Tier == "TIER_3").Id;
        Assert.Single(messages, m => m.GetProperty("type").GetString() == "SIGNAL_READY" && m.GetProperty("bootstrap_id").GetString() == tier3);
        foreach (var message in messages)
        {
            var deliveries = message.GetProperty("deliveries").EnumerateArray().ToDictionary(d => d.GetProperty("sink").GetString()!, d => d);
            Assert.Equal("DELIVERED", deliveries["jsonl"].GetProperty("status").GetString());
            Assert.Equal("PENDING", deliveries["webhook"].GetProperty("status").GetString());
        }

        // Each pass tries the down webhook once; messages behind the failed one wait with it, unattempted.
        var webhook = messages.Select(m => m.GetProperty("deliveries").EnumerateArray().Single(d => d.GetProperty("sink").GetString() == "webhook")).ToList();
        Assert.Contains(webhook, d => d.GetProperty("attempts").GetInt32() >= 1 && !string.IsNullOrEmpty(d.GetProperty("last_error").GetString()));

        var approval = messages.First(m => m.GetProperty("type").GetString() == "APPROVAL_REQUESTED");
        var approvalId = approval.GetProperty("bootstrap_id").GetString();
        Assert.Equal($"sf approve {approvalId} --as NAME", approval.GetProperty("payload").GetProperty("details").GetProperty("approve_command").GetString());
        Assert.Contains("webhook", listText.Output, StringComparison.Ordinal);
        Assert.Contains("PENDING", listText.Output, StringComparison.Ordinal);

        // The JSON-lines file holds each event exactly once, in outbox order.
        var lines = await File.ReadAllLinesAsync(dir.Combine(".sf", "events", "bootstrap.jsonl"));
        Assert.Equal(
            messages.Select(m => m.GetProperty("event_id").GetString()),
            lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event_id").GetString()));

        // Deliver right away: the webhook's retry is not due yet, so nothing is attempted.
        Assert.Equal(0, deliver.ExitCode);
        Assert.Contains("delivered 0, retrying later 0, gave up 0", deliver.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_NotifyKeys_InvalidValuesExitTwoAndChangeNothing()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "init")).ExitCode);

        var notUrl = await CliRun.InAsync(dir.Path, "config", "set", "notify.webhook_url", "not a url");
        var ftp = await CliRun.InAsync(dir.Path, "config", "set", "notify.webhook_url", "ftp://example.com/hook");
        var folder = await CliRun.InAsync(dir.Path, "config", "set", "notify.jsonl_path", "events/");
        var after = await CliRun.InAsync(dir.Path, "config", "get", "notify.webhook_url");
        var good = await CliRun.InAsync(dir.Path, "config", "set", "notify.webhook_url", "https://hooks.example.com/bootstrap");
        var stored = await CliRun.InAsync(dir.Path, "config", "get", "notify.webhook_url");

        Assert.Equal(2, notUrl.ExitCode);
        Assert.Contains("notify.webhook_url", notUrl.Error, StringComparison.Ordinal);
        Assert.Contains("http:// or https://", notUrl.Error, StringComparison.Ordinal);
        Assert.Equal(2, ftp.ExitCode);
        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("notify.jsonl_path", folder.Error, StringComparison.Ordinal);
        Assert.Equal("(not set)", after.Output.Trim());
        Assert.Equal(0, good.ExitCode);
        Assert.Equal("https://hooks.example.com/bootstrap", stored.Output.Trim());
    }

    [Fact]
    public async Task Fleet_EmptyWorkspace_PrintsZeroCoverage_AndMissingWorkspaceExitsTwo()
    {
        using var dir = new TempFolder();
        var missing = await CliRun.InAsync(dir.Path, "fleet");
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "init")).ExitCode);

        var empty = await CliRun.InAsync(dir.Path, "fleet");
        var outbox = await CliRun.InAsync(dir.Path, "outbox", "list");

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("coverage 0.0 % (0 of 0 registered datasets SIGNAL_READY)", empty.Output, StringComparison.Ordinal);
        Assert.Equal(0, outbox.ExitCode);
        Assert.Contains("no sinks configured", outbox.Output, StringComparison.Ordinal);
        Assert.Contains("no pending or failed deliveries", outbox.Output, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
