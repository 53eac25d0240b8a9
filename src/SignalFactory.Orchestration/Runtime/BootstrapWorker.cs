using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Store;

namespace SignalFactory.Orchestration.Runtime;

/// <summary>Lease timing of a worker.</summary>
/// <param name="Lease">How long a claim lasts without a heartbeat; another worker may take the bootstrap after it.</param>
/// <param name="HeartbeatInterval">How often a running step extends the lease (well under <paramref name="Lease"/>).</param>
public sealed record BootstrapWorkerOptions(TimeSpan Lease, TimeSpan HeartbeatInterval)
{
    /// <summary>60 s leases, heartbeat every 15 s.</summary>
    public static BootstrapWorkerOptions Default { get; } = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15));
}

/// <summary>What a worker did to one bootstrap in one step.</summary>
/// <param name="BootstrapId">The bootstrap.</param>
/// <param name="From">State before.</param>
/// <param name="To">State after.</param>
/// <param name="Trigger">The event that moved it (a step result or a timer).</param>
public sealed record WorkerStep(string BootstrapId, BootstrapState From, BootstrapState To, BootstrapTrigger Trigger);

/// <summary>
/// Runs due bootstraps: claims one with a lease, runs the pending commands of its last transition through the step
/// executor (heartbeating while a step runs), feeds the step's event into the machine and stores the result with a
/// version and lease check; fires due timers the same way. A worker killed at any point leaves the stored transition
/// and its pending commands in place; the next worker claims the bootstrap once the lease expires and runs them again.
/// </summary>
public sealed class BootstrapWorker
{
    private readonly BootstrapOperations _operations;
    private readonly IBootstrapStepExecutor _executor;
    private readonly TimeProvider _timeProvider;
    private readonly BootstrapWorkerOptions _options;

    /// <summary>A worker named <paramref name="workerId"/> (unique per process, e.g. host:pid:guid).</summary>
    public BootstrapWorker(BootstrapOperations operations, IBootstrapStepExecutor executor, TimeProvider timeProvider, string workerId,
        BootstrapWorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        _operations = operations;
        _executor = executor;
        _timeProvider = timeProvider;
        WorkerId = workerId;
        _options = options ?? BootstrapWorkerOptions.Default;
    }

    /// <summary>The lease owner name.</summary>
    public string WorkerId { get; }

    /// <summary>Raised after each stored transition (for progress output).</summary>
    public event Action<WorkerStep>? StepCompleted;

    /// <summary>
    /// Runs after each <see cref="RunUntilIdleAsync"/> pass, once the steps are stored (outbox delivery, metrics
    /// refresh). Its exceptions are swallowed (other than cancellation): the callee logs its own failures, and they
    /// must never reach a step.
    /// </summary>
    public Func<CancellationToken, Task>? AfterPass { get; set; }

    /// <summary>Processes due bootstraps until none is due now; returns the number of transitions stored.</summary>
    public async Task<int> RunUntilIdleAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (await RunOnceAsync(cancellationToken).ConfigureAwait(false) is { } steps)
        {
            total += steps;
        }

