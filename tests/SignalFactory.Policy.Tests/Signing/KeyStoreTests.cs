using System.Runtime.Versioning;
using System.Security.Cryptography;
using SignalFactory.Policy.Signing;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Signing;

[UnsupportedOSPlatform("windows")] // file modes are the point of these tests
public sealed class KeyStoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private GeneratedKeyPair PairIn(string name) => KeyGenerator.Generate(_temp.Combine(name));

    private KeySources Sources(Dictionary<string, string>? environment = null, string? workspace = null, string? keyPath = null) =>
        TestSupport.Signing.Sources(workspace ?? _temp.Combine("no-workspace"), environment) with { KeyPath = keyPath };

    [Fact]
    public void ResolveSigningKey_EnvironmentVariableHoldsPemText_UsesIt()
    {
        var pair = PairIn("env");
        var environment = new Dictionary<string, string> { ["SF_SIGNING_KEY"] = File.ReadAllText(pair.PrivateKeyPath) };

        using var key = KeyStore.ResolveSigningKey(Sources(environment));

        Assert.Equal(pair.KeyId, key.KeyId);
        Assert.Equal("environment variable SF_SIGNING_KEY", key.Source);
    }

    [Fact]
    public void ResolveSigningKey_EnvironmentVariableHoldsPath_LoadsTheFile()
    {
        var pair = PairIn("env-path");

        using var key = KeyStore.ResolveSigningKey(Sources(new() { ["SF_SIGNING_KEY"] = pair.PrivateKeyPath }));

        Assert.Equal(pair.KeyId, key.KeyId);
        Assert.Equal(pair.PrivateKeyPath, key.Source);
    }

    [Fact]
    public void ResolveSigningKey_KeyFileVariable_LoadsTheFile()
    {
        var pair = PairIn("env-file");

        using var key = KeyStore.ResolveSigningKey(Sources(new() { ["SF_SIGNING_KEY_FILE"] = pair.PrivateKeyPath }));

        Assert.Equal(pair.KeyId, key.KeyId);
    }

    [Fact]
    public void ResolveSigningKey_ExplicitPath_WinsOverEnvironmentAndWorkspace()
    {
        var explicitPair = PairIn("explicit");
        var envPair = PairIn("env");
        var workspace = _temp.Combine("ws");
        KeyGenerator.GenerateInWorkspace(workspace);

        using var key = KeyStore.ResolveSigningKey(Sources(new() { ["SF_SIGNING_KEY"] = envPair.PrivateKeyPath }, workspace, explicitPair.PrivateKeyPath));

        Assert.Equal(explicitPair.KeyId, key.KeyId);
    }

    [Fact]
    public void ResolveSigningKey_OnlyWorkspace_UsesWorkspaceDefault()
    {
        var workspace = _temp.Combine("ws");
        var pair = KeyGenerator.GenerateInWorkspace(workspace);

        using var key = KeyStore.ResolveSigningKey(Sources(workspace: workspace));

        Assert.Equal(pair.KeyId, key.KeyId);
    }

    [Fact]
    public void ResolveSigningKey_NoSource_ClearErrorNamingTheWaysToProvideOne()
    {
        var ex = Assert.Throws<PolicyKeyException>(() => KeyStore.ResolveSigningKey(Sources()));

        Assert.Contains("SF_SIGNING_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sf keys generate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PrivateKeyReadableByOthers_RefusedWithChmodHint()
    {
        var pair = PairIn("open");
        File.SetUnixFileMode(pair.PrivateKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var ex = Assert.Throws<PolicyKeyException>(() => PolicySigningKey.Load(pair.PrivateKeyPath));

        Assert.Contains("chmod 600 " + pair.PrivateKeyPath, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PublicKeyAsSigningKey_Refused()
    {
        var pair = PairIn("pub");
        File.SetUnixFileMode(pair.PublicKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var ex = Assert.Throws<PolicyKeyException>(() => PolicySigningKey.Load(pair.PublicKeyPath));

        Assert.Contains("only a public key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPem_P384Key_RefusedNamingTheCurve()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var ex = Assert.Throws<PolicyKeyException>(() => PolicySigningKey.FromPem(p384.ExportPkcs8PrivateKeyPem(), "test"));

        Assert.Contains("P-256", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    public void FromPem_NotAnEcKey_RefusedNamingTheSource(string pem)
    {
        var ex = Assert.Throws<PolicyKeyException>(() => PolicySigningKey.FromPem(pem, "my-source"));

        Assert.StartsWith("my-source: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_RefusedNamingIt()
    {
        var path = _temp.Combine("missing.pem");

        var ex = Assert.Throws<PolicyKeyException>(() => PolicySigningKey.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveTrustedKeys_ExplicitPaths_AreTheOnlyKeys()
    {
        var workspace = _temp.Combine("ws");
        KeyGenerator.GenerateInWorkspace(workspace);
        var other = PairIn("other");

        var trusted = KeyStore.ResolveTrustedKeys(Sources(workspace: workspace) with { TrustedKeyPaths = [other.PublicKeyPath] });

        Assert.Equal([other.KeyId], trusted.Keys.Select(k => k.KeyId).ToArray());
    }

    [Fact]
    public void ResolveTrustedKeys_EnvironmentListAndSigningKey_AllTrusted()
    {
        var a = PairIn("a");
        var b = PairIn("b");
        var signing = PairIn("signing");
        var environment = new Dictionary<string, string>
        {
            ["SF_TRUSTED_KEYS"] = _temp.Combine("a") + Path.PathSeparator + b.PublicKeyPath,
            ["SF_SIGNING_KEY_FILE"] = signing.PrivateKeyPath,
        };

        var trusted = KeyStore.ResolveTrustedKeys(Sources(environment));

        // Folder "a" holds the private and public file of one key: counted once.
        Assert.Equal([a.KeyId, b.KeyId, signing.KeyId], trusted.Keys.Select(k => k.KeyId).ToArray());
    }

    [Fact]
    public void ResolveTrustedKeys_GarbageInTrustedFolder_RefusedNamingTheFile()
    {
        var workspace = _temp.Combine("ws");
        KeyGenerator.GenerateInWorkspace(workspace);
        var bad = Path.Combine(workspace, "keys", "trusted", "bad.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        File.WriteAllText(bad, "garbage");

        var ex = Assert.Throws<PolicyKeyException>(() => KeyStore.ResolveTrustedKeys(Sources(workspace: workspace)));

        Assert.Contains(bad, ex.Message, StringComparison.Ordinal);
    }
}
