namespace SignalFactory.Policy.Signing;

/// <summary>Why a bundle was refused by <see cref="PolicyBundleReader"/>.</summary>
public enum PolicyBundleVerificationFailure
{
    /// <summary>Not UTF-8, not YAML, or not the structure of a v2.0 bundle (unknown or missing keys, wrong types).</summary>
    Malformed,

    /// <summary>No <c>security.signature</c>.</summary>
    Unsigned,

    /// <summary>The bytes differ from the canonical form of their own content (edited by hand or reformatted).</summary>
    NotCanonical,

    /// <summary><c>security.signature.algorithm</c> is not <c>ecdsa-p256-sha256</c>.</summary>
    UnsupportedAlgorithm,

    /// <summary>The signing key id is not among the trusted keys.</summary>
    UnknownKey,

    /// <summary>The signature does not match: the content changed since signing, or the value was altered.</summary>
    BadSignature,

    /// <summary>Correctly signed, but the content breaks a bundle rule.</summary>
    Invalid,
}

/// <summary>A policy bundle failed verification; <see cref="Exception.Message"/> says why in one line.</summary>
public sealed class PolicyBundleVerificationException : Exception
{
    public PolicyBundleVerificationException()
    {
    }

    public PolicyBundleVerificationException(string message)
        : base(message)
    {
    }

    public PolicyBundleVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A refusal with its reason and, when known, the key id and position.</summary>
    public PolicyBundleVerificationException(
        PolicyBundleVerificationFailure failure, string message, string? keyId = null, int? line = null, int? column = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        KeyId = keyId;
        Line = line;
        Column = column;
    }

    /// <summary>The reason.</summary>
    public PolicyBundleVerificationFailure Failure { get; }

    /// <summary>The key id named by the bundle, when it got that far.</summary>
    public string? KeyId { get; }

    /// <summary>1-based line of the problem, when it has one.</summary>
    public int? Line { get; }

    /// <summary>1-based column of the problem, when it has one.</summary>
    public int? Column { get; }
}
