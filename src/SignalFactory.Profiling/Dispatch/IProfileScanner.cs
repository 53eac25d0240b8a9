using SignalFactory.Profiling.Engine;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// The single data pass the dispatcher asks for: the engine's request and result. The production implementation is
/// <see cref="EngineProfileScanner"/> over <see cref="DuckDbProfiler"/>; tests may substitute a fake to drive the
/// dispatcher into states real data rarely reaches (out of memory in sampled mode).
/// </summary>
internal interface IProfileScanner
{
    /// <summary>Reads the files once and returns per-column statistics and per-partition row counts.</summary>
    /// <exception cref="ProfilingOutOfMemoryException">The scan ran out of memory in sampled mode too.</exception>
    /// <exception cref="Engine.ProfilingException">No file was readable, or DuckDB failed for a reason not tied to a file.</exception>
    Task<ProfileScanResult> ScanAsync(ProfileScanRequest request, CancellationToken cancellationToken);
}
