using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Tests.Runtime;

/// <summary>
/// A step executor that answers like <see cref="ScriptedExecutor"/> and observes concurrency. A bootstrap counts as
/// holding a slot from its first step after admission (ValidateRegistration, or SignPolicy after an approval) until
/// the step just before it parks or finishes (GeneratePolicy, InitCertifiedView) has run: always inside the period in
/// which the store says it holds a slot, so the observed maximum can only be lower than the true one.
/// </summary>
internal sealed class ConcurrencyProbe : IBootstrapStepExecutor
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _holding = new(StringComparer.Ordinal);
    private readonly List<string> _admitted = [];
    private readonly List<(string Id, string Command)> _log = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _enteredWaits = [];
    private int _profiling;
    private int _entered;

    /// <summary>Commands for which this returns true wait at <see cref="Release"/> (counted by <see cref="WhenEnteredAsync"/>).</summary>
    public Func<BootstrapRecord, BootstrapCommand, bool>? HoldIf { get; init; }

    /// <summary>Every step yields first, so concurrent workers interleave.</summary>
    public bool Yield { get; init; }

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxHolding { get; private set; }

    public int MaxProfiling { get; private set; }

    public Dictionary<string, int> MaxPerTier { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Admitted
    {
        get
        {
            lock (_lock)
            {
                return [.. _admitted];
            }
        }
    }

    public IReadOnlyList<(string Id, string Command)> Log
    {
        get
        {
            lock (_lock)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> held steps are waiting (or have waited) at <see cref="Release"/>.</summary>
    public Task WhenEnteredAsync(int count)
    {
        lock (_lock)
        {
            if (_entered >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _enteredWaits.Add((count, reached));
            return reached.Task;
        }
    }

    public async Task<BootstrapEvent?> ExecuteAsync(BootstrapRecord record, BootstrapCommand command, CancellationToken cancellationToken)
    {
        var id = record.BootstrapId;
        lock (_lock)
        {
            _log.Add((id, command.GetType().Name));
            if (command is ValidateRegistration or SignPolicy)
            {
                if (command is ValidateRegistration)
                {
                    _admitted.Add(id);
                }

                _holding[id] = record.Tier;
                MaxHolding = Math.Max(MaxHolding, _holding.Count);
                MaxPerTier[record.Tier] = Math.Max(MaxPerTier.GetValueOrDefault(record.Tier), _holding.Values.Count(t => t == record.Tier));
            }

            if (command is StartProfiling)
            {
                _profiling++;
                MaxProfiling = Math.Max(MaxProfiling, _profiling);
            }
        }

        try
        {
            if (Yield)
            {
                await Task.Yield();
            }

            if (HoldIf?.Invoke(record, command) == true)
            {
                lock (_lock)
                {
                    _entered++;
                    foreach (var wait in _enteredWaits.Where(w => w.Count <= _entered))
                    {
                        wait.Reached.TrySetResult();
                    }
                }

                await Release.Task.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            if (command is StartProfiling)
            {
                lock (_lock)
                {
                    _profiling--;
                }
            }
        }

        if (command is GeneratePolicy or InitCertifiedView)
        {
            lock (_lock)
            {
                _holding.Remove(id);
            }
        }

        return command switch
        {
            ValidateRegistration => new RegistrationSucceeded(),
            StartProfiling => new ProfilingSucceeded($"baselines/{id}/baseline.json"),
            GeneratePolicy generate => new PolicyGenerated($"policies/{id}/attempt-{generate.Attempt}.yaml"),
            SignPolicy => new PolicySigned($"policies/{id}/policy_bundle.yaml", "key-1"),
            InitCertifiedView => new CertificationSucceeded($"certifications/{id}.json"),
            _ => null,
        };
    }
}
