using System.Runtime.Versioning;
using System.Security.Cryptography;
using SignalFactory.Policy.Signing;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Signing;

[UnsupportedOSPlatform("windows")] // file modes are the point of these tests
public sealed class KeyGeneratorTests
{
    [Fact]
    public void Generate_NewFolder_PrivateKeyFileHasMode0600AndFolder0700()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("keys");

        var pair = KeyGenerator.Generate(folder);

        Assert.Equal(Path.Combine(folder, "policy-signing.pem"), pair.PrivateKeyPath);
        Assert.Equal(Path.Combine(folder, "policy-signing.pub.pem"), pair.PublicKeyPath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pair.PrivateKeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.True(File.GetUnixFileMode(pair.PublicKeyPath).HasFlag(UnixFileMode.OtherRead));
        Assert.Null(pair.RetiredPublicKeyPath);
        // No temp files left behind.
        Assert.Equal(["policy-signing.pem", "policy-signing.pub.pem"], Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order().ToArray());
    }

    [Fact]
    public void Generate_Files_ArePkcs8AndSpkiPemOfOneP256PairWithTheDocumentedKeyId()
    {
        using var temp = new TempFolder();

        var pair = KeyGenerator.Generate(temp.Path);

        var privatePem = File.ReadAllText(pair.PrivateKeyPath);
        var publicPem = File.ReadAllText(pair.PublicKeyPath);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", privatePem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", publicPem, StringComparison.Ordinal);
        using var privateKey = ECDsa.Create();
        privateKey.ImportFromPem(privatePem);
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(publicPem);
        Assert.Equal(256, privateKey.KeySize);
        Assert.Equal(privateKey.ExportSubjectPublicKeyInfo(), publicKey.ExportSubjectPublicKeyInfo());
        var expectedId = "sf-" + Convert.ToHexStringLower(SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo()))[..16];
        Assert.Equal(expectedId, pair.KeyId);
        Assert.Matches("^sf-[0-9a-f]{16}$", pair.KeyId);
    }

    [Fact]
    public void Generate_ExistingPair_RefusedWithoutForceAndFilesUnchanged()
    {
        using var temp = new TempFolder();
        var first = KeyGenerator.Generate(temp.Path);
        var before = File.ReadAllBytes(first.PrivateKeyPath);

        var ex = Assert.Throws<PolicyKeyException>(() => KeyGenerator.Generate(temp.Path));

        Assert.Contains("--force", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(first.PrivateKeyPath));
    }

    [Fact]
    public void Generate_Force_ReplacesPairAndKeepsOldPublicKeyTrusted()
    {
        using var temp = new TempFolder();
        var first = KeyGenerator.GenerateInWorkspace(temp.Path);

        var second = KeyGenerator.GenerateInWorkspace(temp.Path, overwrite: true);

        Assert.NotEqual(first.KeyId, second.KeyId);
        Assert.Equal(temp.Combine("keys", "trusted", first.KeyId + ".pub.pem"), second.RetiredPublicKeyPath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(second.PrivateKeyPath));
        var trusted = KeyStore.ResolveTrustedKeys(TestSupport.Signing.Sources(temp.Path));
        Assert.Equal([second.KeyId, first.KeyId], trusted.Keys.Select(k => k.KeyId).ToArray());
    }

    [Fact]
    public void KeysGenerateService_ExistingPairWithoutForce_Conflict()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, KeysGenerateService.Generate(temp.Path, force: false).ExitCode);

        var again = KeysGenerateService.Generate(temp.Path, force: false);

        Assert.Equal(PolicyCommandStatus.Conflict, again.Status);
        Assert.Equal(3, again.ExitCode);
        Assert.Equal(0, KeysGenerateService.Generate(temp.Path, force: true).ExitCode);
    }
}
