using System.Text.Json;
using Microsoft.Data.Sqlite;
using SignalFactory.Registry.Sqlite;
using SignalFactory.Registry.Tests.TestSupport;
using SignalFactory.Registry.Workspaces;

namespace SignalFactory.Registry.Tests.Workspaces;

public sealed class WorkspaceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static CancellationToken Ct => CancellationToken.None;

    public void Dispose() => _temp.Dispose();

    private static Func<string, string?> Env(string? workspace) => name => name == "SF_WORKSPACE" ? workspace : null;

    [Fact]
    public void Resolve_ExplicitFolder_WinsOverEnvironmentAndDefault()
    {
        var workspace = Workspace.Resolve("/data/ws", Env("/env/ws"), "/home/me");

        Assert.Equal(("/data/ws", WorkspaceSource.Explicit), (workspace.RootPath, workspace.Source));
    }

    [Fact]
    public void Resolve_NoExplicitFolder_UsesEnvironmentVariable()
    {
        var workspace = Workspace.Resolve(null, Env("/env/ws"), "/home/me");

        Assert.Equal(("/env/ws", WorkspaceSource.Environment), (workspace.RootPath, workspace.Source));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Resolve_NoExplicitFolderAndNoUsableEnvironment_UsesDotSfInCurrentDirectory(string? environmentValue)
    {
        var workspace = Workspace.Resolve(null, Env(environmentValue), "/home/me/project");

        Assert.Equal(("/home/me/project/.sf", WorkspaceSource.Default), (workspace.RootPath, workspace.Source));
    }

    [Fact]
    public void Resolve_RelativePaths_AreTakenFromTheGivenCurrentDirectory()
    {
        Assert.Equal("/home/me/ws", Workspace.Resolve("../ws/", Env(null), "/home/me/project").RootPath);
        Assert.Equal("/home/me/project/state", Workspace.Resolve(null, Env("state"), "/home/me/project").RootPath);
    }

    [Fact]
    public void Resolve_DictionaryEnvironment_BehavesLikeTheFunction()
    {
        var environment = new Dictionary<string, string?> { ["SF_WORKSPACE"] = "/env/ws", ["OTHER"] = "/x" };

        Assert.Equal("/env/ws", Workspace.Resolve(null, environment, "/home/me").RootPath);
        Assert.Equal("/home/me/.sf", Workspace.Resolve(null, new Dictionary<string, string?>(), "/home/me").RootPath);
    }

    [Fact]
    public void Resolve_BlankExplicitFolder_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Workspace.Resolve(" ", Env(null), "/home/me"));
    }

    [Fact]
    public void Paths_AreUnderTheRoot()
    {
        var workspace = Workspace.Resolve("/ws", Env(null), "/");

        Assert.Equal(("/ws/state.db", "/ws/artifacts", "/ws/workspace.json"), (workspace.DatabasePath, workspace.ArtifactsPath, workspace.MarkerPath));
    }

    [Fact]
    public async Task InitializeAsync_NewFolder_CreatesMarkerWalDatabaseArtifactsAndRegistryTables()
    {
        var workspace = Workspace.Resolve(null, Env(null), _temp.Path);

        var result = await workspace.InitializeAsync(Ct);

        Assert.Equal((true, 1), (result.Created, result.SchemaVersion));
        Assert.Equal([1], result.AppliedMigrations);
        Assert.True(workspace.IsInitialized);
        Assert.True(Directory.Exists(Path.Combine(_temp.Path, ".sf", "artifacts")));
        using (var marker = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_temp.Path, ".sf", "workspace.json"), Ct)))
        {
            Assert.Equal("signal-factory-workspace", marker.RootElement.GetProperty("kind").GetString());
            Assert.Equal(1, marker.RootElement.GetProperty("schema_version").GetInt32());
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_temp.Path, ".sf", "state.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        Assert.Equal("wal", await Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(
            "dataset_versions,datasets,schema_migrations",
            await Scalar(connection, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name);"));
        Assert.Equal("1:registry_initial", await Scalar(connection, "SELECT number || ':' || name FROM schema_migrations;"));
    }

    [Fact]
    public async Task InitializeAsync_Twice_IsIdempotentAndAppliesNothingNew()
    {
        var workspace = Workspace.Resolve(Path.Combine(_temp.Path, "ws"), Env(null), _temp.Path);
        await workspace.InitializeAsync(Ct);

        var again = await workspace.InitializeAsync(Ct);

        Assert.Equal((false, 0), (again.Created, again.AppliedMigrations.Count));
    }

    [Fact]
    public async Task OpenAsync_MissingWorkspaceWithoutCreate_SuggestsSfInitAndCreatesNothing()
    {
        var folder = Path.Combine(_temp.Path, "missing");
        var workspace = Workspace.Resolve(folder, Env(null), _temp.Path);

        var error = await Assert.ThrowsAsync<WorkspaceNotFoundException>(() => workspace.OpenAsync(create: false, Ct));

        Assert.Contains("sf init", error.Message, StringComparison.Ordinal);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task OpenAsync_MissingWorkspaceWithCreate_InitialisesIt()
    {
        var workspace = Workspace.Resolve(Path.Combine(_temp.Path, "auto"), Env(null), _temp.Path);

        var result = await workspace.OpenAsync(create: true, Ct);

        Assert.True(result.Created);
        Assert.True(workspace.IsInitialized);
    }

    [Fact]
    public async Task OpenAsync_NonEmptyForeignFolder_IsRefusedAndLeftUntouched()
    {
        var folder = Path.Combine(_temp.Path, "home");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "mine", Ct);
        var workspace = Workspace.Resolve(folder, Env(null), _temp.Path);

        var error = await Assert.ThrowsAsync<WorkspaceFormatException>(() => workspace.InitializeAsync(Ct));

        Assert.Contains("not a Signal Factory workspace", error.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task OpenAsync_InterruptedInitialisation_IsCompletedByInitialize()
    {
        // An earlier init created the database but stopped before writing the marker.
        var folder = Path.Combine(_temp.Path, "ws");
        Directory.CreateDirectory(folder);
        await SqliteMigrator.ApplyAsync(Path.Combine(folder, "state.db"), RegistryMigrations.All, Ct);
        var workspace = Workspace.Resolve(folder, Env(null), _temp.Path);

        await Assert.ThrowsAsync<WorkspaceNotFoundException>(() => workspace.OpenAsync(create: false, Ct));
        var result = await workspace.InitializeAsync(Ct);

        Assert.Equal((true, 0), (result.Created, result.AppliedMigrations.Count));
        Assert.True(workspace.IsInitialized);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("{\"kind\":\"something-else\",\"schema_version\":1}", "not a Signal Factory workspace marker")]
    [InlineData("{\"kind\":\"signal-factory-workspace\",\"schema_version\":2}", "schema_version 2")]
    public async Task OpenAsync_BadMarker_ThrowsWorkspaceFormatException(string marker, string expectedText)
    {
        var workspace = Workspace.Resolve(Path.Combine(_temp.Path, "ws"), Env(null), _temp.Path);
        await workspace.InitializeAsync(Ct);
        await File.WriteAllTextAsync(workspace.MarkerPath, marker, Ct);

        var error = await Assert.ThrowsAsync<WorkspaceFormatException>(() => workspace.OpenAsync(create: true, Ct));

        Assert.Contains(expectedText, error.Message, StringComparison.Ordinal);
        Assert.Contains("workspace.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_MarkerWithoutDatabase_IsRefusedRatherThanStartingEmpty()
    {
        var workspace = Workspace.Resolve(Path.Combine(_temp.Path, "ws"), Env(null), _temp.Path);
        await workspace.InitializeAsync(Ct);
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(workspace.RootPath, "state.db*"))
        {
            File.Delete(file);
        }

        await Assert.ThrowsAsync<WorkspaceFormatException>(() => workspace.OpenAsync(create: true, Ct));

        Assert.False(File.Exists(workspace.DatabasePath));
    }

    [Fact]
    public async Task OpenAsync_AdditionalMigrations_AreAppliedOnceInNumberOrder()
    {
        var workspace = Workspace.Resolve(Path.Combine(_temp.Path, "ws"), Env(null), _temp.Path);
        await workspace.InitializeAsync(Ct);
        // 101 depends on 100's table: applying out of order would fail.
        SqliteMigration[] later =
        [
            new(101, "orchestrator_index", "CREATE INDEX ix_bootstraps_urn ON bootstraps (urn);"),
            new(100, "orchestrator_initial", "CREATE TABLE bootstraps (id TEXT PRIMARY KEY, urn TEXT NOT NULL);"),
        ];

        var first = await workspace.OpenAsync(create: false, later, Ct);
        var second = await workspace.OpenAsync(create: false, later, Ct);

        Assert.Equal([100, 101], first.AppliedMigrations);
        Assert.Empty(second.AppliedMigrations);
        Assert.Equal(
            [(1, "registry_initial"), (100, "orchestrator_initial"), (101, "orchestrator_index")],
            await SqliteMigrator.GetAppliedAsync(workspace.DatabasePath, Ct));
    }

    [Fact]
    public async Task RegistryData_SurvivesReopeningTheWorkspace()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var folder = Path.Combine(_temp.Path, "ws");
        var first = Workspace.Resolve(folder, Env(null), _temp.Path);
        await first.InitializeAsync(Ct);
        var service = new DatasetRegistryService(first.CreateRegistryStore(clock), first.CreateArtifactStore());
        var request = Manifests.Request("ds://raw/orders");
        await service.RegisterAsync([request], Ct);
        SqliteConnection.ClearAllPools();

        var reopened = Workspace.Resolve(null, Env(folder), "/");
        await reopened.OpenAsync(create: false, Ct);

        var stored = await reopened.CreateRegistryStore(clock).GetAsync("ds://raw/orders", null, Ct);
        Assert.Equal(request.YamlContent, stored!.YamlContent);
        var artifact = await reopened.CreateArtifactStore().ReadAsync("datasets/raw/orders/dataset.yaml", Ct);
        Assert.Equal(request.YamlContent, System.Text.Encoding.UTF8.GetString(artifact!));
    }

    private static async Task<string?> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(Ct))?.ToString();
    }
}
