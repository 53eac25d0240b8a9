using System.Globalization;
using SignalFactory.Policy.Bundles;
using SignalFactory.Profiling.Pii;

namespace SignalFactory.Policy.Generation;

internal sealed partial class BundleBuilder
{
    /// <summary>
    /// Volume thresholds (LLD §6.3 <c>_build_volume_section</c>), then the backtest against every profiled partition's
    /// row count: a threshold that a profiled partition already breaks is loosened just enough to hold on all of them.
    /// </summary>
    private VolumeSection BuildVolume()
    {
        var volume = _request.Baseline.Volume;
        var slo = _request.Manifest.Slo?.Volume;
        var minRows = slo?.MinRowsPerPartition ?? volume.AnomalyLowerBound;
        var minRowsOrigin = slo?.MinRowsPerPartition is null ? RuleOrigins.Generated : RuleOrigins.Manifest;
        var pct = slo?.AnomalyThresholdPct ?? _settings.AnomalyThresholdPct;
        var pctOrigin = slo?.AnomalyThresholdPct is null ? RuleOrigins.Generated : RuleOrigins.Manifest;
        double lower = volume.AnomalyLowerBound;
        double upper = volume.AnomalyUpperBound;

        var partitions = _facts.Partitions;
        if (partitions.Count == 0)
        {
            const string none = "the baseline holds no partition row counts to test against";
            Verdict("volume.min_rows_per_partition", "volume", minRowsOrigin, RuleVerdicts.Unverified, none, N(minRows));
            Verdict("volume.anomaly_bounds", "volume", RuleOrigins.Generated, RuleVerdicts.Unverified, none, $"[{N(lower)}, {N(upper)}]");
            Verdict("volume.anomaly_threshold_pct", "volume", pctOrigin, RuleVerdicts.Unverified, none, N(pct));
        }
        else
        {
            var count = partitions.Count;
            var smallest = partitions.Min(p => p.RowCount);
            var largest = partitions.Max(p => p.RowCount);

            var below = partitions.Count(p => p.RowCount < minRows);
            if (below > 0)
            {
                Verdict("volume.min_rows_per_partition", "volume", minRowsOrigin, RuleVerdicts.Loosened,
                    $"{below} of {count} profiled partitions have fewer than {N(minRows)} rows (smallest {N(smallest)}); lowered to the smallest",
                    N(smallest), N(minRows));
                minRows = smallest;
            }
            else
            {
                Verdict("volume.min_rows_per_partition", "volume", minRowsOrigin, RuleVerdicts.Passed,
                    $"all {count} profiled partitions have at least {N(minRows)} rows (smallest {N(smallest)})", N(minRows));
            }

            var bounds = $"[{N(lower)}, {N(upper)}]";
            if (smallest < lower || largest > upper)
            {
                var outside = partitions.Count(p => p.RowCount < lower || p.RowCount > upper);
                lower = Math.Min(lower, smallest);
                upper = Math.Max(upper, largest);
                Verdict("volume.anomaly_bounds", "volume", RuleOrigins.Generated, RuleVerdicts.Loosened,
                    $"{outside} of {count} profiled partitions fall outside {bounds} (rows {N(smallest)}..{N(largest)}); widened to cover them",
                    $"[{N(lower)}, {N(upper)}]", bounds);
            }
            else
            {
                Verdict("volume.anomaly_bounds", "volume", RuleOrigins.Generated, RuleVerdicts.Passed,
                    $"all {count} profiled partitions lie in {bounds} (rows {N(smallest)}..{N(largest)})", bounds);
            }

            var avg = (double)volume.AvgRowCount;
            if (avg > 0)
            {
                var deviation = partitions.Max(p => Math.Abs(p.RowCount - avg) / avg * 100);
                if (deviation > pct)
                {
                    var loosened = Math.Ceiling(deviation);
                    Verdict("volume.anomaly_threshold_pct", "volume", pctOrigin, RuleVerdicts.Loosened,
                        $"a profiled partition deviates {N(Math.Round(deviation, 2))}% from the average {N(avg)}, more than {N(pct)}%; raised to cover it",
                        N(loosened), N(pct));
                    pct = loosened;
                }
                else
                {
                    Verdict("volume.anomaly_threshold_pct", "volume", pctOrigin, RuleVerdicts.Passed,
                        $"the largest deviation of a profiled partition from the average {N(avg)} is {N(Math.Round(deviation, 2))}%", N(pct));
                }
            }
            else
            {
                Verdict("volume.anomaly_threshold_pct", "volume", pctOrigin, RuleVerdicts.Unverified,
                    "the baseline average is 0 rows, so deviations have no meaning", N(pct));
            }
        }

        return new VolumeSection
        {
            MinRowsPerPartition = Math.Max(0, minRows),
            AnomalyThresholdPct = pct,
            BaselineAvg = volume.AvgRowCount,
            BaselineStddev = volume.StddevRowCount,
            AnomalyLowerBound = lower,
            AnomalyUpperBound = upper,
        };
    }

    /// <summary>One detection rule per detected pattern with the org action; every flagged or timed-out column is scanned.</summary>
    private PiiSection BuildPii()
    {
        var scan = _request.Baseline.PiiScan;
        var patterns = scan.PiiPatternsDetected.Values.Select(f => f.Pattern).Distinct(StringComparer.Ordinal)
            .OrderBy(p => PiiPatterns.ByPriority.Contains(p) ? PiiPatterns.ByPriority.ToList().IndexOf(p) : int.MaxValue)
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();
        var rules = patterns.Select(p => new PiiRule(p, _settings.PiiActions.TryGetValue(p, out var action) ? action : _settings.DefaultPiiAction));
        var columns = scan.ColumnsWithPii.Concat(scan.PiiPatternsDetected.Keys).Concat(scan.Timeouts)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        if (scan.Timeouts.Count > 0)
        {
            _notes.Add($"{scan.Timeouts.Count} column(s) whose PII scan timed out during profiling are scanned at run time");
        }

        return new PiiSection { Detection = ValueList.From(rules), ScanColumns = ValueList.From(columns) };
    }

    /// <summary>Copied from <c>dataset.yaml</c> (HLD §6.3: "already specified"), with the LLD defaults for missing fields.</summary>
    private FreshnessSection BuildFreshness()
    {
        var slo = _request.Manifest.Slo?.Freshness;
        var key = _request.Manifest.Storage?.PartitionKey;
        return new FreshnessSection
        {
            ExpectedUpdateBy = string.IsNullOrWhiteSpace(slo?.ExpectedUpdateBy) ? PolicyDefaults.ExpectedUpdateBy : slo.ExpectedUpdateBy,
            GracePeriod = string.IsNullOrWhiteSpace(slo?.GracePeriod) ? PolicyDefaults.GracePeriod : slo.GracePeriod,
            PartitionKey = string.IsNullOrWhiteSpace(key) ? null : key,
            MaxStalenessHours = slo?.MaxStalenessHours,
        };
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
