using SignalFactory.Policy.Bundles;

namespace SignalFactory.Policy.Signing;

/// <summary>
/// Signs bundles with ECDSA P-256 over SHA-256 (replaces the seed's Gateway Control Plane, ADR-008). The signed bytes
/// are <see cref="PolicyBundleYaml.ToSigningPayload"/>: the canonical bundle with <c>security.signature</c> holding
/// <c>algorithm</c>, <c>key_id</c> and <c>signed_at</c> but not <c>value</c>. The value is the base64 of the 64-byte
/// IEEE P1363 signature (r ‖ s, big-endian, low-s). ECDSA uses a random nonce, so re-signing the same content gives a
/// different value; everything else in the file is deterministic.
/// </summary>
public sealed class PolicyBundleSigner
{
    /// <summary>The only algorithm name written and accepted.</summary>
    public const string Algorithm = "ecdsa-p256-sha256";

    private readonly PolicySigningKey _key;

    /// <summary>A signer using the key (the caller keeps ownership and disposes it).</summary>
    public PolicyBundleSigner(PolicySigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
    }

    /// <summary>The id of the signing key.</summary>
    public string KeyId => _key.KeyId;

    /// <summary>
    /// Validates the bundle, replaces any existing signature with a new one dated now (UTC, whole seconds) and
    /// returns the signed bundle with its canonical bytes.
    /// </summary>
    /// <exception cref="PolicyBundleFormatException">The bundle breaks a content rule (<see cref="PolicyBundleValidator"/>).</exception>
    public SignedPolicyBundle Sign(PolicyBundle bundle, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        var signedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var pending = bundle with
        {
            Security = bundle.Security with { Signature = new BundleSignature(Algorithm, _key.KeyId, signedAt, "") },
        };
        PolicyBundleValidator.ThrowIfInvalid(pending);
        var signature = _key.Sign(PolicyBundleYaml.ToSigningPayload(pending));
        var signed = pending with
        {
            Security = pending.Security with
            {
                Signature = pending.Security.Signature! with { Value = Convert.ToBase64String(signature) },
            },
        };
        return new SignedPolicyBundle(signed, PolicyBundleYaml.ToCanonicalBytes(signed));
    }
}
