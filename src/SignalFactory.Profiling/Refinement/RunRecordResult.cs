using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Refinement;

/// <summary>What <see cref="BaselineAutoRefiner.RecordRunAsync"/> did with a run.</summary>
public enum RunRecordOutcome
{
    /// <summary>Appended to the history; no refinement was due (or the baseline is already computed).</summary>
    Recorded,

    /// <summary>Appended, and the synthetic baseline was replaced by one computed from the runs (LLD §5.3).</summary>
    Refined,

    /// <summary>
    /// Appended; refinement was due but refused and the volume row flagged for review: the window's row counts
    /// have σ = 0, or a run in it is corrupt (LLD §5.4). The synthetic baseline stays in force; every later good
    /// run tries again.
    /// </summary>
    Flagged,

    /// <summary>The run id is already in the history: nothing changed (a retried call).</summary>
    Duplicate,
}

/// <summary>The outcome of recording one run.</summary>
public sealed record RunRecordResult
{
    /// <summary>The dataset.</summary>
    public required string DatasetUrn { get; init; }

    /// <summary>What happened.</summary>
    public required RunRecordOutcome Outcome { get; init; }

    /// <summary>The run as stored (for <see cref="RunRecordOutcome.Duplicate"/>: the entry recorded earlier).</summary>
    public required RecordedRun Run { get; init; }

    /// <summary>The run's row count against <see cref="JudgedAgainst"/>.</summary>
    public required VolumeVerdict Verdict { get; init; }

    /// <summary>The volume baseline in force before the run was recorded: it never includes the run it judges.</summary>
    public required VolumeBaseline JudgedAgainst { get; init; }

    /// <summary>Whether <see cref="JudgedAgainst"/> was synthetic (wide 3σ tier bounds).</summary>
    public required bool JudgedAgainstSynthetic { get; init; }

    /// <summary>Good runs still needed after this one (0 once due or stable).</summary>
    public required int AutoRefineRunsRemaining { get; init; }

    /// <summary>The refinement attempt this run triggered, if any (also for <see cref="RunRecordOutcome.Flagged"/>).</summary>
    public RefinementReport? Refinement { get; init; }

    /// <summary>The store's state after the run.</summary>
    public required BaselineState Baseline { get; init; }

    /// <summary>How many attempts the record took (more than 1 after concurrent writes).</summary>
    public int Attempts { get; init; } = 1;
}

/// <summary>One refinement attempt: the window it used and what it computed.</summary>
public sealed record RefinementReport
{
    /// <summary>Sequences of the runs used, oldest first.</summary>
    public required IReadOnlyList<long> RunSequences { get; init; }

    /// <summary>Whether the synthetic baseline was replaced.</summary>
    public required bool Applied { get; init; }

    /// <summary>Why not, when not applied: see <see cref="ReviewReasons"/>.</summary>
    public string? ReviewReason { get; init; }

    /// <summary>Exact mean of the window's row counts (null when a run was corrupt).</summary>
    public double? Mean { get; init; }

    /// <summary>Exact sample standard deviation (n − 1) of the window's row counts.</summary>
    public double? StdDev { get; init; }

    /// <summary>The new volume baseline, when applied.</summary>
    public VolumeBaseline? Volume { get; init; }

    /// <summary>Whether the minimum relative width widened the kσ bounds.</summary>
    public bool WidenedToMinimum { get; init; }

    /// <summary>Confidence before (LOW for a synthetic baseline).</summary>
    public required string OldConfidence { get; init; }

    /// <summary>Confidence after (HIGH with 7 runs; unchanged when not applied).</summary>
    public required string NewConfidence { get; init; }

    /// <summary><c>SYNTHETIC → COMPUTED</c> when applied, as LLD §5.3's <c>BaselineUpdate.transition</c>.</summary>
    public string? Transition { get; init; }
}
