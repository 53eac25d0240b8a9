using System.Diagnostics.Metrics;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Profiling.Refinement;

/// <summary>The Baseline Store of an embedded workspace (<c>state.db</c>).</summary>
public static class WorkspaceBaselines
{
    /// <summary>
    /// Opens the workspace as <see cref="Workspace.OpenAsync(bool, IEnumerable{Registry.Sqlite.SqliteMigration}, CancellationToken)"/>
    /// does, also applying <see cref="BaselineMigrations.All"/>.
    /// </summary>
    public static Task<WorkspaceOpenResult> OpenWithBaselinesAsync(this Workspace workspace, bool create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return workspace.OpenAsync(create, BaselineMigrations.All, cancellationToken);
    }

    /// <summary>The workspace's Baseline Store; open it with <see cref="OpenWithBaselinesAsync"/> first so the tables exist.</summary>
    public static IBaselineStore CreateBaselineStore(this Workspace workspace, TimeProvider timeProvider, Meter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return new SqliteBaselineStore(workspace.DatabasePath, timeProvider, meter);
    }
}
