namespace SignalFactory.Examples.Lake;

/// <summary>Why the generator refused to run.</summary>
public enum ExampleLakeError
{
    /// <summary>An option is out of range.</summary>
    InvalidOption,

    /// <summary>The target exists and is not an empty directory (or is not replaceable).</summary>
    TargetNotEmpty,

    /// <summary>The target's parent folder cannot be created or written.</summary>
    TargetNotWritable,
}

/// <summary>
/// The generator refused its input; nothing was written. The message names the option or path and is safe to show.
/// </summary>
public sealed class ExampleLakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExampleLakeException(ExampleLakeError error, string message)
        : base(message) => Error = error;

    /// <summary>The kind of refusal (the CLI maps it to an exit code).</summary>
    public ExampleLakeError Error { get; }
}
