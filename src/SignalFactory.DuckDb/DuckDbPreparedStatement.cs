namespace SignalFactory.DuckDb;

/// <summary>
/// A prepared statement: bind values to <c>$1</c>, <c>$2</c>, … and execute, as often as needed. Used by one thread at
/// a time, like its <see cref="DuckDbConnection"/>. See <see cref="Bind"/> for the supported .NET types.
/// </summary>
public sealed class DuckDbPreparedStatement : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly DuckDbPreparedStatementHandle _handle;
    private bool _disposed;

    internal DuckDbPreparedStatement(DuckDbConnection connection, DuckDbPreparedStatementHandle handle)
    {
        _connection = connection;
        _handle = handle;
        ParameterCount = checked((int)NativeMethods.duckdb_nparams(handle.DangerousGetHandle()));
    }

    /// <summary>How many parameters the statement has.</summary>
    public int ParameterCount { get; }

    /// <summary>
    /// Binds <paramref name="value"/> to parameter <c>$index</c> (1-based). Supported: null, bool, sbyte, short, int,
    /// long, byte, ushort, uint, ulong, Int128, UInt128, float, double, decimal, string, byte[] (BLOB), DateOnly (DATE),
    /// TimeOnly (TIME), DateTime (TIMESTAMP; a local time is converted to UTC), DateTimeOffset (TIMESTAMPTZ), TimeSpan
    /// and <see cref="DuckDbInterval"/> (INTERVAL), Guid (UUID), and lists (IReadOnlyList of string, long or double)
    /// as a DuckDB LIST.
    /// </summary>
    /// <exception cref="DuckDbException">The type is not supported or DuckDB refused the value.</exception>
    public void Bind(int index1Based, object? value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (index1Based < 1 || index1Based > ParameterCount)
        {
            throw new DuckDbException(
                $"Parameter ${index1Based} does not exist: the statement has {ParameterCount} parameter(s).",
                DuckDbErrorType.InvalidInput);
        }

        ParameterBinder.Bind(_handle.DangerousGetHandle(), index1Based, value);
    }

    /// <summary>Forgets all bound values.</summary>
    public void ClearBindings()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (NativeMethods.duckdb_clear_bindings(_handle.DangerousGetHandle()) != DuckDbState.Success)
        {
            throw new DuckDbException("DuckDB could not clear the bound parameters.");
        }
    }

    /// <summary>Executes the statement with the values bound so far and returns its (materialized) result.</summary>
    /// <exception cref="DuckDbException">DuckDB reported an error (e.g. a parameter was not bound).</exception>
    public unsafe DuckDbResult Execute()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = new DuckDbResultHandle(_connection.Handle);
        try
        {
            DuckDbState state;
            _connection.BeginNative();
            try
            {
                state = NativeMethods.duckdb_execute_prepared(_handle.DangerousGetHandle(), result.Result);
            }
            finally
            {
                _connection.EndNative();
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

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }
}
