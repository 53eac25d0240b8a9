namespace SignalFactory.Profiling.Refinement;

/// <summary>What one real run of a dataset's pipeline produced (LLD §5.3 <c>RunMetrics</c>).</summary>
public sealed record RunMetrics
{
    /// <summary>Rows the run wrote (one partition); ≥ 0.</summary>
    public required long RowCount { get; init; }

    /// <summary>Job duration in milliseconds, when known; ≥ 0.</summary>
    public long? DurationMs { get; init; }

    /// <summary>Column → share of nulls (0..1) in what the run wrote, when measured.</summary>
    public IReadOnlyDictionary<string, double>? NullRates { get; init; }

    /// <summary>
    /// The caller's id for the run (e.g. an Airflow run id). Recording an id that is still in the history changes
    /// nothing, so a retried call is safe. Generated when absent.
    /// </summary>
    public string? RunId { get; init; }

    /// <summary>The run is known to be wrong (a failed load, a partial backfill): kept in the history, never used for bounds.</summary>
    public bool IsKnownBad { get; init; }
}

/// <summary>How a run's row count compares with the volume baseline that was in force before it.</summary>
public enum VolumeVerdict
{
    /// <summary>lower bound ≤ rows ≤ upper bound (a count on a bound is in bounds).</summary>
    InBounds,

    /// <summary>rows &lt; lower bound.</summary>
    Below,

    /// <summary>rows &gt; upper bound.</summary>
    Above,
}

/// <summary>One entry of <c>run_history</c>.</summary>
/// <param name="Sequence">1, 2, … per dataset, in recording order.</param>
/// <param name="RunId">The caller's run id, or a generated one.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="RowCount">Rows written.</param>
/// <param name="DurationMs">Job duration, if known.</param>
/// <param name="NullRates">Column → null share, sorted by column; empty when not measured.</param>
/// <param name="IsKnownBad">Excluded from refinement.</param>
/// <param name="Verdict">The verdict against the baseline in force when it was recorded.</param>
/// <param name="IsCorrupt">The stored entry could not be read completely (LLD §5.4); never used for bounds.</param>
public sealed record RecordedRun(
    long Sequence,
    string RunId,
    DateTimeOffset RecordedAt,
    long RowCount,
    long? DurationMs,
    IReadOnlyDictionary<string, double> NullRates,
    bool IsKnownBad,
    VolumeVerdict Verdict,
    bool IsCorrupt = false)
{
    /// <summary>A run that refinement may use: neither known bad nor corrupt.</summary>
    public bool IsUsable => !IsKnownBad && !IsCorrupt;
}
