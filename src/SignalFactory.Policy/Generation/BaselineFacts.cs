using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Schema;

namespace SignalFactory.Policy.Generation;

/// <summary>What the baseline says about one column, gathered from its schema, column profile and PII scan.</summary>
internal sealed record ColumnFacts(
    string Name,
    string Type,
    bool Nullable,
    long? NullCount,
    double? NullRate,
    ColumnBound? Min,
    ColumnBound? Max,
    long? ApproxDistinct,
    bool IsPii,
    bool PiiScanned)
{
    public bool IsNumeric => Safe(TypeNormalizer.IsNumeric);

    public bool IsString => Safe(TypeNormalizer.IsString);

    public bool IsTemporal => Safe(TypeNormalizer.IsTemporal);

    public string BaseType => SafeBase();

    // Baselines may be hand-written; a type the normalizer cannot parse is simply "not numeric".
    private bool Safe(Func<string, bool> test)
    {
        try
        {
            return test(Type);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private string SafeBase()
    {
        try
        {
            return TypeNormalizer.BaseType(Type);
        }
        catch (ArgumentException)
        {
            return Type;
        }
    }
}

/// <summary>The statistics the generator and the backtest work from.</summary>
internal sealed class BaselineFacts
{
    private BaselineFacts(Baseline baseline, IReadOnlyList<ColumnFacts> columns)
    {
        Baseline = baseline;
        Columns = columns;
        ByName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public Baseline Baseline { get; }

    /// <summary>Columns in table order.</summary>
    public IReadOnlyList<ColumnFacts> Columns { get; }

    public IReadOnlyDictionary<string, ColumnFacts> ByName { get; }

    /// <summary>Rows the profiler read; null counts are out of this many.</summary>
    public long RowsProfiled => Baseline.ProfilingMetadata.TotalRowsSampled;

    /// <summary>True when column statistics exist to test rules against (not a schema-less synthetic baseline).</summary>
    public bool HasColumnStatistics => Baseline.ColumnProfiles.Count > 0;

    /// <summary>Row counts of the profiled partitions.</summary>
    public IReadOnlyList<PartitionRowCount> Partitions => Baseline.PartitionRowCounts;

    public static BaselineFacts From(Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var pii = new HashSet<string>(baseline.PiiScan.ColumnsWithPii, StringComparer.Ordinal);
        pii.UnionWith(baseline.PiiScan.PiiPatternsDetected.Keys);
        var scanned = new HashSet<string>(baseline.PiiScan.ColumnsScanned, StringComparer.Ordinal);
        var timeouts = new HashSet<string>(baseline.PiiScan.Timeouts, StringComparer.Ordinal);
        var columns = new List<ColumnFacts>(baseline.Schema.Columns.Count);
        foreach (var column in baseline.Schema.Columns)
        {
            baseline.ColumnProfiles.TryGetValue(column.Name, out var profile);
            double? rate = profile?.NullRate ?? (baseline.NullRates.TryGetValue(column.Name, out var r) ? r : column.NullRate);
            var isPii = pii.Contains(column.Name) || timeouts.Contains(column.Name);
            columns.Add(new ColumnFacts(
                column.Name,
                column.Type,
                column.Nullable,
                profile?.NullCount,
                rate,
                isPii ? null : profile?.Min,
                isPii ? null : profile?.Max,
                profile?.ApproxDistinct,
                isPii,
                scanned.Contains(column.Name) && !timeouts.Contains(column.Name)));
        }

        return new BaselineFacts(baseline, columns);
    }
}
