using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SignalFactory.Orchestration.Tests.Metrics;

/// <summary>Listens to one <see cref="Meter"/> instance (not others of the same name in parallel tests) and keeps every measurement.</summary>
internal sealed class MetricsCapture : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricsCapture(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public ConcurrentQueue<(string Name, double Value, Dictionary<string, string?> Tags)> Measurements { get; } = new();

    public IReadOnlyList<(double Value, Dictionary<string, string?> Tags)> Of(string name) =>
        Measurements.Where(m => m.Name == name).Select(m => (m.Value, m.Tags)).ToList();

    public double Sum(string name) => Of(name).Sum(m => m.Value);

    public void CollectGauges() => _listener.RecordObservableInstruments();

    public void Clear() => Measurements.Clear();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        Measurements.Enqueue((instrument.Name, value, copy));
    }
}
