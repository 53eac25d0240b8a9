using System.Security.Cryptography;
using System.Text;

namespace SignalFactory.Policy.Signing;

/// <summary>
/// A public key that may verify bundle signatures: an ECDSA P-256 key kept as its SubjectPublicKeyInfo (DER).
/// Its <see cref="KeyId"/> is <c>sf-</c> followed by the first 16 lowercase hex digits of the SHA-256 of that DER.
/// </summary>
public sealed class PolicyVerificationKey
{
    private readonly byte[] _subjectPublicKeyInfo;

    private PolicyVerificationKey(byte[] subjectPublicKeyInfo, string source)
    {
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        Source = source;
        KeyId = PolicyKeyPem.KeyIdOf(subjectPublicKeyInfo);
    }

    /// <summary>The key id written in <c>security.signature.key_id</c>.</summary>
    public string KeyId { get; }

    /// <summary>Where the key came from, for messages (a file path or an environment variable name).</summary>
    public string Source { get; }

    /// <summary>A copy of the SubjectPublicKeyInfo DER.</summary>
    public byte[] SubjectPublicKeyInfo => (byte[])_subjectPublicKeyInfo.Clone();

    /// <summary>Reads a PEM <c>PUBLIC KEY</c> (or a private key, whose public half is used).</summary>
    /// <exception cref="PolicyKeyException">Not a P-256 key in PEM form.</exception>
    public static PolicyVerificationKey FromPem(string pem, string source)
    {
        using var ecdsa = PolicyKeyPem.Import(pem, source, requirePrivate: false);
        return new PolicyVerificationKey(ecdsa.ExportSubjectPublicKeyInfo(), source);
    }

    /// <summary>Reads a PEM key file.</summary>
    /// <exception cref="PolicyKeyException">The file is missing, unreadable or not a P-256 key.</exception>
    public static PolicyVerificationKey Load(string path) => FromPem(PolicyKeyPem.ReadFile(path, checkPrivateMode: false), path);

    /// <summary>The key as PEM <c>PUBLIC KEY</c> text (LF line ends, final newline).</summary>
    public string ExportPem() => PolicyKeyPem.Pem("PUBLIC KEY", _subjectPublicKeyInfo);

    internal static PolicyVerificationKey FromSubjectPublicKeyInfo(byte[] spki, string source) => new((byte[])spki.Clone(), source);

    internal bool SameKeyAs(PolicyVerificationKey other) => _subjectPublicKeyInfo.AsSpan().SequenceEqual(other._subjectPublicKeyInfo);

    /// <summary>Checks a 64-byte IEEE P1363 signature over the payload; refuses high-s (malleable) signatures.</summary>
    internal bool Verify(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != EcdsaP256.SignatureLength || !EcdsaP256.IsLowS(signature))
        {
            return false;
        }

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        return ecdsa.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}

/// <summary>An ECDSA P-256 private key that signs bundles; safe to share between threads. Dispose it when done.</summary>
public sealed class PolicySigningKey : IDisposable
{
    private readonly ECDsa _ecdsa;
    private readonly Lock _lock = new();

    private PolicySigningKey(ECDsa ecdsa, string source)
    {
        _ecdsa = ecdsa;
        Source = source;
        PublicKey = PolicyVerificationKey.FromSubjectPublicKeyInfo(ecdsa.ExportSubjectPublicKeyInfo(), source);
    }

    /// <summary>The key id of the public half.</summary>
    public string KeyId => PublicKey.KeyId;

    /// <summary>Where the key came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The public half, for verification.</summary>
    public PolicyVerificationKey PublicKey { get; }

    /// <summary>A new random P-256 key (not saved anywhere; see <see cref="KeyGenerator"/> for key files).</summary>
    public static PolicySigningKey Create(string source = "generated in memory") =>
        new(ECDsa.Create(ECCurve.NamedCurves.nistP256), source);

