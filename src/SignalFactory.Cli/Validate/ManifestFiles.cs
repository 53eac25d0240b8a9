using SignalFactory.Cli.Hosting;

namespace SignalFactory.Cli.Validate;

/// <summary>Turns FILE|DIR arguments into the manifest files they name, in a stable order.</summary>
internal static class ManifestFiles
{
    // Dot-folders (.sf workspaces, .git) hold copies and tooling, never manifests to register.
    private static readonly EnumerationOptions _skipHidden = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments, string currentDirectory)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            var path = Path.GetFullPath(argument, currentDirectory);
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.*", _skipHidden)
                    .Where(IsManifestName)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    throw new InvalidInputException($"{argument}: the folder holds no .yaml or .yml files");
                }

                files.AddRange(found);
            }
            else
            {
                throw new InvalidInputException($"{argument}: no such file or folder");
            }
        }

        if (files.Count == 0)
        {
            throw new InvalidInputException("give at least one manifest file or folder");
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Shows a path relative to where the user stands when that is shorter.</summary>
    public static string Display(string path, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static bool IsManifestName(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
