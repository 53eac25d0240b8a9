namespace SignalFactory.Policy.Signing;

/// <summary>
/// A signing or verification key could not be found, read or used: missing file, not PEM, encrypted, wrong curve,
/// a private key readable by other users, or a key pair that already exists. The message names the file or
/// environment variable and says what to do.
/// </summary>
public sealed class PolicyKeyException : Exception
{
    public PolicyKeyException()
    {
    }

    public PolicyKeyException(string message)
        : base(message)
    {
    }

    public PolicyKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
