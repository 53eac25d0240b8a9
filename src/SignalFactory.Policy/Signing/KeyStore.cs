namespace SignalFactory.Policy.Signing;

/// <summary>Finds the signing key and the trusted public keys as described on <see cref="KeySources"/>.</summary>
public static class KeyStore
{
    /// <summary>Environment variable holding the signing key as PEM text or as a file path.</summary>
    public const string SigningKeyVariable = "SF_SIGNING_KEY";

    /// <summary>Environment variable holding the path of the signing key file.</summary>
    public const string SigningKeyFileVariable = "SF_SIGNING_KEY_FILE";

    /// <summary>Environment variable listing trusted public key files or folders, separated by the path separator (':' on Unix).</summary>
    public const string TrustedKeysVariable = "SF_TRUSTED_KEYS";

    /// <summary>Folder of the workspace that holds keys.</summary>
    public const string KeysFolderName = "keys";

    /// <summary>Private key file name in the keys folder (PKCS#8 PEM, mode 0600).</summary>
    public const string PrivateKeyFileName = "policy-signing.pem";

    /// <summary>Public key file name in the keys folder (SubjectPublicKeyInfo PEM).</summary>
    public const string PublicKeyFileName = "policy-signing.pub.pem";

    /// <summary>Sub-folder of the keys folder holding further trusted public keys (e.g. retired ones).</summary>
    public const string TrustedFolderName = "trusted";

    /// <summary>The keys folder of a workspace.</summary>
    public static string KeysFolder(string workspaceRoot) => Path.Combine(workspaceRoot, KeysFolderName);

    /// <summary>The signing key from the first source that is set.</summary>
    /// <exception cref="PolicyKeyException">No source is set, or the key found cannot be used.</exception>
    public static PolicySigningKey ResolveSigningKey(KeySources sources) =>
        TryResolveSigningKey(sources) ?? throw new PolicyKeyException(
            $"no signing key: pass a key file, set {SigningKeyVariable} (PEM text or path) or {SigningKeyFileVariable}, "
            + "or create one in the workspace with `sf keys generate`");

    /// <summary>The signing key from the first source that is set; null when none is.</summary>
    /// <exception cref="PolicyKeyException">A source is set but its key cannot be used.</exception>
    public static PolicySigningKey? TryResolveSigningKey(KeySources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (!string.IsNullOrWhiteSpace(sources.KeyPath))
        {
            return PolicySigningKey.Load(sources.KeyPath);
        }

        var inline = sources.GetEnvironmentVariable(SigningKeyVariable);
        if (!string.IsNullOrWhiteSpace(inline))
        {
            return inline.Contains("-----BEGIN", StringComparison.Ordinal)
                ? PolicySigningKey.FromPem(inline, "environment variable " + SigningKeyVariable)
                : PolicySigningKey.Load(inline.Trim());
        }

        var file = sources.GetEnvironmentVariable(SigningKeyFileVariable);
        if (!string.IsNullOrWhiteSpace(file))
        {
            return PolicySigningKey.Load(file.Trim());
        }

        if (sources.WorkspaceRoot is { } root)
        {
            var path = Path.Combine(KeysFolder(root), PrivateKeyFileName);
            if (File.Exists(path))
            {
                return PolicySigningKey.Load(path);
            }
        }

        return null;
    }

    /// <summary>The trusted public keys; may be empty (then every signed bundle is refused as signed by an unknown key).</summary>
    /// <exception cref="PolicyKeyException">A key file or folder that was named cannot be read, or two keys clash.</exception>
    public static TrustedKeySet ResolveTrustedKeys(KeySources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var keys = new List<PolicyVerificationKey>();
        if (sources.TrustedKeyPaths.Count > 0)
        {
            foreach (var path in sources.TrustedKeyPaths)
            {
                keys.AddRange(LoadPublicKeys(path));
            }

            return new TrustedKeySet(keys);
        }

        var listed = sources.GetEnvironmentVariable(TrustedKeysVariable);
        if (!string.IsNullOrWhiteSpace(listed))
        {
            foreach (var path in listed.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                keys.AddRange(LoadPublicKeys(path));
            }
        }

        // The signing key's own public half, unless it would only come from the workspace (added below anyway).
        if (!string.IsNullOrWhiteSpace(sources.KeyPath)
            || !string.IsNullOrWhiteSpace(sources.GetEnvironmentVariable(SigningKeyVariable))
            || !string.IsNullOrWhiteSpace(sources.GetEnvironmentVariable(SigningKeyFileVariable)))
        {
            using var signing = TryResolveSigningKey(sources);
            if (signing is not null)
            {
                keys.Add(signing.PublicKey);
            }
        }

        if (sources.WorkspaceRoot is { } root)
        {
            var folder = KeysFolder(root);
            var publicKey = Path.Combine(folder, PublicKeyFileName);
            if (File.Exists(publicKey))
            {
                keys.Add(PolicyVerificationKey.Load(publicKey));
            }

            var trusted = Path.Combine(folder, TrustedFolderName);
            if (Directory.Exists(trusted))
            {
                keys.AddRange(LoadPublicKeys(trusted));
            }
        }

        return new TrustedKeySet(keys);
    }

    /// <summary>One key file, or every <c>*.pem</c> file of a folder in ordinal name order.</summary>
    /// <exception cref="PolicyKeyException">The path does not exist or a file is not a P-256 key.</exception>
    public static IReadOnlyList<PolicyVerificationKey> LoadPublicKeys(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            return Directory.GetFiles(path, "*.pem")
                .Order(StringComparer.Ordinal)
                .Select(PolicyVerificationKey.Load)
                .ToList();
        }

        if (!File.Exists(path))
        {
            throw new PolicyKeyException($"trusted key path {path} does not exist");
        }

        return [PolicyVerificationKey.Load(path)];
    }
}
