namespace SignalFactory.Orchestration.Tests.TestSupport;

/// <summary>A clock that only moves when told to.</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _ticks, by.Ticks);
    }

    public void SetUtcNow(DateTimeOffset to)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(to.UtcTicks, Interlocked.Read(ref _ticks));
        Interlocked.Exchange(ref _ticks, to.UtcTicks);
    }
}
