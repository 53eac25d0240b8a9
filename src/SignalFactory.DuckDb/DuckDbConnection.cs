namespace SignalFactory.DuckDb;

/// <summary>
/// A connection to a <see cref="DuckDbDatabase"/>. Not thread-safe: use a connection from one thread at a time
/// (await <see cref="QueryAsync(string, IReadOnlyList{object?}, CancellationToken)"/> before the next call);
/// only <see cref="Interrupt"/> may be called from another thread. Open one connection per concurrent worker.
/// </summary>
/// <remarks>
/// Values never go into SQL text: pass them as parameters (<c>$1</c>, <c>$2</c>, …). Identifiers go through
/// <see cref="DuckDbSql.QuoteIdentifier"/>.
/// </remarks>
public sealed class DuckDbConnection : IDisposable
{
    // How often a cancelled QueryAsync re-sends the interrupt: it may reach DuckDB before the query has started.
    private static readonly TimeSpan s_interruptRetry = TimeSpan.FromMilliseconds(20);

    private readonly Lock _runningLock = new();
    private bool _running;
    private volatile bool _disposed;

    internal DuckDbConnection(DuckDbConnectionHandle handle) => Handle = handle;

    internal DuckDbConnectionHandle Handle { get; }

    /// <summary>Runs one or more SQL statements (separated by semicolons) and discards their results.</summary>
    /// <exception cref="DuckDbException">DuckDB reported an error.</exception>
    public void Execute(string sql)
    {
        using var result = Query(sql);
    }

    /// <summary>
    /// Runs a query and returns its (materialized) result. With parameters, the statement is prepared and each value
    /// bound to <c>$1</c>, <c>$2</c>, … in order; without, the text may hold several statements (the last one's
    /// result is returned). A <c>string[]</c> passed alone binds as one VARCHAR[] parameter, not as one parameter
    /// per element; see <see cref="DuckDbPreparedStatement.Bind"/> for the supported types.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB reported an error, or a parameter has an unsupported type.</exception>
    public DuckDbResult Query(string sql, params object?[] parameters) =>
        QueryCore(sql, Normalize(parameters));

    /// <summary>Runs a query and returns the first column of its first row, or default when it has no row or NULL.</summary>
    /// <exception cref="DuckDbException">DuckDB reported an error.</exception>
    /// <exception cref="InvalidCastException">The value cannot be converted to <typeparamref name="T"/>.</exception>
    public T? ExecuteScalar<T>(string sql, params object?[] parameters)
    {
        using var result = QueryCore(sql, Normalize(parameters));
        if (result.ColumnCount == 0 || !result.Read() || result.IsNull(0))
        {
            return default;
        }

        return ValueConverter.To<T>(result.GetValue(0), result.GetName(0));
    }

    /// <summary>Prepares a single statement for repeated execution with different parameters.</summary>
    /// <exception cref="DuckDbException">DuckDB could not parse or bind the statement.</exception>
    public unsafe DuckDbPreparedStatement Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ThrowIfDisposed();
        var handle = new DuckDbPreparedStatementHandle(Handle);
        nint statement = 0;
        DuckDbState state;
        BeginNative();
        try
        {
            state = NativeMethods.duckdb_prepare(Handle.DangerousGetHandle(), sql, &statement);
        }
        finally
        {
            EndNative();
        }

        // DuckDB hands back a statement object even on failure; it carries the message and must be destroyed.
        handle.Attach(statement);
        if (state != DuckDbState.Success)
        {
            var message = statement == 0 ? null : Utf8.FromNative(NativeMethods.duckdb_prepare_error(statement));
            handle.Dispose();
            throw DuckDbErrors.FromMessage(message, "DuckDB could not prepare the statement.");
        }

        return new DuckDbPreparedStatement(this, handle);
    }

    /// <summary>
    /// Runs a query on a worker thread. When <paramref name="cancellationToken"/> fires, the query is interrupted
    /// (duckdb_interrupt) and the task fails with <see cref="OperationCanceledException"/>; the connection stays usable.
    /// <paramref name="parameters"/> are bound like <see cref="Query"/>'s (a string list passed as the whole list binds
    /// as one VARCHAR[] parameter).
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB reported an error.</exception>
    /// <exception cref="OperationCanceledException">The token fired before the query finished.</exception>
    public async Task<DuckDbResult> QueryAsync(
        string sql, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var arguments = Normalize(parameters);
        var work = Task.Run(() => QueryCore(sql, arguments), CancellationToken.None);
        using var registration = cancellationToken.Register(() => _ = KeepInterruptingAsync(work));
        DuckDbResult result;
        try
        {
            result = await work.ConfigureAwait(false);
        }
        catch (DuckDbException ex) when (ex.ErrorType == DuckDbErrorType.Interrupt)
        {
            throw new OperationCanceledException("The DuckDB query was cancelled.", ex, cancellationToken);
        }

        // Some plans finish without looking at the interrupt flag; a cancelled call still reports cancellation.
        if (cancellationToken.IsCancellationRequested)
        {
            result.Dispose();
            throw new OperationCanceledException("The DuckDB query was cancelled.", cancellationToken);
        }

        return result;
    }

    /// <summary>Runs a query without parameters on a worker thread; see the overload with parameters.</summary>
    public Task<DuckDbResult> QueryAsync(string sql, CancellationToken cancellationToken) =>
        QueryAsync(sql, [], cancellationToken);

    /// <summary>
    /// Interrupts the query running on this connection, if any (it then fails with a <see cref="DuckDbException"/>
    /// of type <see cref="DuckDbErrorType.Interrupt"/>). Safe to call from any thread.
    /// </summary>
    public void Interrupt()
    {
        lock (_runningLock)
        {
            // Only while a query runs, so a stray interrupt can never hit the connection's next query.
            if (_running && !_disposed)
            {
                NativeMethods.duckdb_interrupt(Handle.DangerousGetHandle());
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        Handle.Dispose();
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    internal void BeginNative()
    {
        ThrowIfDisposed();
        lock (_runningLock)
        {
            _running = true;
        }
    }

    internal void EndNative()
    {
        lock (_runningLock)
        {
            _running = false;
        }
    }

    private unsafe DuckDbResult QueryCore(string sql, IReadOnlyList<object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ThrowIfDisposed();
        if (parameters.Count > 0)
        {
            using var statement = Prepare(sql);
            for (var i = 0; i < parameters.Count; i++)
            {
                statement.Bind(i + 1, parameters[i]);
            }

            return statement.Execute();
        }

        var result = new DuckDbResultHandle(Handle);
        try
        {
            DuckDbState state;
            BeginNative();
            try
            {
                state = NativeMethods.duckdb_query(Handle.DangerousGetHandle(), sql, result.Result);
            }
            finally
            {
                EndNative();
            }

            if (state != DuckDbState.Success)
            {
                throw DuckDbErrors.FromResult(result.Result);
            }

            return new DuckDbResult(result);
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    // C# passes `null` as a null params array, and a string[] or List<string> (covariance) as the parameter list
    // itself. Both mean one parameter: a NULL, or a list (e.g. the files for read_parquet($1)).
    private static IReadOnlyList<object?> Normalize(IReadOnlyList<object?>? parameters) =>
        parameters switch
        {
            null => [null],
            IReadOnlyList<string> list => [list],
            _ => parameters,
        };

    private async Task KeepInterruptingAsync(Task work)
    {
        while (!work.IsCompleted)
        {
            Interrupt();
            await Task.WhenAny(work, Task.Delay(s_interruptRetry)).ConfigureAwait(false);
        }
    }
}
