namespace SignalFactory.Profiling.Engine;

/// <summary>The profile could not be computed (e.g. no file was readable); <see cref="SkippedFiles"/> says why per file.</summary>
public class ProfilingException : Exception
{
    public ProfilingException()
    {
    }

    public ProfilingException(string message)
        : base(message)
    {
    }

    public ProfilingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Files left out before the failure.</summary>
    public IReadOnlyList<SkippedScanFile> SkippedFiles { get; init; } = [];
}

/// <summary>
/// DuckDB ran out of memory in sampled mode too (after the automatic retry of a full scan). The caller writes a
/// synthetic baseline instead (reason <c>PROFILING_OOM_FALLBACK</c>).
/// </summary>
public sealed class ProfilingOutOfMemoryException : ProfilingException
{
    public ProfilingOutOfMemoryException()
    {
    }

    public ProfilingOutOfMemoryException(string message)
        : base(message)
    {
    }

    public ProfilingOutOfMemoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
