namespace SignalFactory.Policy.Signing;

/// <summary>The result of <see cref="PolicyVerifyService.Verify"/>.</summary>
/// <param name="Status">Ok when valid; Failed when refused; InvalidInput when the file or keys could not be read.</param>
/// <param name="Message">One line for the user.</param>
/// <param name="Failure">Why it was refused, when <paramref name="Status"/> is Failed.</param>
/// <param name="Bundle">The verified bundle, when valid.</param>
public sealed record PolicyVerifyResult(
    PolicyCommandStatus Status, string Message, PolicyBundleVerificationFailure? Failure = null, SignedPolicyBundle? Bundle = null)
{
    /// <summary>The process exit code: 0 valid, 1 refused, 2 bad input.</summary>
    public int ExitCode => (int)Status;
}

/// <summary>Logic of <c>sf policy verify FILE</c>: never throws for user errors.</summary>
public static class PolicyVerifyService
{
    /// <summary>Verifies the bundle file against the trusted keys found through <paramref name="keySources"/>.</summary>
    public static PolicyVerifyResult Verify(string path, KeySources keySources)
    {
        ArgumentNullException.ThrowIfNull(keySources);
        if (string.IsNullOrWhiteSpace(path))
        {
            return new PolicyVerifyResult(PolicyCommandStatus.InvalidInput, "no bundle file given");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new PolicyVerifyResult(PolicyCommandStatus.InvalidInput, $"{path}: file not found");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PolicyVerifyResult(PolicyCommandStatus.InvalidInput, $"{path}: cannot be read: {ex.Message}");
        }

        TrustedKeySet keys;
        try
        {
            keys = KeyStore.ResolveTrustedKeys(keySources);
        }
        catch (PolicyKeyException ex)
        {
            return new PolicyVerifyResult(PolicyCommandStatus.InvalidInput, ex.Message);
        }

        try
        {
            var verified = PolicyBundleReader.Read(bytes, keys, path);
            var bundle = verified.Bundle;
            var state = bundle.Security.ValidationEnabled ? "validation enabled" : "validation DISABLED by the kill switch";
            return new PolicyVerifyResult(PolicyCommandStatus.Ok,
                $"{path}: valid signature by {verified.KeyId} (signed {PolicyBundleReader.Describe(verified.Signature.SignedAt)}); "
                + $"{bundle.DatasetUrn}, {bundle.EnrichmentLevel}, {state}",
                Bundle: verified);
        }
        catch (PolicyBundleVerificationException ex)
        {
            return new PolicyVerifyResult(PolicyCommandStatus.Failed, ex.Message, ex.Failure);
        }
    }
}
