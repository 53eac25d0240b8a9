namespace SignalFactory.Cli.Hosting;

/// <summary>
/// A failure the user should read as a sentence, not a stack trace. The exit code tells scripts what kind it was.
/// </summary>
internal class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Bad input: a file, field, flag or argument the user must fix (exit 2).</summary>
internal sealed class InvalidInputException(string message) : CliException(message, ExitCodes.InvalidInput);
