using SignalFactory.Orchestration.Metrics;
using SignalFactory.Orchestration.Outbox;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.Tests.Runtime;

namespace SignalFactory.Orchestration.Tests.Outbox;

/// <summary>Operations, an outbox-decorated worker and a dispatcher on one fixture, wired as the CLI wires them.</summary>
internal sealed class OutboxHarness
{
    public static readonly OrchestratorSettings ZeroCooling =
        OrchestratorSettings.Default with { Tier3 = OrchestratorSettings.Default.Tier3 with { Approval = TimeSpan.Zero } };

    private static readonly HttpClient _http = WebhookEventSink.CreateHttpClient();

    public OutboxHarness(RuntimeFixture fixture, IReadOnlyList<IEventSink> sinks, ScriptedExecutor? steps = null, OrchestratorSettings? settings = null,
        BootstrapMetrics? metrics = null)
    {
        Fixture = fixture;
        Settings = settings ?? ZeroCooling;
        Steps = steps ?? new ScriptedExecutor();
        Outbox = new BootstrapOutbox(fixture.Workspace.DatabasePath, fixture.Clock);
        Operations = fixture.Operations(Settings);
        if (metrics is not null)
        {
            Operations.TransitionStored += metrics.OnTransitionStored;
        }

        Executor = new OutboxStepExecutor(Steps, Outbox, [.. sinks.Select(s => s.Name)], metrics);
        Dispatcher = new OutboxDispatcher(Outbox, sinks, fixture.Clock);
    }

    public RuntimeFixture Fixture { get; }

    public OrchestratorSettings Settings { get; }

    public ScriptedExecutor Steps { get; }

    public BootstrapOutbox Outbox { get; }

    public BootstrapOperations Operations { get; }

    public OutboxStepExecutor Executor { get; }

    public OutboxDispatcher Dispatcher { get; }

    public List<OutboxDeliveryReport> Reports { get; } = [];

    public static WebhookEventSink Webhook(Uri url) => new(_http, url, TimeSpan.FromSeconds(10));

    /// <summary>A worker whose passes end with a delivery pass, as in the CLI.</summary>
    public BootstrapWorker Worker()
    {
        var worker = new BootstrapWorker(Operations, Executor, Fixture.Clock, "worker-a", new BootstrapWorkerOptions(TimeSpan.FromSeconds(60), TimeSpan.FromHours(1)));
        worker.AfterPass = async ct => Reports.Add(await Dispatcher.DeliverDueAsync(ct));
        return worker;
    }

    public async Task<string> StartAsync(string tier, string urn = "ds://curated/orders") =>
        (await Operations.InitiateAsync(RuntimeFixture.Request(tier, urn), false, CancellationToken.None)).BootstrapId;

    /// <summary>(kind, sink, status, attempts, next_attempt_at, last_error) of every delivery, read with SQL of our own.</summary>
    public async Task<List<(string Kind, string Sink, string Status, long Attempts, string? Next, string? Error)>> DeliveriesAsync()
    {
        await using var connection = await Fixture.Workspace.OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.kind, d.sink, d.status, d.attempts, d.next_attempt_at, d.last_error
            FROM outbox_deliveries d JOIN outbox_messages m ON m.message_id = d.message_id ORDER BY m.rowid, d.sink;
            """;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string, long, string?, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
