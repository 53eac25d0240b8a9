using System.Text.Json;
using SignalFactory.Orchestration.Outbox;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.Runtime;

namespace SignalFactory.Orchestration.Tests.Outbox;

public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private RuntimeFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await RuntimeFixture.CreateAsync();

    public Task DisposeAsync()
    {
        _fixture.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DeliverDueAsync_WebhookFailsTwiceThenAccepts_EachEventDeliveredOnceAfterBackoff()
    {
        await using var server = WebhookServer.Start(failFirst: 2, failureStatus: 503);
        var harness = new OutboxHarness(_fixture, [OutboxHarness.Webhook(server.Url)]);
        var id = await harness.StartAsync("TIER_3");

        // The worker's pass ends with a delivery pass; the webhook answers 503, the bootstrap goes on regardless.
        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        var state = (await harness.Operations.FindAsync(id, CancellationToken.None))!.Record.CurrentStep;
        var afterFirst = await harness.DeliveriesAsync();
        var requestsAfterFirst = server.Requests.Count;

        var sameInstant = await harness.Dispatcher.DeliverDueAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await harness.Dispatcher.DeliverDueAsync(CancellationToken.None);
        var afterSecond = await harness.DeliveriesAsync();
        _fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        var early = await harness.Dispatcher.DeliverDueAsync(CancellationToken.None);
        var requestsBeforeDue = server.Requests.Count;
        _fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = await harness.Dispatcher.DeliverDueAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromHours(1));
        await harness.Dispatcher.DeliverDueAsync(CancellationToken.None);
        var final = await harness.DeliveriesAsync();

        Assert.Equal(BootstrapState.SignalReady, state);
        Assert.Equal(1, requestsAfterFirst);

        // First pass: the oldest message failed (attempt 1, retry after 30 s); the next one waits with it, unattempted.
        var start = RuntimeFixture.Start;
        Assert.Equal(("AUTO_APPROVAL_SCHEDULED", "webhook", "PENDING", 1L), (afterFirst[0].Kind, afterFirst[0].Sink, afterFirst[0].Status, afterFirst[0].Attempts));
        Assert.Equal(OutboxHarness.Utc(start.AddSeconds(30)), afterFirst[0].Next);
        Assert.StartsWith("HTTP 503", afterFirst[0].Error, StringComparison.Ordinal);
        Assert.Equal(("SIGNAL_READY", "PENDING", 0L), (afterFirst[1].Kind, afterFirst[1].Status, afterFirst[1].Attempts));
        Assert.Equal(OutboxHarness.Utc(start.AddSeconds(30)), afterFirst[1].Next);
        Assert.Same(OutboxDeliveryReport.Empty, sameInstant);

        // Second attempt at +30 s fails too: the wait doubles to 60 s.
        Assert.Equal(2L, afterSecond[0].Attempts);
        Assert.Equal(OutboxHarness.Utc(start.AddSeconds(90)), afterSecond[0].Next);
        Assert.Same(OutboxDeliveryReport.Empty, early);
        Assert.Equal(2, requestsBeforeDue);

        // At +90 s both go through; nothing is sent again afterwards.
        Assert.Equal(2, third.Delivered);
        Assert.Equal(4, server.Requests.Count);
        Assert.All(final, d => Assert.Equal("DELIVERED", d.Status));
        Assert.Equal([3L, 1L], final.Select(d => d.Attempts));

        var accepted = server.Requests.Where(r => r.Status == 200).ToList();
        var types = accepted.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal(["AUTO_APPROVAL_SCHEDULED", "SIGNAL_READY"], types);
        Assert.All(accepted, r =>
        {
            var payload = JsonDocument.Parse(r.Body).RootElement;
            Assert.Equal(r.EventId, payload.GetProperty("event_id").GetString());
            Assert.Equal(id, payload.GetProperty("bootstrap_id").GetString());
            Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task DeliverDueAsync_Webhook400_GivesUpAfterOneAttemptAndNeverRetries()
    {
        await using var server = WebhookServer.Start(failFirst: int.MaxValue, failureStatus: 400);
        var harness = new OutboxHarness(_fixture, [OutboxHarness.Webhook(server.Url)]);
        await harness.StartAsync("TIER_3");

        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        _fixture.Clock.Advance(TimeSpan.FromDays(1));
        var later = await harness.Dispatcher.DeliverDueAsync(CancellationToken.None);
        var rows = await harness.DeliveriesAsync();

        // A permanent failure does not hold the sink's other messages: both were tried once and failed.
        Assert.Equal(2, server.Requests.Count);
        Assert.All(rows, d =>
        {
            Assert.Equal("FAILED", d.Status);
            Assert.Equal(1L, d.Attempts);
            Assert.Null(d.Next);
            Assert.StartsWith("HTTP 400", d.Error, StringComparison.Ordinal);
        });
        Assert.Same(OutboxDeliveryReport.Empty, later);
        Assert.Equal(2, harness.Reports[0].GaveUp);
    }

    [Fact]
    public async Task DeliverDueAsync_Webhook429WithRetryAfter_WaitsAsLongAsAsked()
    {
        await using var server = WebhookServer.Start(failFirst: 1, failureStatus: 429, retryAfter: "120");
        var harness = new OutboxHarness(_fixture, [OutboxHarness.Webhook(server.Url)]);
        await harness.StartAsync("TIER_3");

        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        var rows = await harness.DeliveriesAsync();

        Assert.Equal("PENDING", rows[0].Status);
        Assert.Equal(OutboxHarness.Utc(RuntimeFixture.Start.AddSeconds(120)), rows[0].Next);
        Assert.StartsWith("HTTP 429", rows[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunUntilIdleAsync_WebhookUnreachable_BootstrapReachesSignalReadyAndDeliveriesStayPending()
    {
        var nobody = new Uri($"http://127.0.0.1:{WebhookServer.FreePort()}/hook");
        var harness = new OutboxHarness(_fixture, [OutboxHarness.Webhook(nobody)]);
        var id = await harness.StartAsync("TIER_3");

        await harness.Worker().RunUntilIdleAsync(CancellationToken.None);
        var stored = (await harness.Operations.FindAsync(id, CancellationToken.None))!;
        var rows = await harness.DeliveriesAsync();

        Assert.Equal(BootstrapState.SignalReady, stored.Record.CurrentStep);
        Assert.Empty(stored.Pending);
        Assert.Equal(["PENDING", "PENDING"], rows.Select(r => r.Status));
        Assert.Equal(1L, rows[0].Attempts);
        Assert.False(string.IsNullOrEmpty(rows[0].Error));
        Assert.DoesNotContain(nobody.AbsolutePath, rows[0].Error, StringComparison.Ordinal);
        Assert.Equal(1, harness.Reports[0].Retrying);
    }
}
