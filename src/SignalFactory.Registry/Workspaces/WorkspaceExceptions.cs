namespace SignalFactory.Registry.Workspaces;

/// <summary>The resolved folder is not an initialised workspace (no <c>workspace.json</c>).</summary>
public sealed class WorkspaceNotFoundException : Exception
{
    public WorkspaceNotFoundException()
        : this(string.Empty)
    {
    }

    public WorkspaceNotFoundException(string rootPath)
        : base($"No Signal Factory workspace at '{rootPath}' (no {Workspace.MarkerFileName}). "
            + $"Run 'sf init' to create one, or point to an existing one with --workspace DIR or ${Workspace.EnvironmentVariable}.")
    {
        RootPath = rootPath;
    }

    public WorkspaceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        RootPath = string.Empty;
    }

    /// <summary>The folder that was looked at.</summary>
    public string RootPath { get; }
}

/// <summary>
/// The folder cannot be used as a workspace: a damaged or newer <c>workspace.json</c>, a missing database, or a
/// non-empty folder that is not a workspace (refused so <c>sf init</c> never litters an unrelated folder).
/// </summary>
public sealed class WorkspaceFormatException : Exception
{
    public WorkspaceFormatException()
    {
    }

    public WorkspaceFormatException(string message)
        : base(message)
    {
    }

    public WorkspaceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
