using System.Text;
using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Signing;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Signing;

public sealed class KillSwitchTests : IDisposable
{
    private readonly TempFolder _workspace;
    private readonly PolicySigningKey _key;
    private readonly ManualTimeProvider _clock = new(TestSupport.Signing.Start);
    private readonly KeySources _sources;

    public KillSwitchTests()
    {
        (_workspace, var pair) = TestSupport.Signing.Workspace();
        _key = PolicySigningKey.Load(pair.PrivateKeyPath);
        _sources = TestSupport.Signing.Sources(_workspace.Path);
    }

    public void Dispose()
    {
        _key.Dispose();
        _workspace.Dispose();
    }

    private TrustedKeySet Trusted => KeyStore.ResolveTrustedKeys(_sources);

    private SignedPolicyBundle Signed() => new PolicyBundleSigner(_key).Sign(SampleBundles.Full(), _clock);

    [Fact]
    public void Engage_SignedBundle_ValidationDisabledRecordedAndSignatureStillValid()
    {
        var current = Signed();
        _clock.Advance(TimeSpan.FromHours(3));

        var result = KillSwitch.Engage(current, "false positives on dt=2026-02-15", "human:ana", _clock, new PolicyBundleSigner(_key));

        Assert.True(result.Changed);
        var read = PolicyBundleReader.Read(result.Bundle.Bytes.Span, Trusted);
        Assert.False(read.Bundle.Security.ValidationEnabled);
        Assert.Equal(new KillSwitchRecord(true, "false positives on dt=2026-02-15", "human:ana", TestSupport.Signing.Start.AddHours(3)),
            read.Bundle.Security.KillSwitch);
        Assert.Equal(TestSupport.Signing.Start.AddHours(3), read.Signature.SignedAt);
        Assert.Contains("  validation_enabled: false\n", read.Text, StringComparison.Ordinal);
        // Nothing else changed.
        Assert.Equal(current.Bundle with { Security = null! }, read.Bundle with { Security = null! });
    }

    [Fact]
    public void Engage_AlreadyEngaged_ChangesNothing()
    {
        var engaged = KillSwitch.Engage(Signed(), "r", "human:ana", _clock, new PolicyBundleSigner(_key)).Bundle;

        var again = KillSwitch.Engage(engaged, "other", "human:bob", _clock, new PolicyBundleSigner(_key));

        Assert.False(again.Changed);
        Assert.Same(engaged, again.Bundle);
    }

    [Fact]
    public void Release_AfterEngage_ValidationEnabledWithReleaseRecord()
    {
        var engaged = KillSwitch.Engage(Signed(), "r", "human:ana", _clock, new PolicyBundleSigner(_key)).Bundle;
        _clock.Advance(TimeSpan.FromDays(1));

        var released = KillSwitch.Release(engaged, "fixed upstream", "system:orchestrator", _clock, new PolicyBundleSigner(_key));

        var read = PolicyBundleReader.Read(released.Bundle.Bytes.Span, Trusted);
        Assert.True(read.Bundle.Security.ValidationEnabled);
        Assert.Equal(new KillSwitchRecord(false, "fixed upstream", "system:orchestrator", TestSupport.Signing.Start.AddDays(1)),
            read.Bundle.Security.KillSwitch);
    }

    [Fact]
    public void Engage_WithRotatedKey_VerifiesAgainstTheNewKeyWhileOldBundlesStillVerify()
    {
        var old = Signed();
        var rotated = KeyGenerator.GenerateInWorkspace(_workspace.Path, overwrite: true);
        using var newKey = PolicySigningKey.Load(rotated.PrivateKeyPath);

        var engaged = KillSwitch.Engage(old, "r", "human:ana", _clock, new PolicyBundleSigner(newKey));

        Assert.Equal(rotated.KeyId, PolicyBundleReader.Read(engaged.Bundle.Bytes.Span, Trusted).KeyId);
        Assert.Equal(_key.KeyId, PolicyBundleReader.Read(old.Bytes.Span, Trusted).KeyId);
    }

    [Theory]
    [InlineData(" ", "human:ana")]
    [InlineData("reason", "ana")]
    [InlineData("reason", "human:")]
    public void Engage_BadReasonOrActor_ArgumentException(string reason, string actor)
    {
        Assert.Throws<ArgumentException>(() => KillSwitch.Engage(Signed(), reason, actor, _clock, new PolicyBundleSigner(_key)));
    }

    [Fact]
    public void KillSwitchService_Engage_WorkspaceKeys_ReSignedBundleThatVerifies()
    {
        var current = Signed().ToArray();

        var result = KillSwitchService.Engage(current, "bad partition", "human:ana", _sources, _clock, "policy_bundle.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Changed);
        Assert.Contains("engaged", result.Message, StringComparison.Ordinal);
        File.WriteAllBytes(_workspace.Combine("policy_bundle.yaml"), result.Bundle!.ToArray());
        var verify = PolicyVerifyService.Verify(_workspace.Combine("policy_bundle.yaml"), _sources);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("DISABLED", verify.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KillSwitchService_TamperedCurrentBundle_FailsWithoutSigning()
    {
        var text = Signed().Text.Replace("order_total > 0", "order_total > 1", StringComparison.Ordinal);

        var result = KillSwitchService.Engage(Encoding.UTF8.GetBytes(text), "r", "human:ana", _sources, _clock);

        Assert.Equal(PolicyCommandStatus.Failed, result.Status);
        Assert.Null(result.Bundle);
        Assert.Contains("changed after signing", result.Message, StringComparison.Ordinal);
    }
}
