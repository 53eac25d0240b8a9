using System.Collections.Concurrent;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.Runtime;

/// <summary>A migrated workspace, a fake clock and helpers to build operations and workers on them.</summary>
internal sealed class RuntimeFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private RuntimeFixture(TestWorkspace workspace) => Workspace = workspace;

    public TestWorkspace Workspace { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public static async Task<RuntimeFixture> CreateAsync() => new(await TestWorkspace.CreateAsync());

    public static BootstrapInitRequest Request(string tier, string urn = "ds://curated/orders") =>
        new(urn, tier, "inline_sdk", "spark", "delta", "human:jane.doe", "file:///manifests/orders.yaml");

    public BootstrapOperations Operations(OrchestratorSettings? settings = null) =>
        new(Workspace.DatabasePath, settings ?? OrchestratorSettings.Default, Clock);

    public BootstrapWorker Worker(IBootstrapStepExecutor executor, string id = "worker-a", OrchestratorSettings? settings = null) =>
        new(Operations(settings), executor, Clock, id, new BootstrapWorkerOptions(TimeSpan.FromSeconds(60), TimeSpan.FromHours(1)));

    public async Task<long> CountAsync(string sql) => (long)(await Workspace.ScalarRawAsync(sql))!;

    public void Dispose() => Workspace.Dispose();
}

/// <summary>Answers every step with success; records what it ran; optionally blocks one kind of command.</summary>
internal sealed class ScriptedExecutor : IBootstrapStepExecutor
{
    public ConcurrentQueue<(string BootstrapId, string Command)> Ran { get; } = new();

    /// <summary>When set, a command of this type waits here (until cancelled, or released) before answering.</summary>
    public Type? BlockOn { get; init; }

    public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<BootstrapCommand, BootstrapEvent?>? Override { get; init; }

    public async Task<BootstrapEvent?> ExecuteAsync(BootstrapRecord record, BootstrapCommand command, CancellationToken cancellationToken)
    {
        if (BlockOn == command.GetType())
        {
            Blocked.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }

        Ran.Enqueue((record.BootstrapId, command.GetType().Name));
        if (Override?.Invoke(command) is { } overridden)
        {
            return overridden;
        }

        return command switch
        {
            ValidateRegistration => new RegistrationSucceeded(),
            StartProfiling => new ProfilingSucceeded($"baselines/{record.BootstrapId}/baseline.json"),
            GeneratePolicy generate => new PolicyGenerated($"policies/{record.BootstrapId}/attempt-{generate.Attempt}.yaml"),
            SignPolicy => new PolicySigned($"policies/{record.BootstrapId}/policy_bundle.yaml", "key-1"),
            InitCertifiedView => new CertificationSucceeded($"certifications/{record.BootstrapId}.json"),
            _ => null,
        };
    }

    public int Count(string command) => Ran.Count(item => item.Command == command);
}
