using Microsoft.Data.Sqlite;
using SignalFactory.Orchestration.Sqlite;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Orchestration.Tests.TestSupport;

/// <summary>A real workspace in a temp folder with the orchestration migrations applied.</summary>
public sealed class TestWorkspace : IDisposable
{
    private readonly TempFolder _folder = new();

    private TestWorkspace()
    {
        Workspace = Workspace.Resolve(Path.Combine(_folder.Path, "ws"), _ => null, _folder.Path);
    }

    public Workspace Workspace { get; }

    public string DatabasePath => Workspace.DatabasePath;

    public static async Task<TestWorkspace> CreateAsync()
    {
        var workspace = new TestWorkspace();
        await workspace.Workspace.OpenAsync(create: true, OrchestrationMigrations.All, CancellationToken.None);
        return workspace;
    }

    /// <summary>A raw connection, as someone with access to the database file would have.</summary>
    public async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteRawAsync(string sql)
    {
        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarRawAsync(string sql)
    {
        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose() => _folder.Dispose();
}
