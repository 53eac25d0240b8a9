using System.Text.Json;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Outbox;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Store;
using SignalFactory.Orchestration.Tests.Runtime;

namespace SignalFactory.Orchestration.Tests.Outbox;

public sealed class OutboxEventTests : IAsyncLifetime
{
    private RuntimeFixture _fixture = null!;
    private string _jsonl = null!;

    public async Task InitializeAsync()
    {
        _fixture = await RuntimeFixture.CreateAsync();
        _jsonl = Path.Combine(_fixture.Workspace.Workspace.RootPath, "events", "bootstrap.jsonl");
    }

    public Task DisposeAsync()
    {
        _fixture.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task JsonLinesSink_Tier1WithEscalationAndApproval_WritesOneLinePerEventInOrder()
    {
        var harness = new OutboxHarness(_fixture, [new JsonLinesEventSink(_jsonl)]);
        var id = await harness.StartAsync("TIER_1");

        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromDays(5));                 // Tier-1 approval timeout: escalate, wait again
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromHours(1));
        await harness.Operations.ApproveAsync(id, Actor.Human("jane.doe"), CancellationToken.None);
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        var lines = await File.ReadAllLinesAsync(_jsonl);
        var entries = await harness.Outbox.ListAsync(includeSettled: true, CancellationToken.None);

