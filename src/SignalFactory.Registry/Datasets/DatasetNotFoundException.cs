namespace SignalFactory.Registry;

/// <summary>An operation named a dataset URN that is not registered.</summary>
public sealed class DatasetNotFoundException : Exception
{
    public DatasetNotFoundException()
        : this(string.Empty)
    {
    }

    public DatasetNotFoundException(string urn)
        : base($"Dataset '{urn}' is not registered.")
    {
        Urn = urn;
    }

    public DatasetNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Urn = string.Empty;
    }

    /// <summary>The URN that was not found.</summary>
    public string Urn { get; }
}
