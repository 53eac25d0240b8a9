using System.Diagnostics.Metrics;

namespace SignalFactory.Profiling.Tests.Refinement;

/// <summary>A clock that only moves when told to.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>A temp folder removed at the end of the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sf-baselines-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// Collects the measurements of one test's own <see cref="Meter"/> (tests run in parallel; other tests' meters,
/// even with the same name, are ignored because instruments are matched by their meter instance).
/// </summary>
internal sealed class MeterCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly Lock _gate = new();

    public MeterCapture()
    {
        Meter = new Meter("SignalFactory.Baselines");
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagMap = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                tagMap[tag.Key] = tag.Value;
            }

            lock (_gate)
            {
                _measurements.Add((instrument.Name, value, tagMap));
            }
        });
        _listener.Start();
    }

    public Meter Meter { get; }

    /// <summary>Sum of the measurements of <paramref name="instrument"/> (optionally only those with a tag value).</summary>
    public long Sum(string instrument, string? tag = null, object? value = null)
    {
        lock (_gate)
        {
            return _measurements
                .Where(m => m.Instrument == instrument)
                .Where(m => tag is null || (m.Tags.TryGetValue(tag, out var v) && Equals(v, value)))
                .Sum(m => m.Value);
        }
    }

    /// <summary>The last value recorded on <paramref name="instrument"/> (gauges), or null.</summary>
    public long? Last(string instrument)
    {
        lock (_gate)
        {
            var found = _measurements.LastOrDefault(m => m.Instrument == instrument);
            return found.Instrument is null ? null : found.Value;
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        Meter.Dispose();
    }
}

/// <summary>Hand-written statistics for expectations, independent of the code under test.</summary>
internal static class HandStats
{
    public static double Mean(IReadOnlyList<long> xs)
    {
        double sum = 0;
        foreach (var x in xs)
        {
            sum += x;
        }

        return sum / xs.Count;
    }

    /// <summary>Sample standard deviation, divisor n − 1 (Python's statistics.stdev).</summary>
    public static double SampleStdDev(IReadOnlyList<long> xs)
    {
        var mean = Mean(xs);
        double squares = 0;
        foreach (var x in xs)
        {
            squares += (x - mean) * (x - mean);
        }

        return Math.Sqrt(squares / (xs.Count - 1));
    }
}
