using System.Diagnostics.Metrics;

namespace SignalFactory.Policy.Certification;

/// <summary>
/// The certifier's metrics (LLD §7.6) on the meter <see cref="MeterName"/>: <c>certification.initialized</c>
/// (tag <c>format</c>), <c>certification.deferred</c>, <c>certification.schema_changed</c>,
/// <c>certification.failed</c>, <c>certification.graph_seed_failed</c> (the seed's <c>neptune_seed_failed</c>) and the
/// histogram <c>certification.init_duration_ms</c>. Counters count outcomes that wrote a record (a repeated,
/// unchanged outcome is not counted twice); failures count every failed attempt.
/// </summary>
public static class CertificationTelemetry
{
    /// <summary>The meter name to listen to.</summary>
    public const string MeterName = "SignalFactory.Certification";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Initialized = Meter.CreateCounter<long>("certification.initialized", "{dataset}");

    internal static readonly Counter<long> Deferred = Meter.CreateCounter<long>("certification.deferred", "{dataset}");

    internal static readonly Counter<long> SchemaChanged = Meter.CreateCounter<long>("certification.schema_changed", "{dataset}");

    internal static readonly Counter<long> Failed = Meter.CreateCounter<long>("certification.failed", "{attempt}");

    internal static readonly Counter<long> GraphSeedFailed = Meter.CreateCounter<long>("certification.graph_seed_failed", "{attempt}");

    internal static readonly Histogram<double> InitDuration = Meter.CreateHistogram<double>("certification.init_duration_ms", "ms");
}