    /// <summary>Reads a PEM <c>PRIVATE KEY</c> (PKCS#8) or <c>EC PRIVATE KEY</c> (SEC1).</summary>
    /// <exception cref="PolicyKeyException">Not an unencrypted P-256 private key in PEM form.</exception>
    public static PolicySigningKey FromPem(string pem, string source) =>
        new(PolicyKeyPem.Import(pem, source, requirePrivate: true), source);

    /// <summary>Reads a PEM private key file; on Unix the file must not be readable or writable by group or others.</summary>
    /// <exception cref="PolicyKeyException">Missing, unreadable, too open, or not a P-256 private key.</exception>
    public static PolicySigningKey Load(string path) => FromPem(PolicyKeyPem.ReadFile(path, checkPrivateMode: true), path);

    /// <summary>The private key as PEM <c>PRIVATE KEY</c> (PKCS#8) text.</summary>
    public string ExportPrivateKeyPem() => PolicyKeyPem.Pem("PRIVATE KEY", _ecdsa.ExportPkcs8PrivateKey());

    /// <inheritdoc />
    public void Dispose() => _ecdsa.Dispose();

    /// <summary>A 64-byte IEEE P1363 signature (r ‖ s) over SHA-256 of the payload, normalized to low-s.</summary>
    internal byte[] Sign(ReadOnlySpan<byte> payload)
    {
        byte[] signature;
        lock (_lock)
        {
            // One key may be shared by workers; the platform ECDsa object is not documented as thread-safe.
            signature = _ecdsa.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        EcdsaP256.NormalizeToLowS(signature);
        return signature;
    }
}

/// <summary>PEM reading and writing shared by both key kinds.</summary>
internal static class PolicyKeyPem
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static string KeyIdOf(byte[] subjectPublicKeyInfo) =>
        "sf-" + Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo))[..16];

    public static string Pem(string label, byte[] der) =>
        new string(PemEncoding.Write(label, der)).ReplaceLineEndings("\n") + "\n";

    public static string ReadFile(string path, bool checkPrivateMode)
    {
        try
        {
            if (checkPrivateMode && !OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(path);
                const UnixFileMode groupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                    | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
                if ((mode & groupOrOther) != 0)
                {
                    throw new PolicyKeyException(
                        $"private key file {path} is accessible by other users (mode {Convert.ToString((int)mode, 8)}); run: chmod 600 {path}");
                }
            }

            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PolicyKeyException($"key file {path} does not exist", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PolicyKeyException($"key file {path} cannot be read: {ex.Message}", ex);
        }
    }

    public static ECDsa Import(string pem, string source, bool requirePrivate)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var label = FirstLabel(pem, source);
        switch (label)
        {
            case "ENCRYPTED PRIVATE KEY":
                throw new PolicyKeyException($"{source}: the private key is encrypted; signing keys must be stored unencrypted (protect the file with mode 0600)");
            case "PUBLIC KEY" when requirePrivate:
                throw new PolicyKeyException($"{source}: holds only a public key; signing needs the private key (policy-signing.pem, not .pub.pem)");
            case "PUBLIC KEY" or "PRIVATE KEY" or "EC PRIVATE KEY":
                break;
            default:
                throw new PolicyKeyException($"{source}: PEM block '{label}' is not an EC key; expected PRIVATE KEY or PUBLIC KEY");
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            var curve = ecdsa.ExportParameters(includePrivateParameters: false).Curve;
            if (curve.Oid?.Value != P256Oid && curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
            {
                throw new PolicyKeyException($"{source}: the key is not on curve P-256 (found {curve.Oid?.FriendlyName ?? curve.Oid?.Value ?? "an explicit curve"})");
            }

            return ecdsa;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            ecdsa.Dispose();
            throw new PolicyKeyException($"{source}: not a readable EC key ({ex.Message})", ex);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    private static string FirstLabel(string pem, string source)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new PolicyKeyException($"{source}: no PEM key found (expected -----BEGIN PRIVATE KEY----- or -----BEGIN PUBLIC KEY-----)");
        }

        return pem[fields.Label].ToString();
    }
}
