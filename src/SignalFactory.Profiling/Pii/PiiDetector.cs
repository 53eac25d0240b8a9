using System.Text.RegularExpressions;

namespace SignalFactory.Profiling.Pii;

/// <summary>Settings of <see cref="PiiDetector"/>.</summary>
public sealed record PiiDetectorOptions
{
    /// <summary>A column is flagged when matched ÷ sampled is at least this (default 0.5).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Time allowed per column before it is marked <c>PII_SCAN_TIMEOUT</c> (LLD §4.7: 30 s).</summary>
    public TimeSpan ColumnBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many values are examined per column (LLD §4.4: 1,000 distinct values).</summary>
    public int MaxSampleValues { get; init; } = 1000;

    /// <summary>The clock is read before the first value and then every this many values.</summary>
    public int BudgetCheckInterval { get; init; } = 32;

    /// <summary>Longer values cannot be any of the patterns and are counted as non-matching without a regex run.</summary>
    public int MaxValueLength { get; init; } = 320;
}

/// <summary>Outcome of scanning one column.</summary>
public enum PiiScanStatus
{
    /// <summary>No pattern reached the threshold.</summary>
    Clean,

    /// <summary><see cref="PiiColumnResult.Pattern"/> reached the threshold.</summary>
    Detected,

    /// <summary>The column's time budget ran out; recorded as <c>PII_SCAN_TIMEOUT</c>.</summary>
    TimedOut,
}

/// <summary>
/// The result of scanning one column: pattern name, counts and the validator — never a value.
/// <see cref="Confidence"/>, <see cref="Matched"/> and <see cref="Validator"/> describe <see cref="Pattern"/> when
/// one was detected, and are 0/null otherwise.
/// </summary>
public sealed record PiiColumnResult
{
    public required PiiScanStatus Status { get; init; }
    public string? Pattern { get; init; }
    public double Confidence { get; init; }
    public string? Validator { get; init; }
    public int Matched { get; init; }

    /// <summary>Values examined (for a timed-out column, those examined before the budget ran out).</summary>
    public required int Sampled { get; init; }

    /// <summary>Values that passed each pattern and its validator, for every pattern.</summary>
    public required IReadOnlyDictionary<string, int> MatchCounts { get; init; }
}

/// <summary>
/// Decides whether a string column holds PII from up to 1,000 of its distinct non-null values (LLD §4.4): a value
/// counts for a pattern when the pattern's regex matches and its validator passes (<see cref="PiiValidators"/>);
/// a pattern's confidence is its count ÷ values examined; the column is flagged with the pattern of highest
/// confidence if that is ≥ the threshold, ties broken by <see cref="PiiPatterns.ByPriority"/>. Values are trimmed
/// first. Thread-safe; one instance can scan many columns.
/// </summary>
public sealed class PiiDetector
{
    private readonly PiiDetectorOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a detector; <paramref name="timeProvider"/> defaults to the system clock.</summary>
    public PiiDetector(PiiDetectorOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new PiiDetectorOptions();
        _time = timeProvider ?? TimeProvider.System;
        if (_options.Threshold is <= 0 or > 1 || _options.MaxSampleValues < 1 || _options.BudgetCheckInterval < 1
            || _options.ColumnBudget < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "PII detector options are out of range.");
        }
    }

    /// <summary>Scans one column's distinct non-null values (null entries are ignored).</summary>
    public PiiColumnResult Scan(IReadOnlyList<string?> distinctValues, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(distinctValues);
        var counts = PiiPatterns.ByPriority.ToDictionary(p => p, _ => 0, StringComparer.Ordinal);
        var start = _time.GetTimestamp();
        var sampled = 0;

        foreach (var raw in distinctValues)
        {
            if (sampled >= _options.MaxSampleValues)
            {
                break;
            }

            if (raw is null)
            {
                continue;
            }

            if (sampled % _options.BudgetCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_time.GetElapsedTime(start) >= _options.ColumnBudget)
                {
                    return new PiiColumnResult { Status = PiiScanStatus.TimedOut, Sampled = sampled, MatchCounts = counts };
                }
            }

            sampled++;
            var value = raw.Trim();
            if (value.Length == 0 || value.Length > _options.MaxValueLength)
            {
                continue;
            }

            foreach (var pattern in PiiPatterns.ByPriority)
            {
                if (Matches(pattern, value))
                {
                    counts[pattern]++;
                }
            }
        }

        return Decide(counts, sampled);
    }

    private PiiColumnResult Decide(Dictionary<string, int> counts, int sampled)
    {
        string? best = null;
        foreach (var pattern in PiiPatterns.ByPriority)
        {
            // Strictly greater: an equal count keeps the earlier, higher-priority pattern.
            if (counts[pattern] > 0 && (best is null || counts[pattern] > counts[best]))
            {
                best = pattern;
            }
        }

        if (best is null || sampled == 0 || (double)counts[best] / sampled < _options.Threshold)
        {
            return new PiiColumnResult { Status = PiiScanStatus.Clean, Sampled = sampled, MatchCounts = counts };
        }

        return new PiiColumnResult
        {
            Status = PiiScanStatus.Detected,
            Pattern = best,
            Confidence = (double)counts[best] / sampled,
            Validator = PiiPatterns.ValidatorOf(best),
            Matched = counts[best],
            Sampled = sampled,
            MatchCounts = counts,
        };
    }

    private static bool Matches(string pattern, string value)
    {
        try
        {
            return PiiRegexes.For(pattern).IsMatch(value) && PiiValidators.Validate(pattern, value);
        }
        catch (RegexMatchTimeoutException)
        {
            // A value too costly to match is not evidence of PII; the column budget bounds the total cost.
            return false;
        }
    }
}
