using SignalFactory.Orchestration.Outbox;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.Runtime;

namespace SignalFactory.Orchestration.Tests.Outbox;

public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private RuntimeFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await RuntimeFixture.CreateAsync();

    public Task DisposeAsync()
    {
        _fixture.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DeliverDueAsync_PassDiedAfterClaiming_OtherPassesSkipUntilTheClaimExpiresThenDeliver()
    {
        await using var server = WebhookServer.Start();
        var harness = new OutboxHarness(_fixture, [OutboxHarness.Webhook(server.Url)]);
        var record = await StartedRecordAsync(harness);
        await harness.Outbox.EnqueueAsync(record, new Notify(BootstrapNotification.Cancelled), ["webhook"], CancellationToken.None);
        await harness.Outbox.EnqueueAsync(record, new Escalate(EscalationReason.ApprovalTimeout), ["webhook"], CancellationToken.None);

        // A pass claims both and dies before sending.
        var now = _fixture.Clock.GetUtcNow();
        var claimed = await harness.Outbox.ClaimDueAsync(["webhook"], now, now + OutboxRetryPolicy.Default.ClaimTimeout, 100, CancellationToken.None);

        var whileClaimed = await harness.Dispatcher.DeliverDueAsync(CancellationToken.None);
        var requestsWhileClaimed = server.Requests.Count;
        _fixture.Clock.Advance(OutboxRetryPolicy.Default.ClaimTimeout);
        var afterExpiry = await harness.Dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(2, claimed.Count);
        Assert.Same(OutboxDeliveryReport.Empty, whileClaimed);
        Assert.Equal(0, requestsWhileClaimed);
        Assert.Equal(2, afterExpiry.Delivered);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task DeliverDueAsync_TransientFailuresUpToTheLimit_FailsForGoodWithTheLastError()
    {
        await using var server = WebhookServer.Start(failFirst: int.MaxValue, failureStatus: 500);
        var policy = OutboxRetryPolicy.Default with { MaxAttempts = 3 };
        var sink = OutboxHarness.Webhook(server.Url);
        var harness = new OutboxHarness(_fixture, [sink]);
        var record = await StartedRecordAsync(harness);
        await harness.Outbox.EnqueueAsync(record, new Notify(BootstrapNotification.Failed), ["webhook"], CancellationToken.None);
        var dispatcher = new OutboxDispatcher(harness.Outbox, [sink], _fixture.Clock, policy);

        var reports = new List<OutboxDeliveryReport>();
        foreach (var wait in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromDays(1) })
        {
            _fixture.Clock.Advance(wait);
            reports.Add(await dispatcher.DeliverDueAsync(CancellationToken.None));
        }

        var row = Assert.Single(await harness.DeliveriesAsync());
        Assert.Equal([1, 1, 0, 0], reports.Select(r => r.Retrying));
        Assert.Equal([0, 0, 1, 0], reports.Select(r => r.GaveUp));
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(("FAILED", 3L, (string?)null), (row.Status, row.Attempts, row.Next));
        Assert.Equal("HTTP 500 Internal Server Error (after 3 attempts)", row.Error);
    }

    // A stored record to enqueue events for, without running a worker (so nothing else is in the outbox).
    private static async Task<BootstrapRecord> StartedRecordAsync(OutboxHarness harness)
    {
        var id = await harness.StartAsync("TIER_1");
        return (await harness.Operations.FindAsync(id, CancellationToken.None))!.Record;
    }
}
