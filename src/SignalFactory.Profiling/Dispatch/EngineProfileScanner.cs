namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// Adapter from <see cref="IProfileScanner"/> to the DuckDB scan engine (<c>SignalFactory.Profiling.Engine</c>).
/// Placeholder until the engine branch is merged.
/// </summary>
internal sealed class EngineProfileScanner : IProfileScanner
{
    public Task<ScanResult> ScanAsync(ScanRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The DuckDB scan engine is not merged into this build yet.");
}
