namespace SignalFactory.Orchestration.Runtime;

/// <summary>
/// Several in-process workers on one database; the concurrency limits are enforced by the database claim, so they
/// hold across pools and processes. An idle worker sleeps until another one stores a transition (which may free a
/// slot or make work due) and the pool is done when every worker is idle at once.
/// </summary>
public sealed class BootstrapWorkerPool
{
    private readonly IReadOnlyList<BootstrapWorker> _workers;
    private readonly Lock _gate = new();
    private long _generation;
    private int _busy;
    private int _waiting;
    private bool _finished;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A pool of <paramref name="workers"/> (each with its own worker id).</summary>
    public BootstrapWorkerPool(IReadOnlyList<BootstrapWorker> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentOutOfRangeException.ThrowIfZero(workers.Count);
        _workers = workers;
        foreach (var worker in workers)
        {
            worker.StepCompleted += _ => Signal();
        }
    }

    /// <summary>The workers.</summary>
    public IReadOnlyList<BootstrapWorker> Workers => _workers;

    /// <summary>Runs every worker until none has anything it may do now; returns the transitions stored.</summary>
    public async Task<int> RunUntilIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _busy = _workers.Count;
            _waiting = 0;
            _finished = false;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var counts = await Task.WhenAll(_workers.Select(worker => RunAsync(worker, cancellationToken))).ConfigureAwait(false);
        return counts.Sum();
    }

    private async Task<int> RunAsync(BootstrapWorker worker, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            long generation;
            lock (_gate)
            {
                generation = _generation;
            }

            if (await worker.RunOnceAsync(cancellationToken).ConfigureAwait(false) is { } steps)
            {
                total += steps;
                Signal();
                continue;
            }

            Task wake;
            lock (_gate)
            {
                if (_generation != generation)
                {
                    continue; // something changed while we looked: look again
                }

                _busy--;
                if (_busy == 0)
                {
                    _finished = true;
                    _changed.TrySetResult();
                    return total;
                }

                _waiting++;
                wake = _changed.Task;
            }

            await wake.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (_finished)
                {
                    return total;
                }
            }
        }
    }

    // A transition was stored: wake the idle workers, counting them busy before they run so the pool cannot finish
    // in between.
    private void Signal()
    {
        lock (_gate)
        {
            _generation++;
            if (_waiting > 0 && !_finished)
            {
                _busy += _waiting;
                _waiting = 0;
                var changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed.TrySetResult();
            }
        }
    }
}
