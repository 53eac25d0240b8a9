using SignalFactory.Cli.Hosting;
using SignalFactory.Cli.Validate;
using SignalFactory.Core.Manifests;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Cli.Profile;

/// <summary>
/// What <c>sf profile</c> was pointed at: a registered dataset (its latest manifest, and the workspace its
/// baseline is stored in) or a <c>dataset.yaml</c> file (validated, profiled, nothing stored).
/// </summary>
internal sealed record ProfileTarget(DatasetManifest Manifest, string Urn, Workspace? Workspace, string? BootstrapId, string Source)
{
    public bool IsRegistered => Workspace is not null;

    public static async Task<ProfileTarget> ResolveAsync(CliConsole console, System.CommandLine.ParseResult parse, string target, CancellationToken ct)
    {
        if (target.StartsWith(DatasetUrn.Scheme, StringComparison.Ordinal))
        {
            CliArguments.RequireUrn(target);

            return await FromRegistryAsync(console, parse, target, ct).ConfigureAwait(false);
        }

        return await FromFileAsync(console, target, ct).ConfigureAwait(false);
    }

    private static async Task<ProfileTarget> FromRegistryAsync(CliConsole console, System.CommandLine.ParseResult parse, string urn, CancellationToken ct)
    {
        var workspace = await WorkspaceAccess.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
        var dataset = await workspace.CreateRegistryStore(console.Clock).GetAsync(urn, null, ct).ConfigureAwait(false)
            ?? throw new InvalidInputException($"{urn} is not registered in {workspace.RootPath}; run 'sf registry register FILE' first, or profile the file directly");
        var loaded = ManifestLoader.Load(dataset.YamlContent, $"{urn} (version {dataset.Version})");
        if (loaded.Manifest is null)
        {
            foreach (var diagnostic in loaded.Report.Errors)
            {
                console.Error.WriteLine(diagnostic.ToString());
            }

            throw new InvalidInputException($"the registered manifest of {urn} (version {dataset.Version}) no longer validates; register a corrected dataset.yaml");
        }

        return new ProfileTarget(loaded.Manifest, urn, workspace, dataset.BootstrapId, $"{urn} version {dataset.Version}");
    }

    private static async Task<ProfileTarget> FromFileAsync(CliConsole console, string target, CancellationToken ct)
    {
        var path = Path.GetFullPath(target, console.CurrentDirectory);
        if (!File.Exists(path))
        {
            throw new InvalidInputException(Directory.Exists(path)
                ? $"{target}: is a folder; give a dataset.yaml file or a dataset URN (ds://zone/name)"
                : $"{target}: no such file; give a dataset.yaml file or a dataset URN (ds://zone/name)");
        }

        var display = ManifestFiles.Display(path, console.CurrentDirectory);
        var loaded = await ManifestLoader.LoadFileAsync(path, ct).ConfigureAwait(false);
        foreach (var diagnostic in loaded.Report.All)
        {
            console.Error.WriteLine(diagnostic.ToString());
        }

        if (loaded.Manifest is null)
        {
            throw new InvalidInputException($"{display} is invalid ({loaded.Report.Errors.Count} error(s)); nothing was profiled");
        }

        return new ProfileTarget(loaded.Manifest, loaded.Manifest.Urn!, Workspace: null, BootstrapId: null, display);
    }
}
