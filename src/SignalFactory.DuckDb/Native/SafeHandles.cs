using System.Runtime.InteropServices;

namespace SignalFactory.DuckDb;

/// <summary>Owns a duckdb_database; closed with duckdb_close.</summary>
internal sealed unsafe class DuckDbDatabaseHandle : SafeHandle
{
    public DuckDbDatabaseHandle(nint handle)
        : base(0, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.duckdb_close(&h);
        return true;
    }
}

/// <summary>
/// A SafeHandle that holds a reference on its parent handle (DangerousAddRef) from construction until it is released,
/// so native objects are always destroyed child first, even when finalizers run in any order. Constructing one on a
/// disposed parent throws <see cref="ObjectDisposedException"/>.
/// </summary>
internal abstract class DuckDbChildHandle : SafeHandle
{
    private readonly SafeHandle _parent;
    private int _parentReleased;

    protected DuckDbChildHandle(SafeHandle parent)
        : base(0, ownsHandle: true)
    {
        _parent = parent;
        var added = false;
        parent.DangerousAddRef(ref added);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Takes ownership of the native object the parent created.</summary>
    internal void Attach(nint native) => SetHandle(native);

    protected sealed override bool ReleaseHandle()
    {
        try
        {
            ReleaseNative(handle);
        }
        finally
        {
            ReleaseParentOnce();
        }

        return true;
    }

    protected abstract void ReleaseNative(nint native);

    // A handle that never got a native object is not released through ReleaseHandle: give the parent back here.
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (IsInvalid)
        {
            ReleaseParentOnce();
        }
    }

    private void ReleaseParentOnce()
    {
        if (Interlocked.Exchange(ref _parentReleased, 1) == 0)
        {
            _parent.DangerousRelease();
        }
    }
}

/// <summary>Owns a duckdb_connection; disconnected with duckdb_disconnect.</summary>
internal sealed unsafe class DuckDbConnectionHandle(DuckDbDatabaseHandle database) : DuckDbChildHandle(database)
{
    protected override void ReleaseNative(nint native) => NativeMethods.duckdb_disconnect(&native);
}

/// <summary>Owns a duckdb_prepared_statement; destroyed with duckdb_destroy_prepare.</summary>
internal sealed unsafe class DuckDbPreparedStatementHandle(DuckDbConnectionHandle connection)
    : DuckDbChildHandle(connection)
{
    protected override void ReleaseNative(nint native) => NativeMethods.duckdb_destroy_prepare(&native);
}

/// <summary>
/// Owns a duckdb_result struct in native memory (allocated here, 48 bytes) and what DuckDB hangs off it.
/// Keeps the connection alive while the result is read.
/// </summary>
internal sealed unsafe class DuckDbResultHandle : DuckDbChildHandle
{
    public DuckDbResultHandle(DuckDbConnectionHandle connection)
        : base(connection) =>
        Attach((nint)NativeMemory.AllocZeroed((nuint)sizeof(DuckDbNativeResult)));

    public DuckDbNativeResult* Result => (DuckDbNativeResult*)handle;

    protected override void ReleaseNative(nint native)
    {
        NativeMethods.duckdb_destroy_result((DuckDbNativeResult*)native);
        NativeMemory.Free((void*)native);
    }
}

/// <summary>Owns a duckdb_data_chunk; destroyed with duckdb_destroy_data_chunk.</summary>
internal sealed unsafe class DuckDbDataChunkHandle : SafeHandle
{
    public DuckDbDataChunkHandle(nint chunk)
        : base(0, ownsHandle: true) => SetHandle(chunk);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.duckdb_destroy_data_chunk(&h);
        return true;
    }
}
