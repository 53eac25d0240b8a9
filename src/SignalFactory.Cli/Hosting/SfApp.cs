using System.CommandLine;

namespace SignalFactory.Cli.Hosting;

/// <summary>Builds the <c>sf</c> command tree and runs it with the project's exit-code contract.</summary>
internal static class SfApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                console.WriteError(error.Message);
            }

            var commandPath = string.Join(' ', CommandNames(parse).Prepend("sf"));
            console.Error.WriteLine($"Run '{commandPath} --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Output,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            console.WriteError(ex.Message);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            console.WriteError("cancelled");
            return ExitCodes.Failed;
        }
#pragma warning disable CA1031 // The CLI's last line of defence: report, never print a stack trace to users.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            console.WriteError($"unexpected failure: {ex.Message}");
            if (console.Environment.TryGetValue("SF_DEBUG", out var debug) && debug == "1")
            {
                console.Error.WriteLine(ex.ToString());
            }
            else
            {
                console.Error.WriteLine("Set SF_DEBUG=1 to see the details.");
            }

            return ExitCodes.Failed;
        }
    }

    private static IEnumerable<string> CommandNames(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return names;
    }

    internal static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand(
            "Signal Factory Bootstrap: onboards Delta Lake and Parquet datasets into the data-observability platform.\n" +
            "Register dataset.yaml manifests, profile tables into baselines, generate signed policies and certify views.");
        root.Options.Add(GlobalOptions.Workspace);
        foreach (var command in CommandCatalog.Create(console))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