        Assert.Equal(3, lines.Length);
        var payloads = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["APPROVAL_REQUESTED", "ESCALATED", "SIGNAL_READY"], payloads.Select(p => p.GetProperty("type").GetString()));
        Assert.Equal(entries.Select(e => e.Message.MessageId), payloads.Select(p => p.GetProperty("event_id").GetString()));
        Assert.All(payloads, p =>
        {
            Assert.Equal("signal-factory.bootstrap-event/v1", p.GetProperty("schema").GetString());
            Assert.Equal(id, p.GetProperty("bootstrap_id").GetString());
            Assert.Equal("ds://curated/orders", p.GetProperty("dataset_urn").GetString());
            Assert.Equal("TIER_1", p.GetProperty("tier").GetString());
        });

        var request = payloads[0];
        Assert.Equal("POLICY_PENDING", request.GetProperty("state").GetString());
        Assert.Equal(OutboxHarness.Utc(RuntimeFixture.Start), request.GetProperty("occurred_at").GetString());
        Assert.Equal($"sf approve {id} --as NAME", request.GetProperty("details").GetProperty("approve_command").GetString());
        Assert.Equal(OutboxHarness.Utc(RuntimeFixture.Start.AddDays(5)), request.GetProperty("details").GetProperty("due_at").GetString());
        Assert.Equal("1", request.GetProperty("details").GetProperty("policy_attempt").GetString());

        var escalated = payloads[1].GetProperty("details");
        Assert.Equal("APPROVAL_TIMEOUT", escalated.GetProperty("reason").GetString());
        Assert.Equal("1", escalated.GetProperty("escalation_count").GetString());
        Assert.Equal(OutboxHarness.Utc(RuntimeFixture.Start.AddDays(10)), escalated.GetProperty("approval_due_at").GetString());

        Assert.Equal("SIGNAL_READY", payloads[2].GetProperty("state").GetString());
        Assert.Equal($"certifications/{id}.json", payloads[2].GetProperty("details").GetProperty("certification").GetString());
        Assert.All(entries, e => Assert.Equal(OutboxDeliveryStatus.Delivered, Assert.Single(e.Deliveries).Status));
    }

    [Fact]
    public async Task Worker_NotifyRunAgainAfterCrash_EnqueuesAndWritesOnce()
    {
        var harness = new OutboxHarness(_fixture, [new JsonLinesEventSink(_jsonl)]);
        var id = await harness.StartAsync("TIER_3");
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        var stored = (await harness.Operations.FindAsync(id, CancellationToken.None))!;

        // As if a worker died after enqueueing and before clearing the pending command: it is pending again.
        await _fixture.Workspace.ExecuteRawAsync(
            $"UPDATE bootstraps SET pending = '{BootstrapJson.SerializeCommands([new Notify(BootstrapNotification.SignalReady)])}', " +
            $"next_due_at = updated_at WHERE bootstrap_id = '{id}';");
        var rerun = await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        var direct = await harness.Outbox.EnqueueAsync(stored.Record, new Notify(BootstrapNotification.SignalReady), ["jsonl"], CancellationToken.None);
        var lines = await File.ReadAllLinesAsync(_jsonl);

        Assert.Equal(0, rerun);
        Assert.Equal(1, await _fixture.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE kind = 'SIGNAL_READY';"));
        Assert.Equal(2, await _fixture.CountAsync("SELECT COUNT(*) FROM outbox_deliveries;"));
        Assert.False(direct!.Value.Inserted);
        Assert.Equal($"{id}:v{stored.Record.Version}:SIGNAL_READY", direct.Value.Message.DedupeKey);
        Assert.Equal(2, lines.Length);
        Assert.Single(lines, line => line.Contains("\"type\":\"SIGNAL_READY\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnqueueAsync_NoSinkConfigured_StoresTheEventWithoutDeliveries()
    {
        var harness = new OutboxHarness(_fixture, []);
        await harness.StartAsync("TIER_3");

        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        var pendingOrFailed = await harness.Outbox.ListAsync(includeSettled: false, CancellationToken.None);
        var all = await harness.Outbox.ListAsync(includeSettled: true, CancellationToken.None);

        Assert.Empty(pendingOrFailed);
        Assert.Equal(["AUTO_APPROVAL_SCHEDULED", "SIGNAL_READY"], all.Select(e => e.Message.Kind));
        Assert.All(all, e => Assert.Empty(e.Deliveries));
    }

    [Fact]
    public async Task DeliverDueAsync_SinkRemovedFromConfiguration_FailsItsPendingDeliveries()
    {
        var nobody = new Uri($"http://127.0.0.1:{WebhookServer.FreePort()}/hook");
        var harness = new OutboxHarness(_fixture, [OutboxHarness.Webhook(nobody)]);
        await harness.StartAsync("TIER_3");
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);

        var report = await new OutboxDispatcher(harness.Outbox, [], _fixture.Clock).DeliverDueAsync(CancellationToken.None);
        var rows = await harness.DeliveriesAsync();

        Assert.Equal(2, report.GaveUp);
        Assert.All(rows, r =>
        {
            Assert.Equal("FAILED", r.Status);
            Assert.Equal("sink webhook is no longer configured", r.Error);
        });
    }

    [Fact]
    public async Task Worker_MaxRejections_EnqueuesEscalationWithNextAction()
    {
        var harness = new OutboxHarness(_fixture, [new JsonLinesEventSink(_jsonl)]);
        var id = await harness.StartAsync("TIER_2");
        var jane = Actor.Human("jane.doe");
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        for (var i = 1; i <= harness.Settings.MaxRejections + 1; i++)
        {
            await harness.Operations.RejectAsync(id, jane, $"rejection {i}", null, CancellationToken.None);
            await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        }

        var types = (await File.ReadAllLinesAsync(_jsonl)).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        // One approval request per attempt (the first and each regeneration), then the escalation.
        Assert.Equal(harness.Settings.MaxRejections + 1, types.Count(p => p.GetProperty("type").GetString() == "APPROVAL_REQUESTED"));
        var escalation = Assert.Single(types, p => p.GetProperty("type").GetString() == "ESCALATED").GetProperty("details");
        Assert.Equal("MAX_REJECTIONS", escalation.GetProperty("reason").GetString());
        Assert.Equal((harness.Settings.MaxRejections + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), escalation.GetProperty("rejection_count").GetString());
        Assert.Contains($"sf cancel {id}", escalation.GetProperty("next_action").GetString(), StringComparison.Ordinal);
    }
}
