using System.Globalization;
using SignalFactory.Cli.Hosting;
using SignalFactory.Profiling.Baselines;
using Spectre.Console;

namespace SignalFactory.Cli.Profile;

/// <summary>
/// The human view of a baseline: partitions, volume, columns (type, null rate, PII), fingerprint, timing and
/// warnings. It shows only what baseline.json holds: names, counts and statistics, never a data value.
/// </summary>
internal static class BaselineSummary
{
    public static void Write(CliConsole console, Baseline baseline, string header)
    {
        var o = console.Output;
        var m = baseline.ProfilingMetadata;
        o.WriteLine(header);
        var kind = m.IsSynthetic
            ? $"synthetic volume ({m.SyntheticReason}; tier defaults until {m.AutoRefineAfterRuns} real runs)"
            : $"volume from {m.VolumeSource.Replace('_', ' ')}";
        o.WriteLine($"Baseline for {baseline.DatasetUrn} (bootstrap {baseline.BootstrapId}): confidence {m.Confidence}, {kind}, profiled {m.ProfiledAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        o.WriteLine();

        if (baseline.PartitionRowCounts.Count > 0)
        {
            var partitions = new Table().AddColumns("PARTITION", "ROWS");
            partitions.Columns[1].RightAligned();
            foreach (var p in baseline.PartitionRowCounts.OrderByDescending(p => p.Partition, StringComparer.Ordinal))
            {
                partitions.AddRow(Markup.Escape(p.Partition), N(p.RowCount));
            }

            console.Ansi.Write(partitions);
        }

        var v = baseline.Volume;
        o.WriteLine($"Volume: {N(v.AvgRowCount)} ± {N(v.StddevRowCount)} rows per partition, alert outside [{N(v.AnomalyLowerBound)}, {N(v.AnomalyUpperBound)}] ({v.SigmaMultiplier.ToString(CultureInfo.InvariantCulture)}σ)");
        o.WriteLine();

        if (baseline.Schema.Columns.Count > 0)
        {
            var columns = new Table().AddColumns("COLUMN", "TYPE", "NULLABLE", "NULL RATE", "PII");
            columns.Columns[3].RightAligned();
            foreach (var c in baseline.Schema.Columns)
            {
                var pii = baseline.PiiScan.PiiPatternsDetected.TryGetValue(c.Name, out var finding)
                    ? $"{finding.Pattern} ({finding.Confidence.ToString("0.##", CultureInfo.InvariantCulture)})"
                    : baseline.PiiScan.Timeouts.Contains(c.Name) ? "PII_SCAN_TIMEOUT" : "";
                columns.AddRow(
                    Markup.Escape(c.Name),
                    Markup.Escape(c.Type),
                    c.Nullable ? "yes" : "no",
                    c.NullRate is { } rate ? rate.ToString("0.####%", CultureInfo.InvariantCulture) : "",
                    pii);
            }

            console.Ansi.Write(columns);
        }

        o.WriteLine($"Schema: {baseline.Schema.ColumnCount} column(s), fingerprint {baseline.Schema.CanonicalFingerprint}");
        o.WriteLine($"Timing: {Timing(baseline.Timing)}");
        if (m.Warnings.Count == 0)
        {
            o.WriteLine("Warnings: none");
        }
        else
        {
            o.WriteLine($"Warnings ({m.Warnings.Count}):");
            foreach (var w in m.Warnings)
            {
                var where = string.Join(", ", new[] { w.Partition is null ? null : $"partition {w.Partition}", w.File, w.Column is null ? null : $"column {w.Column}" }.OfType<string>());
                o.WriteLine($"  {w.Code}{(where.Length > 0 ? $" [{where}]" : "")}: {w.Message}");
            }
        }
    }

    private static string Timing(TimingBaseline t)
    {
        var parts = new List<string>();
        if (t.AvgDurationMs is { } avg)
        {
            parts.Add($"job duration avg {N(avg)} ms, p50 {N(t.P50DurationMs ?? 0)}, p95 {N(t.P95DurationMs ?? 0)}, p99 {N(t.P99DurationMs ?? 0)} ms");
        }

        if (t.TypicalArrivalOffsetMin is { } offset)
        {
            parts.Add(offset <= 0 ? $"partitions arrive {N(-offset)} min before due" : $"partitions arrive {N(offset)} min after due");
        }

        return parts.Count == 0 ? "no timing information" : $"{string.Join("; ", parts)} (from {t.Source.Replace('_', ' ')})";
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
