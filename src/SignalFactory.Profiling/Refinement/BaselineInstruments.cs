using System.Diagnostics.Metrics;

namespace SignalFactory.Profiling.Refinement;

/// <summary>
/// The Baseline Store's instruments (LLD §5.4, §5.5) on the meter <see cref="MeterName"/>. Callers pass their own
/// <see cref="Meter"/> (tests, hosts with an <c>IMeterFactory</c>); otherwise one process-wide meter is used.
/// </summary>
internal sealed class BaselineInstruments
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "SignalFactory.Baselines";

    private static readonly Lazy<BaselineInstruments> Shared = new(() => new BaselineInstruments(new Meter(MeterName)));

    private BaselineInstruments(Meter meter)
    {
        Reads = meter.CreateCounter<long>("baseline.reads", "{read}", "Baseline reads, tagged is_synthetic");
        Writes = meter.CreateCounter<long>("baseline.writes", "{row}", "Baseline rows written, tagged source_engine");
        Missing = meter.CreateCounter<long>("baseline.missing", "{read}", "Reads that found no baseline and answered tier defaults, tagged tier");
        RefineTriggered = meter.CreateCounter<long>("baseline.auto_refine.triggered", "{refinement}", "Auto-refinements attempted");
        RefineCompleted = meter.CreateCounter<long>("baseline.auto_refine.completed", "{refinement}", "Auto-refinements that replaced a synthetic baseline");
        RefineFlagged = meter.CreateCounter<long>("baseline.auto_refine.flagged", "{refinement}", "Auto-refinements refused and flagged for review, tagged reason");
        SyntheticActive = meter.CreateGauge<long>("baseline.synthetic_active", "{dataset}", "Datasets whose volume baseline is still synthetic");
    }

    public Counter<long> Reads { get; }

    public Counter<long> Writes { get; }

    public Counter<long> Missing { get; }

    public Counter<long> RefineTriggered { get; }

    public Counter<long> RefineCompleted { get; }

    public Counter<long> RefineFlagged { get; }

    public Gauge<long> SyntheticActive { get; }

    public static BaselineInstruments For(Meter? meter) => meter is null ? Shared.Value : new BaselineInstruments(meter);
}
