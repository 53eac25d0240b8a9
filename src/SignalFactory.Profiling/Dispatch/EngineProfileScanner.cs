using SignalFactory.Profiling.Engine;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>The production <see cref="IProfileScanner"/>: the DuckDB scan engine.</summary>
internal sealed class EngineProfileScanner(TimeProvider timeProvider) : IProfileScanner
{
    private readonly DuckDbProfiler _profiler = new(timeProvider);

    public Task<ProfileScanResult> ScanAsync(ProfileScanRequest request, CancellationToken cancellationToken) =>
        _profiler.ProfileAsync(request, cancellationToken);
}
