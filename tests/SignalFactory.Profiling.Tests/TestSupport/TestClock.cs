namespace SignalFactory.Profiling.Tests.TestSupport;

/// <summary>A clock for tests: a fixed wall time, and a monotonic timestamp that advances by <c>step</c> on every read.</summary>
internal sealed class TestClock(DateTimeOffset utcNow, TimeSpan step) : TimeProvider
{
    private long _ticks;

    public TestClock()
        : this(new DateTimeOffset(2026, 2, 15, 10, 35, 0, TimeSpan.Zero), TimeSpan.Zero)
    {
    }

    public int Reads { get; private set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        Reads++;
        var now = _ticks;
        _ticks += step.Ticks;
        return now;
    }

    public override DateTimeOffset GetUtcNow() => utcNow;
}
