namespace SignalFactory.Policy.Signing;

/// <summary>The result of <see cref="KeysGenerateService.Generate"/>.</summary>
/// <param name="Status">Ok, Conflict (a pair exists and <c>force</c> was not given) or InvalidInput.</param>
/// <param name="Message">One line for the user.</param>
/// <param name="KeyPair">What was written, when Ok.</param>
public sealed record KeysGenerateResult(PolicyCommandStatus Status, string Message, GeneratedKeyPair? KeyPair = null)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode => (int)Status;
}

/// <summary>Logic of <c>sf keys generate [--force]</c>: writes the workspace's signing key pair.</summary>
public static class KeysGenerateService
{
    /// <summary>Generates <c>{workspaceRoot}/keys/policy-signing.pem</c> (0600) and <c>.pub.pem</c>.</summary>
    public static KeysGenerateResult Generate(string workspaceRoot, bool force)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceRoot);
        var folder = KeyStore.KeysFolder(workspaceRoot);
        if (!force && (File.Exists(Path.Combine(folder, KeyStore.PrivateKeyFileName)) || File.Exists(Path.Combine(folder, KeyStore.PublicKeyFileName))))
        {
            return new KeysGenerateResult(PolicyCommandStatus.Conflict,
                $"a signing key already exists in {folder}; use --force to replace it (its public key stays trusted)");
        }

        try
        {
            var pair = KeyGenerator.Generate(folder, force);
            var retired = pair.RetiredPublicKeyPath is null ? "" : $"; previous public key kept as trusted: {pair.RetiredPublicKeyPath}";
            return new KeysGenerateResult(PolicyCommandStatus.Ok,
                $"generated signing key {pair.KeyId}: {pair.PrivateKeyPath} (mode 0600), {pair.PublicKeyPath}{retired}", pair);
        }
        catch (PolicyKeyException ex)
        {
            return new KeysGenerateResult(PolicyCommandStatus.InvalidInput, ex.Message);
        }
    }
}
