using Microsoft.Data.Sqlite;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Ids;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Orchestration.Store;

namespace SignalFactory.Orchestration.Runtime;

/// <summary>How an initiation ended.</summary>
/// <param name="Started">True when a new bootstrap was created; false for a conflict.</param>
/// <param name="BootstrapId">The new bootstrap, or the existing one that blocks the URN.</param>
/// <param name="Reason">Why it was refused; null when started.</param>
public sealed record InitiationResult(bool Started, string BootstrapId, string? Reason);

/// <summary>A human event could not be applied because the bootstrap is not in a state that accepts it.</summary>
public sealed class BootstrapOperationException(string message) : InvalidOperationException(message);

/// <summary>
/// The operations on bootstraps (LLD §2.3): initiate, status, approve, reject, cancel, rollback. Each stores the
/// transition and its audit entries in one transaction; workers (<see cref="BootstrapWorker"/>) then run the commands.
/// </summary>
public sealed class BootstrapOperations
{
    private const int MaxWriteAttempts = 5;
    private readonly SqliteBootstrapStore _store;
    private readonly BootstrapIdGenerator _ids;
    private readonly TimeProvider _timeProvider;

    /// <summary>Operations on the workspace database at <paramref name="databasePath"/> (migrated with OrchestrationMigrations).</summary>
    public BootstrapOperations(string databasePath, OrchestratorSettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(settings);
        _store = new SqliteBootstrapStore(databasePath, settings.Concurrency);
        _ids = new BootstrapIdGenerator(databasePath, timeProvider);
        Machine = new BootstrapStateMachine(settings);
        _timeProvider = timeProvider;
    }

    /// <summary>The state machine with this workspace's settings.</summary>
    public BootstrapStateMachine Machine { get; }

    internal SqliteBootstrapStore Store => _store;

    /// <summary>
    /// Raised after a transition is stored (initiation, human decision or worker step) with the record it replaced
    /// (null for an initiation); feeds <c>BootstrapMetrics</c>. A handler's exception is swallowed: the transition
    /// is already stored and observing it must not fail the caller.
    /// </summary>
    public event Action<BootstrapRecord?, TransitionResult>? TransitionStored;

    internal void OnStored(BootstrapRecord? previous, TransitionResult result)
    {
        try
        {
            TransitionStored?.Invoke(previous, result);
        }
#pragma warning disable CA1031 // Observers (metrics) must never undo or fail a stored transition.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Starts a bootstrap. An invalid request throws <see cref="InvalidBootstrapRequestException"/> before anything is
    /// written. A bootstrap of the URN in progress (or settled, without <paramref name="force"/>) answers a conflict
    /// with its id.
    /// </summary>
    public async Task<InitiationResult> InitiateAsync(BootstrapInitRequest request, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidBootstrapRequestException(errors);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (started, decision) = await _store.InitiateAsync(Machine, _ids, request, force, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                if (started is not null)
                {
                    OnStored(null, started);
                }

                return started is not null
                    ? new InitiationResult(true, started.Record.BootstrapId, null)
                    : new InitiationResult(false, decision.ExistingBootstrapId!, decision.Reason);
            }
            catch (SqliteException exception) when (exception.SqliteErrorCode == 19 && attempt < MaxWriteAttempts)
            {
                // The unique index saw another initiation first: read again, which now answers the conflict.
            }
        }
    }

    /// <summary>A bootstrap by id, or the newest one of a URN; null when none.</summary>
    public async Task<StoredBootstrap?> FindAsync(string idOrUrn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrUrn);
        if (BootstrapIdGenerator.IsValid(idOrUrn))
        {
            return await _store.FindAsync(idOrUrn, cancellationToken).ConfigureAwait(false);
        }

        var rows = await _store.ListForUrnAsync(idOrUrn, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Every bootstrap, oldest first.</summary>
    public Task<IReadOnlyList<StoredBootstrap>> ListAsync(CancellationToken cancellationToken) => _store.ListAsync(cancellationToken);

    /// <summary>
    /// Bootstraps waiting for a concurrency slot (LLD §2.6), in initiation order: each is admitted when its tier and
    /// the global limit have room. A bootstrap leaving a wait (approved, first write observed) queues here too.
    /// </summary>
    public Task<IReadOnlyList<QueuedBootstrap>> ListQueuedAsync(CancellationToken cancellationToken) => _store.ListQueuedAsync(cancellationToken);

    /// <summary>Approves the pending policy of <paramref name="bootstrapId"/>.</summary>
    public Task<BootstrapRecord> ApproveAsync(string bootstrapId, Actor approver, CancellationToken cancellationToken) =>
        ApplyAsync(bootstrapId, new PolicyApproved(approver), cancellationToken);

    /// <summary>Rejects the pending policy; it is regenerated with the feedback (or escalated after too many rejections).</summary>
    public Task<BootstrapRecord> RejectAsync(string bootstrapId, Actor reviewer, string reason, string? feedback, CancellationToken cancellationToken) =>
        ApplyAsync(bootstrapId, new PolicyRejected(reviewer, reason, feedback), cancellationToken);

    /// <summary>Cancels a bootstrap in progress.</summary>
    public Task<BootstrapRecord> CancelAsync(string bootstrapId, Actor requestedBy, string reason, CancellationToken cancellationToken) =>
        ApplyAsync(bootstrapId, new CancelRequested(requestedBy, reason), cancellationToken);

    /// <summary>Rolls back the newest SIGNAL_READY or CERT_DEFERRED bootstrap of <paramref name="datasetUrn"/>.</summary>
    public async Task<BootstrapRecord> RollbackAsync(string datasetUrn, Actor requestedBy, string reason, CancellationToken cancellationToken)
    {
        var rows = await _store.ListForUrnAsync(datasetUrn, cancellationToken).ConfigureAwait(false);
        var target = rows.FirstOrDefault(row => row.Record.CurrentStep is BootstrapState.SignalReady or BootstrapState.CertDeferred)
            ?? throw new BootstrapOperationException($"{datasetUrn} has no SIGNAL_READY or CERT_DEFERRED bootstrap to roll back");
        return await ApplyAsync(target.Record.BootstrapId, new RollbackRequested(requestedBy, reason), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies a human event with optimistic concurrency: read, transition, write if the version is unchanged, else
    /// read again. The transition's commands replace the pending ones (a worker that was running the old ones finds
    /// the version moved and drops its result).
    /// </summary>
    public async Task<BootstrapRecord> ApplyAsync(string bootstrapId, BootstrapEvent @event, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _store.FindAsync(bootstrapId, cancellationToken).ConfigureAwait(false)
                ?? throw new BootstrapOperationException($"no bootstrap '{bootstrapId}'");
            TransitionResult result;
            try
            {
                result = Machine.Apply(stored.Record, @event, _timeProvider.GetUtcNow());
            }
            catch (BootstrapTransitionException exception)
            {
                throw new BootstrapOperationException(exception.Message);
            }

            if (await _store.TryWriteAsync(stored.Record.Version, result, result.Commands, null, cancellationToken).ConfigureAwait(false))
            {
                OnStored(stored.Record, result);
                return result.Record;
            }

            if (attempt >= MaxWriteAttempts)
            {
                throw new BootstrapOperationException($"bootstrap {bootstrapId} kept changing; try again");
            }
        }
    }
}
