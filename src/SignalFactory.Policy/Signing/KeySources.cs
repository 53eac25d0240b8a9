namespace SignalFactory.Policy.Signing;

/// <summary>
/// Where <see cref="KeyStore"/> looks for keys. The signing key is taken from the first source that is set:
/// <see cref="KeyPath"/> (<c>--key</c>), <c>SF_SIGNING_KEY</c> (PEM text, or a path when it does not hold
/// <c>-----BEGIN</c>), <c>SF_SIGNING_KEY_FILE</c> (a path), then <c>{workspace}/keys/policy-signing.pem</c>.
/// Trusted public keys are <see cref="TrustedKeyPaths"/> alone when any is given; otherwise every entry of
/// <c>SF_TRUSTED_KEYS</c>, the public half of the signing key when one of the sources above is set, and
/// <c>{workspace}/keys/policy-signing.pub.pem</c> plus every <c>*.pem</c> in <c>{workspace}/keys/trusted/</c>.
/// </summary>
public sealed record KeySources
{
    /// <summary>Explicit private key file (e.g. the CLI's <c>--key</c>); wins over everything else.</summary>
    public string? KeyPath { get; init; }

    /// <summary>Explicit public key files or folders of <c>*.pem</c> files; when non-empty they are the only trusted keys.</summary>
    public IReadOnlyList<string> TrustedKeyPaths { get; init; } = [];

    /// <summary>Workspace root folder (the one holding <c>workspace.json</c>); null when there is none.</summary>
    public string? WorkspaceRoot { get; init; }

    /// <summary>Reads an environment variable; tests pass a dictionary lookup.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = static _ => null;

    /// <summary>Sources reading the process environment.</summary>
    public static KeySources FromProcessEnvironment(string? workspaceRoot, string? keyPath = null, IReadOnlyList<string>? trustedKeyPaths = null) => new()
    {
        WorkspaceRoot = workspaceRoot,
        KeyPath = keyPath,
        TrustedKeyPaths = trustedKeyPaths ?? [],
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
    };
}
