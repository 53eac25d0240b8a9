using SignalFactory.Cli.Hosting;
using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Signing;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Policy;

/// <summary>Shared plumbing of the policy commands: key sources, the bundle store, status → exit code.</summary>
internal static class PolicyCli
{
    /// <summary>Keys of the workspace, plus whatever <c>SF_SIGNING_KEY</c>/<c>SF_TRUSTED_KEYS</c> name in the command's environment.</summary>
    public static KeySources Keys(CliConsole console, string? workspaceRoot, IReadOnlyList<string>? trusted = null) => new()
    {
        WorkspaceRoot = workspaceRoot,
        TrustedKeyPaths = trusted ?? [],
        GetEnvironmentVariable = name => console.Environment.TryGetValue(name, out var value) ? value : null,
    };

    public static PolicyBundleStore Store(Workspace workspace) => new(workspace.CreateArtifactStore());

    /// <summary>The file behind an artifact key, for messages.</summary>
    public static string PathOf(Workspace workspace, string key) =>
        Path.Combine(workspace.ArtifactsPath, key.Replace('/', Path.DirectorySeparatorChar));

    public static int ExitCode(PolicyCommandStatus status) => status switch
    {
        PolicyCommandStatus.Ok => ExitCodes.Ok,
        PolicyCommandStatus.Failed => ExitCodes.Failed,
        PolicyCommandStatus.Conflict => ExitCodes.Conflict,
        _ => ExitCodes.InvalidInput,
    };

    /// <summary>The latest bundle bytes of <paramref name="urn"/>; exit 2 with a hint when there is none.</summary>
    public static async Task<byte[]> RequireBundleAsync(Workspace workspace, string urn, CancellationToken ct)
    {
        var bytes = await Store(workspace).ReadLatestAsync(urn, ct).ConfigureAwait(false);
        return bytes ?? throw new InvalidInputException($"{urn} has no policy bundle in {workspace.RootPath}; run `sf policy generate {urn}` first");
    }
}