        await RunAfterPassAsync(AfterPass, cancellationToken).ConfigureAwait(false);
        return total;
    }

    // The after-pass hook, its failures swallowed: side work after the steps (delivery) must not fail the worker.
    internal static async Task RunAfterPassAsync(Func<CancellationToken, Task>? afterPass, CancellationToken cancellationToken)
    {
        if (afterPass is null)
        {
            return;
        }

        try
        {
            await afterPass(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Side work after the steps (delivery) must not fail the worker.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Claims one due bootstrap and advances it until it has nothing due now; returns the transitions stored, or null
    /// when nothing was due.
    /// </summary>
    public async Task<int?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var store = _operations.Store;
        var claimed = await store.TryClaimAsync(WorkerId, _timeProvider.GetUtcNow(), _options.Lease, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return null;
        }

        var steps = 0;
        var current = claimed;
        while (true)
        {
            bool? stored;
            try
            {
                stored = await AdvanceAsync(current, cancellationToken).ConfigureAwait(false);
            }
            catch (LeaseLostException)
            {
                // Superseded (a human decision stored a new version) or taken over: give the lease back if still
                // ours, so the new pending commands run at once instead of after the lease expires.
                await store.ReleaseAsync(current.Record.BootstrapId, WorkerId, cancellationToken).ConfigureAwait(false);
                return steps;
            }

            if (stored is null)
            {
                break;
            }

            steps += stored.Value ? 1 : 0;

            // Keep going only within the concurrency limits: the next step may need a slot (leaving a wait) or a
            // profiling slot; if none is free the lease is released and the bootstrap waits in the queue.
            var next = await store.TryContinueAsync(current.Record.BootstrapId, WorkerId, _timeProvider.GetUtcNow(), _options.Lease, cancellationToken)
                .ConfigureAwait(false);
            if (next is null)
            {
                return steps;
            }

            current = next;
        }

        await store.ReleaseAsync(current.Record.BootstrapId, WorkerId, cancellationToken).ConfigureAwait(false);
        return steps;
    }

    // One unit of work: the pending commands, else the earliest due timer. Null when nothing is due or the row moved
    // on under us (another writer won the version check).
    private async Task<bool?> AdvanceAsync(StoredBootstrap stored, CancellationToken cancellationToken)
    {
        var store = _operations.Store;
        var record = stored.Record;
        BootstrapEvent? @event = null;
        if (stored.Pending.Count > 0)
        {
            foreach (var command in stored.Pending)
            {
                var answer = await RunWithHeartbeatAsync(record, command, cancellationToken).ConfigureAwait(false);
                @event ??= answer;
            }

            if (@event is null)
            {
                return await store.TryClearPendingAsync(record, WorkerId, cancellationToken).ConfigureAwait(false) ? false : null;
            }
        }
        else
        {
            var due = BootstrapStateMachine.DueTimers(record, _timeProvider.GetUtcNow());
            if (due.Count == 0)
            {
                return null;
            }

            @event = new TimerFired(due[0]);
        }

        var result = _operations.Machine.Apply(record, @event, _timeProvider.GetUtcNow());
        if (!await store.TryWriteAsync(record.Version, result, result.Commands, WorkerId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        _operations.OnStored(record, result);
        StepCompleted?.Invoke(new WorkerStep(record.BootstrapId, record.CurrentStep, result.To, @event.Trigger));
        return true;
    }

    // Runs one command under the lease heartbeat and, for profiling and certification init, the step's timeout: the
    // record's ProfilingTimeout / CertificationTimeout timer (LLD §2.7) is the deadline. A step still running then is
    // cancelled (DuckDB queries are interrupted) and answers that timer, so the machine's retry policy applies; a
    // rerun after a crash whose deadline already passed answers it without running.
    private async Task<BootstrapEvent?> RunWithHeartbeatAsync(BootstrapRecord record, BootstrapCommand command, CancellationToken cancellationToken)
    {
        var deadline = StepDeadline(record, command);
        if (deadline?.At <= _timeProvider.GetUtcNow())
        {
            return new TimerFired(deadline.Value.Kind);
        }

        using var timeout = deadline is { } d
            ? new CancellationTokenSource(TimeUntil(d.At), _timeProvider)
            : new CancellationTokenSource();
        using var stepCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(record, stepCancellation, heartbeatStop.Token);
        try
        {
            return await _executor.ExecuteAsync(record, command, stepCancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested && deadline is { } expired)
        {
            return new TimerFired(expired.Kind);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LeaseLostException();
        }
        catch (Exception exception) when (exception is not OperationCanceledException && FailureFor(command, exception) is { } failure)
        {
            return failure;
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }
    }

    private static (TimerKind Kind, DateTimeOffset At)? StepDeadline(BootstrapRecord record, BootstrapCommand command)
    {
        TimerKind? kind = command switch
        {
            StartProfiling => TimerKind.ProfilingTimeout,
            InitCertifiedView => TimerKind.CertificationTimeout,
            _ => null,
        };
        return kind is { } k && record.Timers.TryGetValue(k, out var at) ? (k, at) : null;
    }

    // Rounded up to whole milliseconds (timers tick in them), so the machine never sees the timer fire before it is due.
    private TimeSpan TimeUntil(DateTimeOffset at)
    {
        var ticks = (at - _timeProvider.GetUtcNow()).Ticks;
        return TimeSpan.FromMilliseconds(Math.Max(1, (ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond));
    }

    private async Task HeartbeatAsync(BootstrapRecord record, CancellationTokenSource step, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.HeartbeatInterval, _timeProvider, stop).ConfigureAwait(false);
                var expires = _timeProvider.GetUtcNow() + _options.Lease;
                if (!await _operations.Store.HeartbeatAsync(record.BootstrapId, WorkerId, record.Version, expires, stop).ConfigureAwait(false))
                {
                    // Lease lost (another worker owns the bootstrap) or the record moved on (cancelled, rolled
                    // back): the step's answer would be dropped, so stop it now (a DuckDB query is interrupted).
                    await step.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private sealed class LeaseLostException : Exception;

    private static BootstrapEvent? FailureFor(BootstrapCommand command, Exception exception)
    {
        var error = $"{exception.GetType().Name}: {exception.Message}";
        return command switch
        {
            ValidateRegistration => new RegistrationFailed(error),
            StartProfiling => new ProfilingFailed(error),
            GeneratePolicy => new PolicyGenerationFailed(error),
            SignPolicy => new PolicySigningFailed(error),
            InitCertifiedView => new CertificationFailed(error),
            _ => null,
        };
    }
}
