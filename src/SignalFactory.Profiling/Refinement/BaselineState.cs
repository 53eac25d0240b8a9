using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Refinement;

/// <summary>
/// Everything the Baseline Store holds for one dataset: its metric rows (ordered by key) and the retained run
/// history (ascending sequence), with typed views of the values. The volume row carries the dataset's
/// auto-refinement state (LLD §5.3 updates only the <c>volume</c> item).
/// </summary>
public sealed record BaselineState
{
    /// <summary>The dataset.</summary>
    public required string DatasetUrn { get; init; }

    /// <summary>Every metric row, ordered by <c>metric_key</c> (ordinal).</summary>
    public required IReadOnlyList<BaselineMetricRecord> Metrics { get; init; }

    /// <summary>The retained runs, oldest first (the store keeps the most recent ones only).</summary>
    public required IReadOnlyList<RecordedRun> RunHistory { get; init; }

    /// <summary>The row of <paramref name="metricKey"/>, or null.</summary>
    public BaselineMetricRecord? Find(string metricKey) =>
        Metrics.FirstOrDefault(m => string.Equals(m.MetricKey, metricKey, StringComparison.Ordinal));

    /// <summary>The <c>volume</c> row.</summary>
    /// <exception cref="BaselineStoreFormatException">The dataset has rows but no volume row.</exception>
    public BaselineMetricRecord VolumeRecord => Find(MetricKeys.Volume)
        ?? throw new BaselineStoreFormatException($"The stored baseline of {DatasetUrn} has no '{MetricKeys.Volume}' row.");

    /// <summary>The volume statistics and bounds in force.</summary>
    public VolumeBaseline Volume => BaselineValueJson.Read<VolumeBaseline>(VolumeRecord.ValueJson, Describe(MetricKeys.Volume));

    /// <summary>The timing baseline, or null without a <c>timing</c> row.</summary>
    public TimingBaseline? Timing => Read<TimingBaseline>(MetricKeys.Timing);

    /// <summary>The schema baseline, or null without a <c>schema</c> row.</summary>
    public SchemaBaseline? Schema => Read<SchemaBaseline>(MetricKeys.Schema);

    /// <summary>The PII scan, or null without a <c>pii</c> row.</summary>
    public PiiScanBaseline? Pii => Read<PiiScanBaseline>(MetricKeys.Pii);

    /// <summary>Column → null-rate baseline, from the <c>null_rate:{column}</c> rows, sorted by column.</summary>
    public IReadOnlyDictionary<string, NullRateBaseline> NullRates =>
        new SortedDictionary<string, NullRateBaseline>(
            Metrics
                .Select(m => (Column: MetricKeys.NullRateColumn(m.MetricKey), Row: m))
                .Where(x => x.Column is not null)
                .ToDictionary(x => x.Column!, x => BaselineValueJson.Read<NullRateBaseline>(x.Row.ValueJson, Describe(x.Row.MetricKey))),
            StringComparer.Ordinal);

    /// <summary>Good runs still needed before refinement (the volume row's counter).</summary>
    public int AutoRefineRunsRemaining => VolumeRecord.AutoRefineRunsRemaining;

    /// <summary>Whether the volume baseline is still synthetic.</summary>
    public bool IsSynthetic => VolumeRecord.IsSynthetic;

    /// <summary>Whether the volume baseline is flagged for review.</summary>
    public bool FlaggedForReview => VolumeRecord.FlaggedForReview;

    /// <summary>The highest recorded run sequence, 0 before the first run.</summary>
    public long LastRunSequence => RunHistory.Count == 0 ? 0 : RunHistory[^1].Sequence;

    private T? Read<T>(string key)
        where T : class
        => Find(key) is { } row ? BaselineValueJson.Read<T>(row.ValueJson, Describe(key)) : null;

    private string Describe(string key) => $"The stored '{key}' baseline of {DatasetUrn}";
}
