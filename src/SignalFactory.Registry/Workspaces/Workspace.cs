using System.Buffers;
using System.Text.Json;
using SignalFactory.Registry.Sqlite;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Registry.Workspaces;

/// <summary>Where a workspace location came from.</summary>
public enum WorkspaceSource
{
    /// <summary><c>--workspace DIR</c>.</summary>
    Explicit,

    /// <summary>The <c>SF_WORKSPACE</c> environment variable.</summary>
    Environment,

    /// <summary><c>./.sf</c> under the current directory.</summary>
    Default,
}

/// <summary>What <see cref="Workspace.OpenAsync(bool, CancellationToken)"/> did.</summary>
/// <param name="Created">The workspace was initialised by this call.</param>
/// <param name="SchemaVersion">The folder layout version from <c>workspace.json</c>.</param>
/// <param name="AppliedMigrations">Database migrations applied by this call, ascending (empty when up to date).</param>
public sealed record WorkspaceOpenResult(bool Created, int SchemaVersion, IReadOnlyList<int> AppliedMigrations);

/// <summary>
/// The embedded deployment's workspace folder: <c>state.db</c> (SQLite, WAL), <c>artifacts/</c> (the artifact store
/// root) and a <c>workspace.json</c> marker, written last, so a folder with the marker is complete.
/// </summary>
public sealed class Workspace
{
    /// <summary>Environment variable naming the workspace folder.</summary>
    public const string EnvironmentVariable = "SF_WORKSPACE";

    /// <summary>Folder used under the current directory when nothing else names one.</summary>
    public const string DefaultFolderName = ".sf";

    /// <summary>The marker file.</summary>
    public const string MarkerFileName = "workspace.json";

    /// <summary>The SQLite database file.</summary>
    public const string DatabaseFileName = "state.db";

    /// <summary>The artifact store folder.</summary>
    public const string ArtifactsFolderName = "artifacts";

    /// <summary>Layout version written to <c>workspace.json</c>; a workspace with a higher one is refused.</summary>
    public const int CurrentSchemaVersion = 1;

    private const string MarkerKind = "signal-factory-workspace";

    // What an interrupted initialisation can leave behind; a folder holding only these may be initialised.
    private static readonly HashSet<string> _ownEntries = new(StringComparer.Ordinal)
    {
        MarkerFileName, DatabaseFileName, DatabaseFileName + "-wal", DatabaseFileName + "-shm",
        DatabaseFileName + "-journal", ArtifactsFolderName,
    };

    private Workspace(string rootPath, WorkspaceSource source)
    {
        RootPath = rootPath;
        Source = source;
    }

    /// <summary>Absolute path of the workspace folder.</summary>
    public string RootPath { get; }

    /// <summary>Where <see cref="RootPath"/> came from.</summary>
    public WorkspaceSource Source { get; }

    /// <summary><c>{root}/state.db</c>.</summary>
    public string DatabasePath => Path.Combine(RootPath, DatabaseFileName);

    /// <summary><c>{root}/artifacts</c>.</summary>
    public string ArtifactsPath => Path.Combine(RootPath, ArtifactsFolderName);

    /// <summary><c>{root}/workspace.json</c>.</summary>
    public string MarkerPath => Path.Combine(RootPath, MarkerFileName);

    /// <summary>Whether the folder holds a workspace marker.</summary>
    public bool IsInitialized => File.Exists(MarkerPath);

    /// <summary>The migrations every workspace database gets (today: the registry's).</summary>
    public static IReadOnlyList<SqliteMigration> BuiltInMigrations => RegistryMigrations.All;

    /// <summary>
    /// Picks the folder without touching the disk: <paramref name="explicitDirectory"/> (<c>--workspace</c>), else
    /// <c>$SF_WORKSPACE</c> when set and not blank, else <c>./.sf</c>. Relative paths are taken from
    /// <paramref name="currentDirectory"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="explicitDirectory"/> is given but blank.</exception>
    public static Workspace Resolve(string? explicitDirectory, Func<string, string?> getEnvironmentVariable, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        ArgumentException.ThrowIfNullOrWhiteSpace(currentDirectory);
        if (explicitDirectory is not null)
        {
            if (string.IsNullOrWhiteSpace(explicitDirectory))
            {
                throw new ArgumentException("--workspace needs a folder path.", nameof(explicitDirectory));
            }

            return new Workspace(Absolute(explicitDirectory, currentDirectory), WorkspaceSource.Explicit);
        }

        var fromEnvironment = getEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new Workspace(Absolute(fromEnvironment, currentDirectory), WorkspaceSource.Environment);
        }

