using Microsoft.Data.Sqlite;
using SignalFactory.Registry.Sqlite;
using SignalFactory.Registry.Tests.TestSupport;

namespace SignalFactory.Registry.Tests.Sqlite;

public sealed class SqliteMigratorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string DatabasePath => Path.Combine(_temp.Path, "state.db");

    private static CancellationToken Ct => CancellationToken.None;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ApplyAsync_FailingMigration_RollsBackItselfAndKeepsEarlierOnes()
    {
        SqliteMigration[] migrations =
        [
            new(1, "one", "CREATE TABLE one (x INTEGER);"),
            new(2, "two", "CREATE TABLE two (x INTEGER); INSERT INTO no_such_table VALUES (1);"),
            new(3, "three", "CREATE TABLE three (x INTEGER);"),
        ];

        await Assert.ThrowsAsync<SqliteException>(() => SqliteMigrator.ApplyAsync(DatabasePath, migrations, Ct));

        Assert.Equal([(1, "one")], await SqliteMigrator.GetAppliedAsync(DatabasePath, Ct));
        Assert.Equal(["one", "schema_migrations"], await TablesAsync());
    }

    [Fact]
    public async Task ApplyAsync_DuplicateNumbers_ThrowsBeforeTouchingTheDatabase()
    {
        SqliteMigration[] migrations = [new(5, "a", "CREATE TABLE a (x);"), new(5, "b", "CREATE TABLE b (x);")];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SqliteMigrator.ApplyAsync(DatabasePath, migrations, Ct));

        Assert.Contains("share number 5", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task ApplyAsync_NumberRecordedUnderAnotherName_ThrowsInvalidOperation()
    {
        await SqliteMigrator.ApplyAsync(DatabasePath, [new(7, "mine", "CREATE TABLE mine (x);")], Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => SqliteMigrator.ApplyAsync(DatabasePath, [new(7, "theirs", "CREATE TABLE theirs (x);")], Ct));

        Assert.Contains("'mine'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'theirs'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_TwoMigratorsAtOnce_ApplyEachMigrationExactlyOnce()
    {
        var migrations = RegistryMigrations.All.Concat([new SqliteMigration(100, "extra", "CREATE TABLE extra (x);")]).ToList();
        await SqliteMigrator.ApplyAsync(DatabasePath, [], Ct);
        using var start = new Barrier(2);

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await SqliteMigrator.ApplyAsync(DatabasePath, migrations, Ct);
        })));

        Assert.Equal([1, 100], results.SelectMany(r => r).Order());
        Assert.Equal([(1, "registry_initial"), (100, "extra")], await SqliteMigrator.GetAppliedAsync(DatabasePath, Ct));
    }

    private async Task<List<string>> TablesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var names = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
