namespace SignalFactory.DuckDb;

/// <summary>
/// An open DuckDB database (a file, or in memory). Thread-safe: any number of threads may call <see cref="Connect"/>;
/// each <see cref="DuckDbConnection"/> is then used by one thread at a time. Disposing closes the database once the
/// last connection, statement and result made from it are disposed too.
/// </summary>
public sealed class DuckDbDatabase : IDisposable
{
    private const string InMemory = ":memory:";

    private readonly DuckDbDatabaseHandle _handle;
    private volatile bool _disposed;

    private DuckDbDatabase(DuckDbDatabaseHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The file path, or <c>:memory:</c>.</summary>
    public string Path { get; }

    /// <summary>The version of the loaded native DuckDB library, e.g. <c>v1.5.0</c>.</summary>
    public static string LibraryVersion => Utf8.FromNative(NativeMethods.duckdb_library_version()) ?? "unknown";

    /// <summary>
    /// Opens (or creates) the database at <paramref name="path"/>; null or <c>:memory:</c> opens a new in-memory one.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB refused an option or could not open the database.</exception>
    public static unsafe DuckDbDatabase Open(string? path = null, DuckDbOptions? options = null)
    {
        var target = string.IsNullOrEmpty(path) ? InMemory : path;
        nint config = 0;
        if (NativeMethods.duckdb_create_config(&config) != DuckDbState.Success)
        {
            throw new DuckDbException("DuckDB could not create a configuration object.", DuckDbErrorType.OutOfMemory);
        }

        try
        {
            foreach (var (name, value) in options?.ToSettings() ?? [])
            {
                if (NativeMethods.duckdb_set_config(config, name, value) != DuckDbState.Success)
                {
                    throw new DuckDbException(
                        $"DuckDB rejected the option '{name}' = '{value}' (unknown option or invalid value).",
                        DuckDbErrorType.InvalidConfiguration);
                }
            }

            nint database = 0;
            nint error = 0;
            if (NativeMethods.duckdb_open_ext(target == InMemory ? null : target, &database, config, &error)
                != DuckDbState.Success)
            {
                var message = Utf8.FromNativeAndFree(error);
                if (database != 0)
                {
                    NativeMethods.duckdb_close(&database);
                }

                throw DuckDbErrors.FromMessage(message, $"DuckDB could not open the database '{target}'.");
            }

            return new DuckDbDatabase(new DuckDbDatabaseHandle(database), target);
        }
        finally
        {
            NativeMethods.duckdb_destroy_config(&config);
        }
    }

    /// <summary>Opens a new connection. Connections are cheap; use one per thread.</summary>
    /// <exception cref="DuckDbException">DuckDB could not connect.</exception>
    public unsafe DuckDbConnection Connect()
    {
        // The handle stays open after Dispose while connections use it, so track disposal here.
        ObjectDisposedException.ThrowIf(_disposed, this);
        var handle = new DuckDbConnectionHandle(_handle);
        nint connection = 0;
        if (NativeMethods.duckdb_connect(_handle.DangerousGetHandle(), &connection) != DuckDbState.Success)
        {
            handle.Dispose();
            throw new DuckDbException($"DuckDB could not connect to the database '{Path}'.", DuckDbErrorType.Connection);
        }

        handle.Attach(connection);
        return new DuckDbConnection(handle);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }
}
