namespace SignalFactory.Profiling.Dispatch;

/// <summary>What kind of problem stopped a profile.</summary>
public enum ProfilingFailure
{
    /// <summary>The manifest names no usable location (missing, <c>s3://</c> for now, not found on disk).</summary>
    InvalidLocation,

    /// <summary>The table cannot be read: a corrupt or incomplete Delta log, an unlistable folder, an inconsistent Hive layout.</summary>
    Unreadable,

    /// <summary>The table needs a Delta reader feature this reader lacks; see <see cref="DatasetProfilingException.UnsupportedFeatures"/>.</summary>
    UnsupportedFeature,
}

/// <summary>A profile that could not be produced. The message names the table and the cause, never a data value.</summary>
public sealed class DatasetProfilingException : Exception
{
    public DatasetProfilingException()
    {
    }

    public DatasetProfilingException(string message)
        : base(message)
    {
    }

    public DatasetProfilingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The kind of failure.</summary>
    public ProfilingFailure Failure { get; init; } = ProfilingFailure.Unreadable;

    /// <summary>Reader features the table needs that are not supported (empty unless <see cref="ProfilingFailure.UnsupportedFeature"/>).</summary>
    public IReadOnlyList<string> UnsupportedFeatures { get; init; } = [];
}
