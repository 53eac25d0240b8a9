using SignalFactory.Policy.Bundles;

namespace SignalFactory.Policy.Signing;

/// <summary>
/// A bundle together with its exact file bytes, whose signature is known to be valid: instances come only from
/// <see cref="PolicyBundleSigner"/> (just signed) and <see cref="PolicyBundleReader"/> (just verified against the
/// trusted keys). Code that changes a signed bundle (the kill switch) takes this type, so it can never re-sign
/// content that was not verified first.
/// </summary>
public sealed class SignedPolicyBundle
{
    private readonly byte[] _bytes;

    internal SignedPolicyBundle(PolicyBundle bundle, byte[] bytes)
    {
        Bundle = bundle;
        _bytes = bytes;
        Signature = bundle.Security.Signature ?? throw new ArgumentException("the bundle carries no signature", nameof(bundle));
    }

    /// <summary>The bundle content, signature included.</summary>
    public PolicyBundle Bundle { get; }

    /// <summary>The signature block.</summary>
    public BundleSignature Signature { get; }

    /// <summary>The id of the key that signed the bundle.</summary>
    public string KeyId => Signature.KeyId;

    /// <summary>The canonical file bytes (UTF-8, no BOM): write these as <c>policy_bundle.yaml</c>.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>A copy of <see cref="Bytes"/>.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>The file text.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(_bytes);
}
