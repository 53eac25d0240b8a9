namespace SignalFactory.Profiling.Refinement;

/// <summary>
/// One row of the Baseline Store (LLD §5.2): the baseline of one metric of one dataset, with its provenance and
/// refinement state. <see cref="ValueJson"/> is the metric's statistics as a JSON object (snake_case names): a
/// <c>volume</c> section for <see cref="MetricKeys.Volume"/>, a <c>schema</c> section, a <c>pii_scan</c> section,
/// a <c>timing</c> section, or a <see cref="NullRateBaseline"/>; <see cref="BaselineState"/> reads them typed.
/// </summary>
public sealed record BaselineMetricRecord
{
    /// <summary><c>dataset_urn</c>.</summary>
    public required string DatasetUrn { get; init; }

    /// <summary><c>metric_key</c>: see <see cref="MetricKeys"/>.</summary>
    public required string MetricKey { get; init; }

    /// <summary><c>baseline_value</c>: the statistics as a JSON object.</summary>
    public required string ValueJson { get; init; }

    /// <summary><c>confidence</c>: HIGH / MEDIUM / LOW.</summary>
    public required string Confidence { get; init; }

    /// <summary><c>is_synthetic</c>: the row holds tier defaults or a placeholder, not observed data.</summary>
    public required bool IsSynthetic { get; init; }

    /// <summary><c>source_bootstrap_id</c>: the bootstrap whose baseline created the row.</summary>
    public string? SourceBootstrapId { get; init; }

    /// <summary><c>source_engine</c>: <c>duckdb</c>, <c>spark</c>, <c>delta_log</c>, <c>synthetic</c> or <c>auto-refined</c>.</summary>
    public required string SourceEngine { get; init; }

    /// <summary><c>partitions_sampled</c>: partitions profiled, or runs used by a refinement.</summary>
    public int PartitionsSampled { get; init; }

    /// <summary><c>created_at</c>: when the row was first written; kept across replacements.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>updated_at</c>: the last write (a save, a recorded run on the volume row, a refinement).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary><c>auto_refine_runs_remaining</c>: good runs still needed before refinement; 0 = stable or due.</summary>
    public int AutoRefineRunsRemaining { get; init; }

    /// <summary><c>flagged_for_review</c>: a person should look at this baseline (LLD §5.4).</summary>
    public bool FlaggedForReview { get; init; }

    /// <summary><c>review_reason</c>: see <see cref="ReviewReasons"/>; set when flagged.</summary>
    public string? ReviewReason { get; init; }

    /// <summary><c>version</c>: 1 on insert, +1 on every write; writes name the version they read (optimistic concurrency).</summary>
    public long Version { get; init; }
}

/// <summary>
/// The value of a <c>null_rate:{column}</c> row. From a profile only <see cref="NullRate"/> is set; a refinement
/// from recorded runs adds the spread and the bounds (mean ± kσ, clamped to 0..1).
/// </summary>
public sealed record NullRateBaseline
{
    /// <summary><c>null_rate</c>: the expected share of nulls, 0..1 (profiled, or the mean over the runs).</summary>
    public required double NullRate { get; init; }

    /// <summary><c>stddev_null_rate</c>: sample standard deviation over the runs.</summary>
    public double? StddevNullRate { get; init; }

    /// <summary><c>min_null_rate</c> over the runs.</summary>
    public double? MinNullRate { get; init; }

    /// <summary><c>max_null_rate</c> over the runs.</summary>
    public double? MaxNullRate { get; init; }

    /// <summary><c>lower_bound</c>: max(0, mean − kσ).</summary>
    public double? LowerBound { get; init; }

    /// <summary><c>upper_bound</c>: min(1, mean + kσ).</summary>
    public double? UpperBound { get; init; }

    /// <summary><c>runs</c>: how many runs reported this column.</summary>
    public int? Runs { get; init; }

    /// <summary><c>sigma_multiplier</c>: k.</summary>
    public double? SigmaMultiplier { get; init; }
}
