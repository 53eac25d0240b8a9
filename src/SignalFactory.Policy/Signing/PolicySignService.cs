using SignalFactory.Policy.Bundles;

namespace SignalFactory.Policy.Signing;

/// <summary>The result of <see cref="PolicySignService.Sign"/> or a <see cref="KillSwitchService"/> call.</summary>
/// <param name="Status">Ok when a signed bundle was produced (or nothing needed to change).</param>
/// <param name="Message">One line for the user.</param>
/// <param name="Bundle">The signed bundle to write, when Ok.</param>
/// <param name="Changed">False when the bundle in force already had the requested state (nothing to write).</param>
public sealed record PolicySigningResult(PolicyCommandStatus Status, string Message, SignedPolicyBundle? Bundle = null, bool Changed = false)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode => (int)Status;
}

/// <summary>Logic of <c>sf policy sign FILE</c>: signs a (hand-authored or generated) bundle into canonical form.</summary>
public static class PolicySignService
{
    /// <summary>Parses the bundle text (any YAML layout), validates and signs it; the caller writes <c>Bundle.Bytes</c>.</summary>
    public static PolicySigningResult Sign(ReadOnlySpan<byte> bundleText, KeySources keySources, TimeProvider timeProvider, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(keySources);
        ArgumentNullException.ThrowIfNull(timeProvider);
        try
        {
            var bundle = PolicyBundleYaml.ParseUnverified(bundleText, sourceName);
            using var key = KeyStore.ResolveSigningKey(keySources);
            var signed = new PolicyBundleSigner(key).Sign(bundle, timeProvider);
            return new PolicySigningResult(PolicyCommandStatus.Ok, $"signed {bundle.DatasetUrn} with key {key.KeyId}", signed, Changed: true);
        }
        catch (PolicyBundleFormatException ex)
        {
            return new PolicySigningResult(PolicyCommandStatus.InvalidInput, ex.Message);
        }
        catch (PolicyKeyException ex)
        {
            return new PolicySigningResult(PolicyCommandStatus.InvalidInput, ex.Message);
        }
    }
}

/// <summary>Logic of <c>sf kill-switch URN --reason R</c> over the bytes of the bundle in force.</summary>
public static class KillSwitchService
{
    /// <summary>Verifies the current bundle, engages the kill switch and re-signs; Failed when the current bundle does not verify.</summary>
    public static PolicySigningResult Engage(
        ReadOnlySpan<byte> currentBundle, string reason, string actor, KeySources keySources, TimeProvider timeProvider, string? sourceName = null) =>
        Run(currentBundle, engage: true, reason, actor, keySources, timeProvider, sourceName);

    /// <summary>Verifies the current bundle, releases the kill switch and re-signs.</summary>
    public static PolicySigningResult Release(
        ReadOnlySpan<byte> currentBundle, string reason, string actor, KeySources keySources, TimeProvider timeProvider, string? sourceName = null) =>
        Run(currentBundle, engage: false, reason, actor, keySources, timeProvider, sourceName);

    private static PolicySigningResult Run(
        ReadOnlySpan<byte> currentBundle, bool engage, string reason, string actor, KeySources keySources, TimeProvider timeProvider, string? sourceName)
    {
        ArgumentNullException.ThrowIfNull(keySources);
        ArgumentNullException.ThrowIfNull(timeProvider);
        SignedPolicyBundle current;
        try
        {
            current = PolicyBundleReader.Read(currentBundle, KeyStore.ResolveTrustedKeys(keySources), sourceName);
        }
        catch (PolicyKeyException ex)
        {
            return new PolicySigningResult(PolicyCommandStatus.InvalidInput, ex.Message);
        }
        catch (PolicyBundleVerificationException ex)
        {
            return new PolicySigningResult(PolicyCommandStatus.Failed, "the bundle in force does not verify, so it is not changed: " + ex.Message);
        }

        try
        {
            using var key = KeyStore.ResolveSigningKey(keySources);
            var signer = new PolicyBundleSigner(key);
            var result = engage
                ? KillSwitch.Engage(current, reason, actor, timeProvider, signer)
                : KillSwitch.Release(current, reason, actor, timeProvider, signer);
            var urn = current.Bundle.DatasetUrn;
            var message = (engage, result.Changed) switch
            {
                (true, true) => $"kill switch engaged for {urn}: validation disabled; re-signed with key {key.KeyId}",
                (true, false) => $"kill switch already engaged for {urn}; nothing changed",
                (false, true) => $"kill switch released for {urn}: validation enabled; re-signed with key {key.KeyId}",
                (false, false) => $"kill switch is not engaged for {urn}; nothing changed",
            };
            return new PolicySigningResult(PolicyCommandStatus.Ok, message, result.Bundle, result.Changed);
        }
        catch (PolicyKeyException ex)
        {
            return new PolicySigningResult(PolicyCommandStatus.InvalidInput, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return new PolicySigningResult(PolicyCommandStatus.InvalidInput, ex.Message);
        }
    }
}
