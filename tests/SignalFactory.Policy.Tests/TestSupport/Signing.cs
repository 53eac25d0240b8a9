using SignalFactory.Policy.Signing;

namespace SignalFactory.Policy.Tests.TestSupport;

/// <summary>Common signing fixtures.</summary>
public static class Signing
{
    public static readonly DateTimeOffset Start = new(2026, 2, 15, 11, 0, 0, TimeSpan.Zero);

    /// <summary>A workspace-like folder with a generated key pair under keys/.</summary>
    public static (TempFolder Workspace, GeneratedKeyPair Pair) Workspace()
    {
        var folder = new TempFolder();
        return (folder, KeyGenerator.GenerateInWorkspace(folder.Path));
    }

    public static KeySources Sources(string workspaceRoot, IReadOnlyDictionary<string, string>? environment = null) => new()
    {
        WorkspaceRoot = workspaceRoot,
        GetEnvironmentVariable = name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
    };
}
