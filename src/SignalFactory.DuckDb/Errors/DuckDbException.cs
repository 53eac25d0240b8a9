namespace SignalFactory.DuckDb;

/// <summary>
/// Any error DuckDB reports (open, connect, prepare, bind, execute, fetch), with DuckDB's own message, and a value
/// this binding cannot convert. <see cref="ErrorType"/> tells the category, e.g. <see cref="DuckDbErrorType.OutOfMemory"/>.
/// </summary>
public sealed class DuckDbException : Exception
{
    public DuckDbException()
    {
    }

    public DuckDbException(string message)
        : base(message)
    {
    }

    public DuckDbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DuckDbException(string message, DuckDbErrorType errorType)
        : base(message) => ErrorType = errorType;

    /// <summary>DuckDB's error category; <see cref="DuckDbErrorType.Invalid"/> when DuckDB did not tell one.</summary>
    public DuckDbErrorType ErrorType { get; }

    /// <summary>True when DuckDB ran out of memory (its memory_limit or the machine's).</summary>
    public bool IsOutOfMemory => ErrorType == DuckDbErrorType.OutOfMemory;
}
