using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Signing;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Signing;

public sealed class PolicyBundleReaderTests : IDisposable
{
    private readonly TempFolder _workspace;
    private readonly PolicySigningKey _key;
    private readonly TrustedKeySet _trusted;
    private readonly ManualTimeProvider _clock = new(TestSupport.Signing.Start.AddTicks(1234567));

    public PolicyBundleReaderTests()
    {
        (_workspace, var pair) = TestSupport.Signing.Workspace();
        _key = PolicySigningKey.Load(pair.PrivateKeyPath);
        _trusted = KeyStore.ResolveTrustedKeys(TestSupport.Signing.Sources(_workspace.Path));
    }

    public void Dispose()
    {
        _key.Dispose();
        _workspace.Dispose();
    }

    private SignedPolicyBundle Sign(PolicyBundle bundle) => new PolicyBundleSigner(_key).Sign(bundle, _clock);

    private PolicyBundleVerificationException Refused(byte[] bytes, TrustedKeySet? keys = null) =>
        Assert.Throws<PolicyBundleVerificationException>(() => PolicyBundleReader.Read(bytes, keys ?? _trusted, "policy_bundle.yaml"));

    [Fact]
    public void Read_FreshlySignedBundle_VerifiesAndEqualsWhatWasSigned()
    {
        var original = SampleBundles.Full();
        var signed = Sign(original);
        var path = _workspace.Combine("policy_bundle.yaml");
        File.WriteAllBytes(path, signed.ToArray());

        var read = PolicyBundleReader.ReadFile(path, _trusted);

        Assert.Equal(signed.Bundle, read.Bundle);
        Assert.Equal(original, read.Bundle with { Security = read.Bundle.Security with { Signature = null } });
        Assert.Equal(_key.KeyId, read.KeyId);
        Assert.Equal("ecdsa-p256-sha256", read.Signature.Algorithm);
        Assert.Equal(TestSupport.Signing.Start, read.Signature.SignedAt); // the clock's sub-second part is dropped
        Assert.Equal(64, Convert.FromBase64String(read.Signature.Value).Length);
        Assert.Equal(signed.ToArray(), read.ToArray());
    }

    [Fact]
    public void Read_SignatureCheckedWithOpenSsl_OverFileWithoutTheValueLine()
    {
        var signed = Sign(SampleBundles.Full());
        var lines = signed.Text.Split('\n');
        var valueLine = Assert.Single(lines, l => l.StartsWith("    value: \"", StringComparison.Ordinal));
        var payload = string.Join('\n', lines.Where(l => !ReferenceEquals(l, valueLine)));
        var p1363 = Convert.FromBase64String(valueLine["    value: \"".Length..^1]);
        File.WriteAllText(_workspace.Combine("payload"), payload);
        File.WriteAllBytes(_workspace.Combine("sig.der"), ToDer(p1363));

        var (exit, output) = Run("openssl", "dgst", "-sha256", "-verify", _workspace.Combine("keys", "policy-signing.pub.pem"),
            "-signature", _workspace.Combine("sig.der"), _workspace.Combine("payload"));

        Assert.True(exit == 0, output);
        Assert.Contains("Verified OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EverySingleByteChanged_IsRefused()
    {
        var bytes = Sign(SampleBundles.Small()).ToArray();
        var reasons = new HashSet<PolicyBundleVerificationFailure>();

        for (var i = 0; i < bytes.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x20, 0x80 })
            {
                var changed = (byte[])bytes.Clone();
                changed[i] ^= mask;
                var ex = Assert.Throws<PolicyBundleVerificationException>(() => PolicyBundleReader.Read(changed, _trusted));
                reasons.Add(ex.Failure);
            }
        }

        // Flips land in YAML structure, canonical layout, signed content and the signature itself.
        Assert.Contains(PolicyBundleVerificationFailure.Malformed, reasons);
        Assert.Contains(PolicyBundleVerificationFailure.NotCanonical, reasons);
        Assert.Contains(PolicyBundleVerificationFailure.BadSignature, reasons);
        Assert.Contains(PolicyBundleVerificationFailure.UnknownKey, reasons);
        Assert.Contains(PolicyBundleVerificationFailure.UnsupportedAlgorithm, reasons);
    }

