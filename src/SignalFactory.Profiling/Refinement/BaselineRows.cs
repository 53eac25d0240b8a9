using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Synthetic;

namespace SignalFactory.Profiling.Refinement;

/// <summary>
/// Splits a <c>baseline.json</c> into Baseline Store rows (LLD §5.2): <c>volume</c>, <c>schema</c>, <c>pii</c>,
/// <c>timing</c> and one <c>null_rate:{column}</c> per column with a known null rate. Shared by every store backend
/// so they all hold the same rows for the same baseline.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>is_synthetic</c> says whether the row holds observed data: the volume row follows
/// <c>profiling_metadata.is_synthetic</c>; schema and PII rows are synthetic while the fingerprint is
/// <c>sha256:SYNTHETIC_PENDING</c> (nothing was read); the timing row is synthetic when its source is <c>none</c>;
/// null-rate rows only exist for profiled columns. A synthetic row's <c>source_engine</c> is <c>synthetic</c>,
/// otherwise the profiling engine.</item>
/// <item>Only the volume row of a synthetic baseline counts runs down: <c>auto_refine_runs_remaining</c> =
/// <c>auto_refine_after_runs</c> (7 when absent); every other row, and every row of a computed baseline, starts
/// at 0 (stable).</item>
/// <item>Null rates come from <c>null_rates</c>; a column missing there falls back to its
/// <c>column_profiles</c> entry.</item>
/// </list>
/// </remarks>
public static class BaselineRows
{
    /// <summary>The rows of <paramref name="baseline"/>, ordered by key, stamped <paramref name="now"/>, version 0 (not stored yet).</summary>
    public static IReadOnlyList<BaselineMetricRecord> Split(Baseline baseline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseline.DatasetUrn);
        var meta = baseline.ProfilingMetadata;
        var schemaPending = string.Equals(
            baseline.Schema.CanonicalFingerprint, SchemaBaseline.SyntheticPendingFingerprint, StringComparison.Ordinal);

        BaselineMetricRecord Row(string key, string json, bool synthetic, int runsRemaining = 0) => new()
        {
            DatasetUrn = baseline.DatasetUrn,
            MetricKey = key,
            ValueJson = json,
            Confidence = meta.Confidence,
            IsSynthetic = synthetic,
            SourceBootstrapId = baseline.BootstrapId,
            SourceEngine = synthetic ? ProfilingEngines.Synthetic : meta.ProfilingEngine,
            PartitionsSampled = meta.PartitionsSampled,
            CreatedAt = now,
            UpdatedAt = now,
            AutoRefineRunsRemaining = runsRemaining,
        };

        var rows = new List<BaselineMetricRecord>
        {
            Row(MetricKeys.Volume, BaselineValueJson.Write(baseline.Volume), meta.IsSynthetic,
                meta.IsSynthetic ? Math.Max(0, meta.AutoRefineAfterRuns ?? SyntheticBaselineGenerator.AutoRefineAfterRuns) : 0),
            Row(MetricKeys.Schema, BaselineValueJson.Write(baseline.Schema), schemaPending),
            Row(MetricKeys.Pii, BaselineValueJson.Write(SortedPii(baseline.PiiScan)), schemaPending),
            Row(MetricKeys.Timing, BaselineValueJson.Write(baseline.Timing),
                string.Equals(baseline.Timing.Source, TimingSources.None, StringComparison.Ordinal)),
        };

        foreach (var (column, rate) in NullRates(baseline))
        {
            rows.Add(Row(MetricKeys.NullRate(column), BaselineValueJson.Write(new NullRateBaseline { NullRate = rate }), synthetic: false));
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.MetricKey, b.MetricKey));
        return rows;
    }

    private static SortedDictionary<string, double> NullRates(Baseline baseline)
    {
        var rates = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (column, rate) in baseline.NullRates)
        {
            rates[column] = rate;
        }

        foreach (var (column, profile) in baseline.ColumnProfiles)
        {
            rates.TryAdd(column, profile.NullRate);
        }

        return rates;
    }

    private static PiiScanBaseline SortedPii(PiiScanBaseline pii) => pii with
    {
        ColumnsWithPii = [.. pii.ColumnsWithPii.Order(StringComparer.Ordinal)],
        PiiPatternsDetected = new SortedDictionary<string, PiiFinding>(pii.PiiPatternsDetected.ToDictionary(), StringComparer.Ordinal),
        ColumnsScanned = [.. pii.ColumnsScanned.Order(StringComparer.Ordinal)],
        Timeouts = [.. pii.Timeouts.Order(StringComparer.Ordinal)],
    };
}
