using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Core.Manifests;

namespace SignalFactory.Cli.Validate;

/// <summary><c>sf validate FILE|DIR…</c>: checks manifests without registering anything.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("FILE|DIR")
        {
            Description = "dataset.yaml files, or folders searched for *.yaml/*.yml",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = GlobalOptions.Json();
        var command = new Command("validate", "Validate dataset.yaml manifests (exit 0 valid, 2 invalid; warnings do not fail)")
        {
            paths,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var files = ManifestFiles.Expand(parse.GetRequiredValue(paths), console.CurrentDirectory);
            var results = await LoadAllAsync(files, console.CurrentDirectory, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                CliJson.Write(console, results.Select(ToJson).ToList());
            }
            else
            {
                PrintHuman(console, results);
            }

            return results.All(r => r.Result.IsValid) ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }

    /// <summary>Loads every file; diagnostics carry the path as the user typed it.</summary>
    internal static async Task<IReadOnlyList<LoadedManifest>> LoadAllAsync(
        IReadOnlyList<string> files, string currentDirectory, CancellationToken ct)
    {
        var loaded = new List<LoadedManifest>(files.Count);
        foreach (var file in files)
        {
            var display = ManifestFiles.Display(file, currentDirectory);
            var result = await ManifestLoader.LoadFileAsync(file, ct).ConfigureAwait(false);
            loaded.Add(new LoadedManifest(file, display, Relabel(result, display)));
        }

        return loaded;
    }

    internal static void PrintDiagnostics(CliConsole console, LoadedManifest manifest)
    {
        foreach (var diagnostic in manifest.Result.Report.All)
        {
            console.Error.WriteLine(diagnostic.ToString());
        }
    }

    private static void PrintHuman(CliConsole console, IReadOnlyList<LoadedManifest> results)
    {
        foreach (var manifest in results)
        {
            PrintDiagnostics(console, manifest);
            var status = manifest.Result.IsValid ? "valid" : "INVALID";
            var urn = manifest.Result.Manifest?.Urn is { } u ? $" ({u})" : string.Empty;
            console.Output.WriteLine($"{manifest.Display}: {status}{urn}");
        }

        var invalid = results.Count(r => !r.Result.IsValid);
        var warnings = results.Sum(r => r.Result.Report.Warnings.Count);
        console.Output.WriteLine($"{results.Count} file(s): {results.Count - invalid} valid, {invalid} invalid, {warnings} warning(s)");
    }

    private static ManifestLoadResult Relabel(ManifestLoadResult result, string display) =>
        result with
        {
            Report = new ValidationReport(
                result.Report.Errors.Select(d => d with { SourceName = display }).ToList(),
                result.Report.Warnings.Select(d => d with { SourceName = display }).ToList()),
        };

    private static object ToJson(LoadedManifest manifest) => new
    {
        file = manifest.Display,
        valid = manifest.Result.IsValid,
        urn = manifest.Result.Manifest?.Urn,
        errors = manifest.Result.Report.Errors.Select(DiagnosticJson).ToList(),
        warnings = manifest.Result.Report.Warnings.Select(DiagnosticJson).ToList(),
    };

    private static object DiagnosticJson(ManifestDiagnostic d) => new
    {
        path = d.Path,
        message = d.Message,
        line = d.Line,
        column = d.Column,
    };
}

/// <summary>A manifest file, how to show its name, and what loading it found.</summary>
internal sealed record LoadedManifest(string FullPath, string Display, ManifestLoadResult Result);
