using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Metrics;
using SignalFactory.Orchestration.Outbox;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.Sqlite;
using SignalFactory.Orchestration.Store;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>The workspace with the orchestration tables migrated, its settings, operations and a worker factory.</summary>
internal sealed record BootstrapServices(Workspace Workspace, WorkspaceSettings Settings, BootstrapOperations Operations, CliConsole Console)
{
    // One meter and one HTTP client per process: every command in it shares them.
    private static readonly Lazy<HttpClient> _webhookClient = new(WebhookEventSink.CreateHttpClient);

    /// <summary>The process's bootstrap instruments (fed by stored transitions and worker passes).</summary>
    public static BootstrapMetrics Metrics { get; } = new();

    /// <summary>The outbox sinks configured in the workspace.</summary>
    public NotificationSettings Notifications { get; init; } = NotificationSettings.None;

    /// <summary>The workspace's events outbox.</summary>
    public BootstrapOutbox Outbox => new(Workspace.DatabasePath, Console.Clock);

    // tier3Cooling overrides the stored Tier-3 cooling period for this process only (quick start).
    public static async Task<BootstrapServices> OpenAsync(CliConsole console, ParseResult parse, bool create, CancellationToken ct, TimeSpan? tier3Cooling = null)
    {
        var workspace = WorkspaceAccess.Resolve(console, parse);
        try
        {
            await workspace.OpenAsync(create, [.. OrchestrationMigrations.All, .. SignalFactory.Policy.Certification.Store.CertificationMigrations.All], ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WorkspaceNotFoundException or WorkspaceFormatException)
        {
            throw new InvalidInputException(ex.Message);
        }

        var settings = new WorkspaceSettings(workspace.DatabasePath, console.Clock);
        var resolved = await settings.ResolveAsync(OrchestratorSettings.Default, ct).ConfigureAwait(false);
        if (tier3Cooling is { } cooling)
        {
            resolved = resolved with { Tier3 = resolved.Tier3 with { Approval = cooling } };
        }

        var operations = new BootstrapOperations(workspace.DatabasePath, resolved, console.Clock);
        operations.TransitionStored += Metrics.OnTransitionStored;
        var notifications = await settings.ResolveNotificationsAsync(ct).ConfigureAwait(false);
        return new BootstrapServices(workspace, settings, operations, console) { Notifications = notifications };
    }

    /// <summary>A delivery pass over the outbox to the configured sinks.</summary>
    public OutboxDispatcher CreateDispatcher()
    {
        var dispatcher = new OutboxDispatcher(Outbox, Notifications.CreateSinks(Workspace.RootPath, _webhookClient.Value), Console.Clock);
        dispatcher.Attempted += Metrics.CountDelivery;
        return dispatcher;
    }

    /// <summary>
    /// Runs after every worker pass: delivers due outbox messages and refreshes the fleet gauges. Failures are
    /// printed as warnings on stderr and never reach a bootstrap step.
    /// </summary>
    public async Task AfterWorkerPassAsync(CancellationToken ct)
    {
        try
        {
            var report = await CreateDispatcher().DeliverDueAsync(ct).ConfigureAwait(false);
            foreach (var error in report.Errors)
            {
                Console.WriteWarning($"outbox: {error}");
            }

            Metrics.Update(await new FleetQuery(Workspace.DatabasePath, Console.Clock).GetAsync(ct).ConfigureAwait(false));
        }
#pragma warning disable CA1031 // Delivery is side work after the steps: report it, never fail the worker with it.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Console.WriteWarning($"outbox delivery pass failed, will try again after the next steps: {ex.Message}");
        }
    }

    /// <summary>
    /// An in-process worker reporting to <paramref name="progress"/> (steps as they start and end) when given;
    /// <paramref name="options"/>: lease timing (default 60 s).
    /// </summary>
    public BootstrapWorker CreateWorker(BootstrapProgress? progress, BootstrapWorkerOptions? options = null)
    {
        IBootstrapStepExecutor executor = new OutboxStepExecutor(
            new WorkspaceStepExecutor(Workspace, Console.Clock, Policy.PolicyCli.Keys(Console, Workspace.RootPath)),
            Outbox, Notifications.SinkNames, Metrics);
        if (progress is not null)
        {
            executor = progress.Observe(executor);
        }

        var worker = new BootstrapWorker(Operations, executor, Console.Clock, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", options)
        {
            AfterPass = AfterWorkerPassAsync,
        };
        progress?.Attach(worker);
        return worker;
    }

    /// <summary>
    /// <paramref name="count"/> in-process workers reporting to one <paramref name="progress"/>; the database claim
    /// keeps them (and workers in other processes) within the concurrency limits.
    /// </summary>
    public BootstrapWorkerPool CreatePool(int count, BootstrapProgress? progress, BootstrapWorkerOptions? options = null) =>
        new([.. Enumerable.Range(0, count).Select(_ => CreateWorker(progress, options))]);

    /// <summary>The person running the CLI as an actor: <c>human:NAME</c> from <c>--as</c>, else the login name.</summary>
    public static Actor Human(string? name)
    {
        var candidate = string.IsNullOrWhiteSpace(name) ? Environment.UserName : name.Trim();
        if (candidate.StartsWith("human:", StringComparison.Ordinal))
        {
            candidate = candidate["human:".Length..];
        }

        return Actor.TryParse("human:" + candidate, out var actor)
            ? actor
            : throw new InvalidInputException($"--as: '{candidate}' is not a valid name (no spaces, control characters or ':')");
    }
}
