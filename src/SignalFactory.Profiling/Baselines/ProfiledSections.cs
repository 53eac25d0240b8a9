namespace SignalFactory.Profiling.Baselines;

/// <summary>
/// What a profiler measured from the data that exists, before the volume baseline is decided: the sections that
/// stay valid even when the volume baseline has to be synthetic (fewer than 3 partitions) or comes from the
/// Delta log. <c>null_rates</c> and each schema column's <c>null_rate</c> are taken from <see cref="ColumnProfiles"/>.
/// </summary>
public sealed record ProfiledSections
{
    /// <summary>The schema section (see <see cref="Schema.SchemaSection.From"/>).</summary>
    public required SchemaBaseline Schema { get; init; }

    /// <summary>Per-column statistics, keyed by column name.</summary>
    public IReadOnlyDictionary<string, ColumnProfile> ColumnProfiles { get; init; } = new Dictionary<string, ColumnProfile>();

    /// <summary>The PII scan (see <see cref="Pii.PiiScanSection.From"/>).</summary>
    public PiiScanBaseline PiiScan { get; init; } = new();

    /// <summary>The timing section (see <see cref="Timing.TimingStatistics.From"/>).</summary>
    public TimingBaseline Timing { get; init; } = new();

    /// <summary>Full row counts of the profiled partitions; empty for an unpartitioned table.</summary>
    public IReadOnlyList<PartitionRowCount> PartitionRowCounts { get; init; } = [];

    /// <summary>Rows read by the profiler.</summary>
    public required long TotalRowsSampled { get; init; }

    /// <summary>Engine that read the data (see <see cref="ProfilingEngines"/>).</summary>
    public string ProfilingEngine { get; init; } = ProfilingEngines.DuckDb;

    /// <summary>See <see cref="ProfilingModes"/>.</summary>
    public string ProfilingMode { get; init; } = ProfilingModes.Full;

    /// <summary>Share of rows read, 0..1.</summary>
    public double SampleRate { get; init; } = 1.0;

    /// <summary>Problems met while profiling (skipped files, PII scan timeouts).</summary>
    public IReadOnlyList<BaselineWarning> Warnings { get; init; } = [];

    /// <summary>Wall time of the profiling run.</summary>
    public long? DurationMs { get; init; }

    /// <summary>Fills <see cref="Baseline.NullRates"/>, the schema columns' null rates and the data sections of <paramref name="baseline"/>.</summary>
    internal Baseline ApplyTo(Baseline baseline) => baseline with
    {
        Schema = Schema with
        {
            Columns = [.. Schema.Columns.Select(c =>
                ColumnProfiles.TryGetValue(c.Name, out var p) ? c with { NullRate = p.NullRate } : c)],
        },
        Timing = Timing,
        PiiScan = PiiScan,
        NullRates = ColumnProfiles.ToDictionary(kv => kv.Key, kv => kv.Value.NullRate, StringComparer.Ordinal),
        ColumnProfiles = ColumnProfiles,
    };
}
