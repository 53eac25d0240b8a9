using System.Text;

namespace SignalFactory.Policy.Signing;

/// <summary>What <see cref="KeyGenerator.Generate"/> wrote.</summary>
/// <param name="KeyId">Key id of the new pair.</param>
/// <param name="PrivateKeyPath">The private key file (PKCS#8 PEM, mode 0600).</param>
/// <param name="PublicKeyPath">The public key file (SubjectPublicKeyInfo PEM).</param>
/// <param name="RetiredPublicKeyPath">When a pair was replaced: where the old public key was kept as trusted, so bundles it signed still verify.</param>
public sealed record GeneratedKeyPair(string KeyId, string PrivateKeyPath, string PublicKeyPath, string? RetiredPublicKeyPath);

/// <summary>Creates the signing key pair files of a keys folder (<c>{workspace}/keys/</c> by default).</summary>
public static class KeyGenerator
{
    private const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicFileMode = PrivateFileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes a new P-256 pair as <c>policy-signing.pem</c> (created with mode 0600 from the first byte: the file is
    /// never readable by others, not even briefly) and <c>policy-signing.pub.pem</c> into <paramref name="folder"/>
    /// (created with mode 0700 when missing). An existing pair is kept unless <paramref name="overwrite"/>; when it
    /// is replaced, its public key is first copied to <c>trusted/{key_id}.pub.pem</c> so that bundles it signed keep
    /// verifying (key rotation).
    /// </summary>
    /// <exception cref="PolicyKeyException">A key file exists and <paramref name="overwrite"/> is false, or the files cannot be written.</exception>
    public static GeneratedKeyPair Generate(string folder, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var privatePath = Path.Combine(folder, KeyStore.PrivateKeyFileName);
        var publicPath = Path.Combine(folder, KeyStore.PublicKeyFileName);
        try
        {
            if (!overwrite && (File.Exists(privatePath) || File.Exists(publicPath)))
            {
                throw new PolicyKeyException(
                    $"a signing key already exists in {folder}; replace it with --force (its public key stays trusted for bundles it signed)");
            }

            CreateFolder(folder);
            var retired = overwrite ? RetireExistingPublicKey(folder, publicPath, privatePath) : null;

            using var key = PolicySigningKey.Create(privatePath);
            WriteAtomically(privatePath, key.ExportPrivateKeyPem(), PrivateFileMode, replace: overwrite);
            WriteAtomically(publicPath, key.PublicKey.ExportPem(), PublicFileMode, replace: true);
            return new GeneratedKeyPair(key.KeyId, privatePath, publicPath, retired);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PolicyKeyException($"cannot write the key pair in {folder}: {ex.Message}", ex);
        }
    }

    /// <summary>Generates the workspace's default pair in <c>{workspaceRoot}/keys/</c>.</summary>
    /// <exception cref="PolicyKeyException">See <see cref="Generate"/>.</exception>
    public static GeneratedKeyPair GenerateInWorkspace(string workspaceRoot, bool overwrite = false) =>
        Generate(KeyStore.KeysFolder(workspaceRoot), overwrite);

    private static string? RetireExistingPublicKey(string folder, string publicPath, string privatePath)
    {
        PolicyVerificationKey? old = null;
        if (File.Exists(publicPath))
        {
            old = PolicyVerificationKey.Load(publicPath);
        }
        else if (File.Exists(privatePath))
        {
            old = PolicyVerificationKey.Load(privatePath);
        }

        if (old is null)
        {
            return null;
        }

        var trustedFolder = Path.Combine(folder, KeyStore.TrustedFolderName);
        CreateFolder(trustedFolder);
        var retiredPath = Path.Combine(trustedFolder, old.KeyId + ".pub.pem");
        WriteAtomically(retiredPath, old.ExportPem(), PublicFileMode, replace: true);
        return retiredPath;
    }

    private static void CreateFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    // The content goes to a new temp file created with its final mode, is flushed to disk, then renamed into place,
    // so a crash leaves either the old file or the new one, and a private key is never world-readable.
    private static void WriteAtomically(string path, string content, UnixFileMode mode, bool replace)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(_utf8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The umask may have removed bits from the create mode; set exactly the intended ones.
                File.SetUnixFileMode(temp, mode);
            }

            if (replace)
            {
                File.Move(temp, path, overwrite: true);
            }
            else
            {
                // No overwrite: fails if another process created the file since the existence check.
                File.Move(temp, path, overwrite: false);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