        return new Workspace(Absolute(DefaultFolderName, currentDirectory), WorkspaceSource.Default);
    }

    /// <inheritdoc cref="Resolve(string?, Func{string, string?}, string)" />
    public static Workspace Resolve(string? explicitDirectory, IReadOnlyDictionary<string, string?> environment, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Resolve(explicitDirectory, name => environment.TryGetValue(name, out var value) ? value : null, currentDirectory);
    }

    /// <summary>Creates the workspace if needed and brings its database up to date (idempotent).</summary>
    public Task<WorkspaceOpenResult> InitializeAsync(CancellationToken cancellationToken)
        => OpenAsync(create: true, [], cancellationToken);

    /// <summary>
    /// Opens the workspace, applying pending migrations. With <paramref name="create"/> a missing workspace is
    /// initialised (commands that write may do so); without it a missing one raises
    /// <see cref="WorkspaceNotFoundException"/>, whose message suggests <c>sf init</c>.
    /// </summary>
    public Task<WorkspaceOpenResult> OpenAsync(bool create, CancellationToken cancellationToken)
        => OpenAsync(create, [], cancellationToken);

    /// <summary>
    /// As <see cref="OpenAsync(bool, CancellationToken)"/>, also applying <paramref name="additionalMigrations"/>
    /// (other features' tables) together with <see cref="BuiltInMigrations"/>, in number order.
    /// </summary>
    /// <exception cref="WorkspaceNotFoundException">No workspace and <paramref name="create"/> is false.</exception>
    /// <exception cref="WorkspaceFormatException">The folder is not usable as a workspace.</exception>
    public async Task<WorkspaceOpenResult> OpenAsync(
        bool create,
        IEnumerable<SqliteMigration> additionalMigrations,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(additionalMigrations);
        var migrations = BuiltInMigrations.Concat(additionalMigrations).ToList();

        if (IsInitialized)
        {
            var schemaVersion = ReadMarker();
            if (!File.Exists(DatabasePath))
            {
                throw new WorkspaceFormatException(
                    $"The workspace at '{RootPath}' has no {DatabaseFileName}; its state is lost or was moved. Restore it, or start a new workspace elsewhere.");
            }

            Directory.CreateDirectory(ArtifactsPath);
            var applied = await SqliteMigrator.ApplyAsync(DatabasePath, migrations, cancellationToken).ConfigureAwait(false);
            return new WorkspaceOpenResult(Created: false, schemaVersion, applied);
        }

        if (!create)
        {
            throw new WorkspaceNotFoundException(RootPath);
        }

        EnsureFolderIsOursOrEmpty();
        Directory.CreateDirectory(RootPath);
        Directory.CreateDirectory(ArtifactsPath);
        var appliedOnCreate = await SqliteMigrator.ApplyAsync(DatabasePath, migrations, cancellationToken).ConfigureAwait(false);
        await WriteMarkerAsync(cancellationToken).ConfigureAwait(false);
        return new WorkspaceOpenResult(Created: true, CurrentSchemaVersion, appliedOnCreate);
    }

    /// <summary>The workspace's artifact store (<c>{root}/artifacts</c>).</summary>
    public IArtifactStore CreateArtifactStore() => new LocalArtifactStore(ArtifactsPath);

    /// <summary>The workspace's registry store; open the workspace first so the schema exists.</summary>
    public IRegistryStore CreateRegistryStore(TimeProvider timeProvider) => new SqliteRegistryStore(DatabasePath, timeProvider);

    private static string Absolute(string path, string currentDirectory)
        => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, Path.GetFullPath(currentDirectory)));

    private void EnsureFolderIsOursOrEmpty()
    {
        if (File.Exists(RootPath))
        {
            throw new WorkspaceFormatException($"'{RootPath}' is a file, not a folder; choose another workspace path.");
        }

        if (!Directory.Exists(RootPath))
        {
            return;
        }

        var foreign = Directory.EnumerateFileSystemEntries(RootPath)
            .Select(Path.GetFileName)
            .FirstOrDefault(name => name is not null && !_ownEntries.Contains(name) && !name.StartsWith(MarkerFileName + ".", StringComparison.Ordinal));
        if (foreign is not null)
        {
            throw new WorkspaceFormatException(
                $"'{RootPath}' is not empty and is not a Signal Factory workspace (it holds '{foreign}'). Choose an empty or new folder for the workspace.");
        }
    }

    private int ReadMarker()
    {
        int version;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(MarkerPath));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != MarkerKind
                || !root.TryGetProperty("schema_version", out var schema) || !schema.TryGetInt32(out version))
            {
                throw new WorkspaceFormatException(
                    $"'{MarkerPath}' is not a Signal Factory workspace marker (expected \"kind\": \"{MarkerKind}\" and an integer \"schema_version\").");
            }
        }
        catch (JsonException e)
        {
            throw new WorkspaceFormatException($"'{MarkerPath}' is not valid JSON (line {e.LineNumber + 1}): the workspace marker is damaged.", e);
        }

        if (version < 1 || version > CurrentSchemaVersion)
        {
            throw new WorkspaceFormatException(
                $"'{MarkerPath}' has schema_version {version}; this sf supports 1 to {CurrentSchemaVersion}. The workspace was made by a newer sf: upgrade sf.");
        }

        return version;
    }

    private async Task WriteMarkerAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", MarkerKind);
            writer.WriteNumber("schema_version", CurrentSchemaVersion);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);

        // Temp file + rename, like every artifact: the marker is either absent or complete.
        var temporary = $"{MarkerPath}.{Guid.NewGuid():N}.tmp";
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, MarkerPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