    [Fact]
    public void Read_AnyByteDeletedOrSpaceInserted_IsRefused()
    {
        var bytes = Sign(SampleBundles.Small()).ToArray();

        for (var i = 0; i < bytes.Length; i++)
        {
            byte[] deleted = [.. bytes.AsSpan(0, i), .. bytes.AsSpan(i + 1)];
            byte[] inserted = [.. bytes.AsSpan(0, i), (byte)' ', .. bytes.AsSpan(i)];
            Assert.Throws<PolicyBundleVerificationException>(() => PolicyBundleReader.Read(deleted, _trusted));
            Assert.Throws<PolicyBundleVerificationException>(() => PolicyBundleReader.Read(inserted, _trusted));
        }

        Assert.Throws<PolicyBundleVerificationException>(() => PolicyBundleReader.Read([.. bytes, (byte)'\n'], _trusted));
    }

    [Fact]
    public void Read_UnsignedBundle_RefusedAsUnsigned()
    {
        var ex = Refused(PolicyBundleYaml.ToCanonicalBytes(SampleBundles.Full()));

        Assert.Equal(PolicyBundleVerificationFailure.Unsigned, ex.Failure);
        Assert.Contains("unsigned", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("policy_bundle.yaml: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SignedWithAnUntrustedKey_RefusedNamingTheKeyId()
    {
        using var other = PolicySigningKey.Create();
        var bytes = new PolicyBundleSigner(other).Sign(SampleBundles.Full(), _clock).ToArray();

        var ex = Refused(bytes);

        Assert.Equal(PolicyBundleVerificationFailure.UnknownKey, ex.Failure);
        Assert.Equal(other.KeyId, ex.KeyId);
        Assert.Contains(other.KeyId, ex.Message, StringComparison.Ordinal);
        Assert.Contains(_key.KeyId, ex.Message, StringComparison.Ordinal); // lists what is trusted
    }

    [Fact]
    public void Read_OtherKeysSignatureUnderOurKeyId_RefusedAsBadSignature()
    {
        using var other = PolicySigningKey.Create();
        var forged = new PolicyBundleSigner(other).Sign(SampleBundles.Full(), _clock).Bundle;
        // Claim our key id, keeping the other key's signature value: the file stays canonical.
        var claimed = forged with { Security = forged.Security with { Signature = forged.Security.Signature! with { KeyId = _key.KeyId } } };

        var ex = Refused(PolicyBundleYaml.ToCanonicalBytes(claimed));

        Assert.Equal(PolicyBundleVerificationFailure.BadSignature, ex.Failure);
    }

    [Fact]
    public void Read_TwoTrustedKeys_BundlesOfBothVerify()
    {
        using var second = PolicySigningKey.Create();
        var trusted = new TrustedKeySet([_key.PublicKey, second.PublicKey]);
        var first = Sign(SampleBundles.Full()).ToArray();
        var other = new PolicyBundleSigner(second).Sign(SampleBundles.Small(), _clock).ToArray();

        Assert.Equal(_key.KeyId, PolicyBundleReader.Read(first, trusted).KeyId);
        Assert.Equal(second.KeyId, PolicyBundleReader.Read(other, trusted).KeyId);
    }

    [Fact]
    public void Read_SignedAtMovedBySecond_RefusedAsBadSignature()
    {
        var bundle = Sign(SampleBundles.Full()).Bundle;
        var signature = bundle.Security.Signature!;
        var moved = bundle with { Security = bundle.Security with { Signature = signature with { SignedAt = signature.SignedAt.AddSeconds(1) } } };

        Assert.Equal(PolicyBundleVerificationFailure.BadSignature, Refused(PolicyBundleYaml.ToCanonicalBytes(moved)).Failure);
    }

    [Fact]
    public void Read_HighSTwinOfAValidSignature_Refused()
    {
        var bundle = Sign(SampleBundles.Full()).Bundle;
        var raw = Convert.FromBase64String(bundle.Security.Signature!.Value);
        var n = BigInteger.Parse("115792089210356248762697446949407573529996955224135760342422259061068512044369");
        var s = new BigInteger(raw.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var twin = new byte[64];
        raw.AsSpan(0, 32).CopyTo(twin);
        var highS = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        highS.CopyTo(twin.AsSpan(64 - highS.Length));
        // The twin is a mathematically valid ECDSA signature: the platform verifier accepts it.
        using (var ecdsa = ECDsa.Create())
        {
            ecdsa.ImportSubjectPublicKeyInfo(_key.PublicKey.SubjectPublicKeyInfo, out _);
            Assert.True(ecdsa.VerifyData(PolicyBundleYaml.ToSigningPayload(bundle), twin, HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }

        var swapped = bundle with
        {
            Security = bundle.Security with { Signature = bundle.Security.Signature with { Value = Convert.ToBase64String(twin) } },
        };

        Assert.Equal(PolicyBundleVerificationFailure.BadSignature, Refused(PolicyBundleYaml.ToCanonicalBytes(swapped)).Failure);
    }

    [Fact]
    public void Read_UnknownAlgorithm_Refused()
    {
        var bundle = Sign(SampleBundles.Small()).Bundle;
        var renamed = bundle with { Security = bundle.Security with { Signature = bundle.Security.Signature! with { Algorithm = "ecdsa-p384-sha384" } } };

        var ex = Refused(PolicyBundleYaml.ToCanonicalBytes(renamed));

        Assert.Equal(PolicyBundleVerificationFailure.UnsupportedAlgorithm, ex.Failure);
    }

    [Fact]
    public void Read_CommentAdded_RefusedAsNotCanonicalWithItsLine()
    {
        var text = Sign(SampleBundles.Small()).Text;
        var at = text.IndexOf("security:", StringComparison.Ordinal);
        var edited = text[..at] + "# reviewed\n" + text[at..];

        var ex = Refused(Encoding.UTF8.GetBytes(edited));

        Assert.Equal(PolicyBundleVerificationFailure.NotCanonical, ex.Failure);
        Assert.Equal(text[..at].Count(c => c == '\n') + 1, ex.Line);
        Assert.Equal(1, ex.Column);
    }

    [Fact]
    public void Read_SignedButInvalidContent_RefusedAsInvalid()
    {
        // Only a hand-made signature can cover invalid content: the signer validates first.
        var bundle = SampleBundles.Small() with { Security = new SecuritySection { ValidationEnabled = false } };
        var pending = bundle with
        {
            Security = bundle.Security with { Signature = new BundleSignature("ecdsa-p256-sha256", _key.KeyId, TestSupport.Signing.Start, "") },
        };
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(_key.ExportPrivateKeyPem());
        var raw = ecdsa.SignData(PolicyBundleYaml.ToSigningPayload(pending), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        NormalizeLowS(raw);
        var signed = pending with
        {
            Security = pending.Security with { Signature = pending.Security.Signature! with { Value = Convert.ToBase64String(raw) } },
        };

        var ex = Refused(PolicyBundleYaml.ToCanonicalBytes(signed));

        Assert.Equal(PolicyBundleVerificationFailure.Invalid, ex.Failure);
        Assert.Contains("security.validation_enabled", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_InvalidBundle_ThrowsFormatExceptionNamingTheField()
    {
        var ex = Assert.Throws<PolicyBundleFormatException>(() => Sign(SampleBundles.Small() with { DatasetUrn = "nope" }));

        Assert.Equal("dataset_urn", Assert.Single(ex.Issues).Path);
    }

    [Fact]
    public void Sign_SameContentTwice_OnlyTheSignatureValueDiffers()
    {
        var a = Sign(SampleBundles.Full());
        var b = Sign(SampleBundles.Full());

        Assert.Equal(PolicyBundleYaml.ToSigningPayload(a.Bundle), PolicyBundleYaml.ToSigningPayload(b.Bundle));
        var differing = a.Text.Split('\n').Zip(b.Text.Split('\n')).Where(p => p.First != p.Second).ToList();
        Assert.All(differing, p => Assert.StartsWith("    value: ", p.First, StringComparison.Ordinal));
    }

    private static void NormalizeLowS(byte[] signature)
    {
        var n = BigInteger.Parse("115792089210356248762697446949407573529996955224135760342422259061068512044369");
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        if (s > n / 2)
        {
            var low = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
            signature.AsSpan(32).Clear();
            low.CopyTo(signature.AsSpan(64 - low.Length));
        }
    }

    // DER: SEQUENCE { INTEGER r, INTEGER s }, each minimal, with a 0x00 prefix when the top bit is set.
    private static byte[] ToDer(byte[] p1363)
    {
        static byte[] Integer(ReadOnlySpan<byte> value)
        {
            var trimmed = value.TrimStart((byte)0).ToArray();
            if (trimmed.Length == 0 || (trimmed[0] & 0x80) != 0)
            {
                trimmed = [0, .. trimmed];
            }

            return [0x02, (byte)trimmed.Length, .. trimmed];
        }

        byte[] body = [.. Integer(p1363.AsSpan(0, 32)), .. Integer(p1363.AsSpan(32))];
        return [0x30, (byte)body.Length, .. body];
    }

    private static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
