using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Signing;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Signing;

public sealed class PolicyVerifyServiceTests : IDisposable
{
    private readonly TempFolder _workspace;
    private readonly GeneratedKeyPair _pair;
    private readonly ManualTimeProvider _clock = new(TestSupport.Signing.Start);

    public PolicyVerifyServiceTests() => (_workspace, _pair) = TestSupport.Signing.Workspace();

    public void Dispose() => _workspace.Dispose();

    private string WriteSigned(PolicyBundle bundle)
    {
        using var key = PolicySigningKey.Load(_pair.PrivateKeyPath);
        var path = _workspace.Combine("policy_bundle.yaml");
        File.WriteAllBytes(path, new PolicyBundleSigner(key).Sign(bundle, _clock).ToArray());
        return path;
    }

    [Fact]
    public void Verify_ValidBundle_ExitZeroNamingKey()
    {
        var path = WriteSigned(SampleBundles.Full());

        var result = PolicyVerifyService.Verify(path, TestSupport.Signing.Sources(_workspace.Path));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(_pair.KeyId, result.Message, StringComparison.Ordinal);
        Assert.Equal("ds://curated/orders_enriched", result.Bundle!.Bundle.DatasetUrn);
    }

    [Fact]
    public void Verify_OneChangedByteOnAnyLine_ExitOne()
    {
        // Every byte position is covered at reader level (PolicyBundleReaderTests); through the file-based service,
        // one byte in the middle of every line and every line end keeps the test quick.
        var path = WriteSigned(SampleBundles.Small());
        var original = File.ReadAllBytes(path);
        var sources = new KeySources { TrustedKeyPaths = [_pair.PublicKeyPath] };
        var changedPath = _workspace.Combine("changed.yaml");
        var positions = new List<int>();
        var lineStart = 0;
        for (var i = 0; i < original.Length; i++)
        {
            if (original[i] == (byte)'\n')
            {
                positions.Add(lineStart + ((i - lineStart) / 2));
                positions.Add(i);
                lineStart = i + 1;
            }
        }

        Assert.True(positions.Count > 40);
        foreach (var position in positions.Distinct())
        {
            var changed = (byte[])original.Clone();
            changed[position] = changed[position] == (byte)'x' ? (byte)'y' : (byte)'x';
            File.WriteAllBytes(changedPath, changed);

            var result = PolicyVerifyService.Verify(changedPath, sources);

            Assert.True(result.ExitCode == 1, $"byte {position}: {result.Message}");
            Assert.NotNull(result.Failure);
        }

        Assert.Equal(0, PolicyVerifyService.Verify(path, sources).ExitCode);
    }

    [Fact]
    public void Verify_UnsignedBundle_ExitOne()
    {
        var path = _workspace.Combine("unsigned.yaml");
        File.WriteAllBytes(path, PolicyBundleYaml.ToCanonicalBytes(SampleBundles.Small()));

        var result = PolicyVerifyService.Verify(path, TestSupport.Signing.Sources(_workspace.Path));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(PolicyBundleVerificationFailure.Unsigned, result.Failure);
    }

    [Fact]
    public void Verify_MissingFile_ExitTwo()
    {
        var result = PolicyVerifyService.Verify(_workspace.Combine("nope.yaml"), TestSupport.Signing.Sources(_workspace.Path));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not found", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoTrustedKeys_ExitOneNamingUnknownKey()
    {
        var path = WriteSigned(SampleBundles.Small());

        var result = PolicyVerifyService.Verify(path, TestSupport.Signing.Sources(_workspace.Combine("empty-workspace")));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(PolicyBundleVerificationFailure.UnknownKey, result.Failure);
        Assert.Contains("no key is trusted", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicySignService_HandWrittenBundle_SignedIntoCanonicalFormThatVerifies()
    {
        const string text = """
            version: "2.0"
            dataset_urn: ds://raw/clicks
            bootstrap_id: boot-7
            generated_by: human:ana
            enrichment_level: contract_lite
            security: { validation_enabled: true }   # hand-authored
            """;

        var result = PolicySignService.Sign(System.Text.Encoding.UTF8.GetBytes(text), TestSupport.Signing.Sources(_workspace.Path), _clock);

        Assert.Equal(0, result.ExitCode);
        var path = _workspace.Combine("signed.yaml");
        File.WriteAllBytes(path, result.Bundle!.ToArray());
        Assert.Equal(0, PolicyVerifyService.Verify(path, TestSupport.Signing.Sources(_workspace.Path)).ExitCode);
    }
}
