using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Pii;

/// <summary>Turns per-column <see cref="PiiColumnResult"/>s into the <c>pii_scan</c> section and its warnings.</summary>
public static class PiiScanSection
{
    /// <summary>
    /// <c>columns_with_pii</c> and <c>pii_patterns_detected</c> from detected columns, <c>columns_scanned</c> from the
    /// columns whose scan finished, <c>timeouts</c> from the rest. Confidence is kept exact here; the writer rounds it.
    /// </summary>
    public static PiiScanBaseline From(IReadOnlyDictionary<string, PiiColumnResult> resultsByColumn)
    {
        ArgumentNullException.ThrowIfNull(resultsByColumn);
        var detected = new Dictionary<string, PiiFinding>(StringComparer.Ordinal);
        foreach (var (column, r) in resultsByColumn)
        {
            if (r.Status == PiiScanStatus.Detected)
            {
                detected[column] = new PiiFinding
                {
                    Pattern = r.Pattern!,
                    Confidence = r.Confidence,
                    Validator = r.Validator!,
                    Matched = r.Matched,
                    Sampled = r.Sampled,
                };
            }
        }

        return new PiiScanBaseline
        {
            ColumnsWithPii = [.. detected.Keys.Order(StringComparer.Ordinal)],
            PiiPatternsDetected = detected,
            ColumnsScanned = Columns(resultsByColumn, s => s != PiiScanStatus.TimedOut),
            Timeouts = Columns(resultsByColumn, s => s == PiiScanStatus.TimedOut),
        };
    }

    /// <summary>One <c>PII_SCAN_TIMEOUT</c> warning per timed-out column.</summary>
    public static IReadOnlyList<BaselineWarning> Warnings(IReadOnlyDictionary<string, PiiColumnResult> resultsByColumn)
    {
        ArgumentNullException.ThrowIfNull(resultsByColumn);
        return Columns(resultsByColumn, s => s == PiiScanStatus.TimedOut)
            .Select(column => new BaselineWarning
            {
                Code = BaselineWarningCodes.PiiScanTimeout,
                Column = column,
                Message = $"PII scan of column '{column}' exceeded its time budget; the column was not classified.",
            })
            .ToList();
    }

    private static List<string> Columns(
        IReadOnlyDictionary<string, PiiColumnResult> results, Func<PiiScanStatus, bool> keep) =>
        [.. results.Where(kv => keep(kv.Value.Status)).Select(kv => kv.Key).Order(StringComparer.Ordinal)];
}
