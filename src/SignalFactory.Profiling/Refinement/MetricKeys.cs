namespace SignalFactory.Profiling.Refinement;

/// <summary>
/// The <c>metric_key</c> values of the Baseline Store (LLD §5.2): one row per dataset and key.
/// </summary>
public static class MetricKeys
{
    /// <summary>Rows per run or partition; carries the auto-refinement state of the dataset (LLD §5.3).</summary>
    public const string Volume = "volume";

    /// <summary>Columns and canonical fingerprint.</summary>
    public const string Schema = "schema";

    /// <summary>Columns flagged as PII (names, patterns and counts only).</summary>
    public const string Pii = "pii";

    /// <summary>Job durations and arrival offset.</summary>
    public const string Timing = "timing";

    /// <summary>Prefix of the per-column null-rate keys, <c>null_rate:{column}</c>.</summary>
    public const string NullRatePrefix = "null_rate:";

    /// <summary><c>null_rate:{column}</c>; the column name is kept exactly as given.</summary>
    public static string NullRate(string column)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        return NullRatePrefix + column;
    }

    /// <summary>The column of a <c>null_rate:{column}</c> key, or null for any other key.</summary>
    public static string? NullRateColumn(string metricKey)
    {
        ArgumentNullException.ThrowIfNull(metricKey);
        return metricKey.StartsWith(NullRatePrefix, StringComparison.Ordinal) && metricKey.Length > NullRatePrefix.Length
            ? metricKey[NullRatePrefix.Length..]
            : null;
    }
}

/// <summary>Values of <c>source_engine</c> and <c>timing.source</c> written by the auto-refiner.</summary>
public static class RefinementSources
{
    /// <summary><c>source_engine</c> of a row recomputed from recorded runs (LLD §5.3 <c>auto-refined</c>).</summary>
    public const string AutoRefined = "auto-refined";

    /// <summary><c>timing.source</c> of a timing baseline recomputed from recorded run durations.</summary>
    public const string RecordedRuns = "recorded_runs";
}

/// <summary>Values of <c>review_reason</c>: why a row is flagged for review.</summary>
public static class ReviewReasons
{
    /// <summary>
    /// LLD §5.4 "auto-refine computes invalid stats (stddev = 0)": the refinement window's row counts are all equal,
    /// so the synthetic baseline is kept. Cleared by the first later refinement that succeeds.
    /// </summary>
    public const string StddevZero = "STDDEV_ZERO";

    /// <summary>LLD §5.4 "corrupt run_history": a run in the refinement window could not be read; refinement skipped.</summary>
    public const string CorruptRunHistory = "CORRUPT_RUN_HISTORY";
}
