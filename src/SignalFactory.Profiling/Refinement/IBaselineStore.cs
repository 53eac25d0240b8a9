using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Refinement;

/// <summary>
/// The Baseline Store (LLD §5), independent of the database behind it: metric rows per dataset
/// (<see cref="BaselineMetricRecord"/>) and the recent run history. Every backend must pass the
/// <c>BaselineStoreCompliance</c> test suite.
/// </summary>
/// <remarks>
/// Rows carry a <see cref="BaselineMetricRecord.Version"/>; <see cref="CommitRunAsync"/> writes a row only if its
/// version is still the one the caller read, and otherwise changes nothing and throws
/// <see cref="BaselineConcurrencyException"/>. Saves replace rows unconditionally but still bump their versions,
/// so a refinement computed from the old rows fails and is recomputed.
/// </remarks>
public interface IBaselineStore
{
    /// <summary>
    /// Replaces the dataset's metric rows with those split from <paramref name="baseline"/> (see
    /// <see cref="BaselineRows"/>) in one transaction: keys it no longer has are deleted, every written row gets
    /// version + 1 and keeps its original <c>created_at</c>. The run history is kept.
    /// </summary>
    /// <returns>The state after the save.</returns>
    Task<BaselineState> SaveFromBaselineAsync(Baseline baseline, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the rows of <paramref name="baseline"/> only if the dataset has none yet (a seed that never overwrites
    /// a baseline another process stored first). Returns false, changing nothing, when rows exist.
    /// </summary>
    Task<bool> TryAddFromBaselineAsync(Baseline baseline, CancellationToken cancellationToken);

    /// <summary>The dataset's rows and retained run history, or null when it has no rows.</summary>
    /// <exception cref="BaselineStoreFormatException">A stored value cannot be read as a row (not a run entry: those come back with <see cref="RecordedRun.IsCorrupt"/>).</exception>
    Task<BaselineState?> GetAsync(string datasetUrn, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: applies every row write of <paramref name="commit"/> (each checked against the version
    /// it names), appends its run to the history and drops runs older than the most recent
    /// <see cref="BaselineRunCommit.HistoryLimit"/>. All or nothing.
    /// </summary>
    /// <exception cref="BaselineConcurrencyException">
    /// A row's version changed, a row to insert exists, or the run's sequence or run id is taken.
    /// </exception>
    Task CommitRunAsync(BaselineRunCommit commit, CancellationToken cancellationToken);

    /// <summary>Counts over every dataset's volume row, for the <c>baseline.synthetic_active</c> gauge.</summary>
    Task<BaselineFleetSummary> GetFleetSummaryAsync(CancellationToken cancellationToken);
}

/// <summary>A row to write: an update of <see cref="ExpectedVersion"/>, or an insert when it is null.</summary>
/// <param name="Row">The row's new content; its <see cref="BaselineMetricRecord.Version"/> is ignored (the store assigns it).</param>
/// <param name="ExpectedVersion">The version the writer read; null for a new row.</param>
public sealed record BaselineMetricWrite(BaselineMetricRecord Row, long? ExpectedVersion);

/// <summary>One recorded run and the row changes it causes.</summary>
/// <param name="DatasetUrn">The dataset.</param>
/// <param name="Run">The run; its sequence must be the next one.</param>
/// <param name="Writes">Row writes; the refiner always includes the volume row, so concurrent runs of one dataset conflict.</param>
/// <param name="HistoryLimit">How many of the most recent runs to keep (≥ 1).</param>
public sealed record BaselineRunCommit(string DatasetUrn, RecordedRun Run, IReadOnlyList<BaselineMetricWrite> Writes, int HistoryLimit);

/// <summary>Counts of stored baselines.</summary>
/// <param name="Datasets">Datasets with a volume row.</param>
/// <param name="SyntheticActive">Of those, whose volume baseline is still synthetic.</param>
/// <param name="FlaggedForReview">Of those, flagged for review.</param>
public sealed record BaselineFleetSummary(long Datasets, long SyntheticActive, long FlaggedForReview);
