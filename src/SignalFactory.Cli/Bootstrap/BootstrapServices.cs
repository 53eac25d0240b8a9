using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.Sqlite;
using SignalFactory.Orchestration.Store;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>The workspace with the orchestration tables migrated, its settings, operations and a worker factory.</summary>
internal sealed record BootstrapServices(Workspace Workspace, WorkspaceSettings Settings, BootstrapOperations Operations, CliConsole Console)
{
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

        return new BootstrapServices(workspace, settings, new BootstrapOperations(workspace.DatabasePath, resolved, console.Clock), console);
    }

    /// <summary>An in-process worker; <paramref name="progress"/> prints each stored transition; <paramref name="options"/>: lease timing (default 60 s).</summary>
    public BootstrapWorker CreateWorker(bool progress, BootstrapWorkerOptions? options = null)
    {
        var worker = new BootstrapWorker(Operations, new WorkspaceStepExecutor(Workspace, Console.Clock, Policy.PolicyCli.Keys(Console, Workspace.RootPath)), Console.Clock,
            $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", options);
        if (progress)
        {
            worker.StepCompleted += step => Console.Output.WriteLine(
                $"  {step.BootstrapId}  {BootstrapOutput.Name(step.From)} → {BootstrapOutput.Name(step.To)}  ({step.Trigger})");
        }

        return worker;
    }

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
