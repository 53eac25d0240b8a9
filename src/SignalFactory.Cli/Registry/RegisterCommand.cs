using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Cli.Validate;
using SignalFactory.Registry;
using Spectre.Console;

namespace SignalFactory.Cli.Registry;

/// <summary>
/// <c>sf registry register FILE|DIR…</c>: validates every manifest first and registers all of them in one
/// transaction, or none when any is invalid.
/// </summary>
internal static class RegisterCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("FILE|DIR")
        {
            Description = "dataset.yaml files, or folders searched for *.yaml/*.yml",
            Arity = ArgumentArity.OneOrMore,
        };
        var registeredBy = new Option<string?>("--as")
        {
            Description = "Who registers, when a manifest has no metadata.created_by (default: human:<login name>)",
        };
        var json = GlobalOptions.Json();
        var command = new Command("register", "Validate and register manifests; identical content keeps its version, changed content gets the next")
        {
            paths,
            registeredBy,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var results = await RegisterAsync(
                console, parse, parse.GetRequiredValue(paths), parse.GetValue(registeredBy), ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                CliJson.Write(console, results.Select(r => new
                {
                    urn = r.Dataset.Urn,
                    version = r.Dataset.Version,
                    outcome = r.Outcome,
                    tier = r.Dataset.Tier,
                    format = r.Dataset.Format,
                    status = r.Dataset.Status,
                }).ToList());
            }
            else
            {
                PrintTable(console, results);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Validates and registers; shared with the quick start. Throws <see cref="InvalidInputException"/> on any invalid file.</summary>
    internal static async Task<IReadOnlyList<RegistrationResult>> RegisterAsync(
        CliConsole console, ParseResult parse, IEnumerable<string> paths, string? registeredBy, CancellationToken ct)
    {
        var files = ManifestFiles.Expand(paths, console.CurrentDirectory);
        var loaded = await ValidateCommand.LoadAllAsync(files, console.CurrentDirectory, ct).ConfigureAwait(false);
        foreach (var manifest in loaded)
        {
            ValidateCommand.PrintDiagnostics(console, manifest);
        }

        var invalid = loaded.Where(m => !m.Result.IsValid).Select(m => m.Display).ToList();
        if (invalid.Count > 0)
        {
            throw new InvalidInputException(
                $"{invalid.Count} of {loaded.Count} manifest(s) are invalid ({string.Join(", ", invalid)}); nothing was registered");
        }

        var valid = new List<ValidManifest>(loaded.Count);
        foreach (var manifest in loaded)
        {
            var text = await File.ReadAllTextAsync(manifest.FullPath, ct).ConfigureAwait(false);
            valid.Add(new ValidManifest(manifest.Display, text, manifest.Result.Manifest!));
        }

        IReadOnlyList<RegistrationRequest> requests;
        try
        {
            requests = ManifestRegistration.ToRequests(valid, registeredBy ?? $"human:{Environment.UserName}");
        }
        catch (ArgumentException ex)
        {
            throw new InvalidInputException(ex.Message);
        }

        var workspace = await WorkspaceAccess.OpenAsync(console, parse, create: true, ct).ConfigureAwait(false);
        var service = new DatasetRegistryService(workspace.CreateRegistryStore(console.Clock), workspace.CreateArtifactStore());
        return await service.RegisterAsync(requests, ct).ConfigureAwait(false);
    }

    internal static void PrintTable(CliConsole console, IReadOnlyList<RegistrationResult> results)
    {
        var table = new Table().AddColumns("URN", "VERSION", "OUTCOME", "TIER", "FORMAT", "STATUS");
        foreach (var result in results)
        {
            table.AddRow(
                Markup.Escape(result.Dataset.Urn),
                result.Dataset.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                result.Outcome switch
                {
                    RegistrationOutcome.Created => "created",
                    RegistrationOutcome.NewVersion => "new version",
                    _ => "unchanged",
                },
                result.Dataset.Tier,
                result.Dataset.Format,
                result.Dataset.Status);
        }

        console.Ansi.Write(table);
        console.Output.WriteLine(
            $"{results.Count} manifest(s): {results.Count(r => r.Outcome == RegistrationOutcome.Created)} created, " +
            $"{results.Count(r => r.Outcome == RegistrationOutcome.NewVersion)} new version(s), " +
            $"{results.Count(r => r.Outcome == RegistrationOutcome.Unchanged)} unchanged");
    }
}
