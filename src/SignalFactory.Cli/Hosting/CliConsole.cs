using Spectre.Console;

namespace SignalFactory.Cli.Hosting;

/// <summary>
/// Where a command writes: human output (tables, progress) through Spectre, machine output (JSON) as plain text,
/// errors to stderr. Tests build one over string writers.
/// </summary>
internal sealed class CliConsole
{
    private CliConsole(TextWriter output, TextWriter error, bool interactive, IDictionary<string, string?> environment, string currentDirectory)
    {
        Output = output;
        Error = error;
        IsInteractive = interactive;
        Environment = environment;
        CurrentDirectory = currentDirectory;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Piped output keeps tables readable instead of wrapping at an assumed 80 columns.
            Ansi.Profile.Width = 160;
        }
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Ansi { get; }

    /// <summary>True on a terminal: progress displays are shown only then.</summary>
    public bool IsInteractive { get; }

    public IDictionary<string, string?> Environment { get; }

    public string CurrentDirectory { get; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public static CliConsole FromProcess()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            env[(string)entry.Key] = entry.Value as string;
        }

        return new CliConsole(Console.Out, Console.Error, !Console.IsOutputRedirected, env, Directory.GetCurrentDirectory());
    }

    public static CliConsole ForCapture(TextWriter output, TextWriter error, string currentDirectory, IDictionary<string, string?>? environment = null) =>
        new(output, error, interactive: false, environment ?? new Dictionary<string, string?>(), currentDirectory);

    public void WriteError(string message) => Error.WriteLine($"error: {message}");

    public void WriteWarning(string message) => Error.WriteLine($"warning: {message}");
}
