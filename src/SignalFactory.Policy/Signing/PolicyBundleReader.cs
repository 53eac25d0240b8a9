using System.Globalization;
using SignalFactory.Policy.Bundles;

namespace SignalFactory.Policy.Signing;

/// <summary>
/// Reads a signed <c>policy_bundle.yaml</c>: every read verifies. A bundle is accepted only when (1) it parses as a
/// v2.0 bundle, (2) it is signed, (3) its bytes are exactly the canonical form of its own content, (4) it names the
/// supported algorithm and a trusted key id, (5) the signature value is the canonical base64 of a low-s P1363
/// signature that verifies over the signing payload, and (6) its content passes <see cref="PolicyBundleValidator"/>.
/// Check (3) covers bytes the signature does not (comments, spacing, quoting), check (5) covers the content, and the
/// signing payload includes algorithm, key id and signing time, so any single changed byte makes the read fail.
/// </summary>
public static class PolicyBundleReader
{
    /// <summary>Verifies the bytes against the trusted keys.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="trustedKeys">Keys whose signatures are accepted.</param>
    /// <param name="sourceName">File name used in messages.</param>
    /// <exception cref="PolicyBundleVerificationException">The bundle is refused; the message says why.</exception>
    public static SignedPolicyBundle Read(ReadOnlySpan<byte> bytes, TrustedKeySet trustedKeys, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(trustedKeys);
        var prefix = string.IsNullOrEmpty(sourceName) ? "" : sourceName + ": ";

        PolicyBundle bundle;
        try
        {
            bundle = PolicyBundleYaml.ParseUnverified(bytes, sourceName);
        }
        catch (PolicyBundleFormatException ex)
        {
            var first = ex.Issues.Count > 0 ? ex.Issues[0] : null;
            throw new PolicyBundleVerificationException(PolicyBundleVerificationFailure.Malformed,
                $"{prefix}not a well-formed policy bundle: {string.Join("; ", ex.Issues)}", null, first?.Line, first?.Column, ex);
        }

        if (bundle.Security.Signature is not { } signature)
        {
            throw new PolicyBundleVerificationException(PolicyBundleVerificationFailure.Unsigned,
                $"{prefix}the bundle is unsigned (no security.signature); sign it with `sf policy sign` before use");
        }

        var canonical = PolicyBundleYaml.ToCanonicalBytes(bundle);
        if (!bytes.SequenceEqual(canonical))
        {
            var (line, column) = FirstDifference(bytes, canonical);
            throw new PolicyBundleVerificationException(PolicyBundleVerificationFailure.NotCanonical,
                $"{prefix}the file differs from the canonical form of its content at line {line}, column {column}; "
                + "a signed bundle must stay byte for byte as it was signed (it was edited or reformatted)",
                signature.KeyId, line, column);
        }

        if (signature.Algorithm != PolicyBundleSigner.Algorithm)
        {
            throw new PolicyBundleVerificationException(PolicyBundleVerificationFailure.UnsupportedAlgorithm,
                $"{prefix}unsupported signature algorithm; only {PolicyBundleSigner.Algorithm} is accepted", signature.KeyId);
        }

        if (!trustedKeys.TryGet(signature.KeyId, out var key))
        {
            var known = trustedKeys.Keys.Count == 0 ? "no key is trusted" : "trusted: " + string.Join(", ", trustedKeys.Keys.Select(k => k.KeyId));
            throw new PolicyBundleVerificationException(PolicyBundleVerificationFailure.UnknownKey,
                $"{prefix}signed with key {signature.KeyId}, which is not trusted ({known}); add its public key to the trusted keys",
                signature.KeyId);
        }

        if (!TryDecodeSignature(signature.Value, out var raw) || !key.Verify(PolicyBundleYaml.ToSigningPayload(bundle), raw))
        {
            throw new PolicyBundleVerificationException(PolicyBundleVerificationFailure.BadSignature,
                $"{prefix}the signature by key {signature.KeyId} does not match: the bundle was changed after signing",
                signature.KeyId);
        }

        var issues = PolicyBundleValidator.Validate(bundle);
        if (issues.Count > 0)
        {
            throw new PolicyBundleVerificationException(PolicyBundleVerificationFailure.Invalid,
                $"{prefix}correctly signed by {signature.KeyId} but invalid: {string.Join("; ", issues)}", signature.KeyId);
        }

        return new SignedPolicyBundle(bundle, bytes.ToArray());
    }

    /// <summary>Reads and verifies a file.</summary>
    /// <exception cref="PolicyBundleVerificationException">The bundle is refused.</exception>
    /// <exception cref="IOException">The file cannot be read (including <see cref="FileNotFoundException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static SignedPolicyBundle ReadFile(string path, TrustedKeySet trustedKeys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Read(File.ReadAllBytes(path), trustedKeys, path);
    }

    /// <summary>Reads and verifies a file without blocking a thread on I/O.</summary>
    /// <exception cref="PolicyBundleVerificationException">The bundle is refused.</exception>
    public static async Task<SignedPolicyBundle> ReadFileAsync(string path, TrustedKeySet trustedKeys, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Read(bytes, trustedKeys, path);
    }

    // Only the exact base64 text of exactly 64 bytes is accepted: .NET's decoder would otherwise ignore whitespace
    // and unused trailing bits, letting a changed character decode to the same signature.
    private static bool TryDecodeSignature(string value, out byte[] signature)
    {
        signature = new byte[EcdsaP256.SignatureLength];
        return Convert.TryFromBase64String(value, signature, out var written)
            && written == EcdsaP256.SignatureLength
            && string.Equals(Convert.ToBase64String(signature), value, StringComparison.Ordinal);
    }

    private static (int Line, int Column) FirstDifference(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected)
    {
        var index = actual.CommonPrefixLength(expected);
        var before = actual[..index];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        // Columns count characters, not bytes: count UTF-8 lead bytes on the line.
        var column = 1;
        foreach (var b in before[lineStart..])
        {
            if ((b & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }

    internal static string Describe(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
