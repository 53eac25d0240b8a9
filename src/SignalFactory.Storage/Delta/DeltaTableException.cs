namespace SignalFactory.Storage.Delta;

/// <summary>
/// A Delta table could not be read: not a Delta table, a corrupt or incomplete log, or a protocol feature this
/// reader does not support. The message names the table (and the log file or feature) and never holds data values.
/// </summary>
public sealed class DeltaTableException : Exception
{
    public DeltaTableException()
    {
    }

    public DeltaTableException(string message)
        : base(message)
    {
    }

    public DeltaTableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The table root the error is about, when known.</summary>
    public string? TableRoot { get; init; }

    /// <summary>
    /// The reader features (or <c>readerVersion N</c>) this reader refused the table for; empty when the error has
    /// another cause.
    /// </summary>
    public IReadOnlyList<string> UnsupportedFeatures { get; init; } = [];
}
