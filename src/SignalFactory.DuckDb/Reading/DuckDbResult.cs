namespace SignalFactory.DuckDb;

/// <summary>
/// The result of a query, read row by row: call <see cref="Read"/> until it returns false, then the getters for the
/// current row. Reads DuckDB's data chunks (2,048 rows each) and their vectors directly. Used by one thread at a time;
/// dispose it to free DuckDB's memory.
/// </summary>
/// <remarks>
/// <see cref="GetValue"/> gives each DuckDB type's natural .NET type: BOOLEAN bool; TINYINT…UBIGINT the same-width
/// integer; HUGEINT Int128; UHUGEINT UInt128; FLOAT float; DOUBLE double; DECIMAL decimal; VARCHAR and ENUM string;
/// BLOB byte[]; UUID Guid; DATE DateOnly; TIME and TIME_NS TimeOnly; TIME WITH TIME ZONE <see cref="DuckDbTimeTz"/>;
/// TIMESTAMP, TIMESTAMP_S/_MS/_NS DateTime (UTC); TIMESTAMP WITH TIME ZONE DateTimeOffset (UTC); INTERVAL
/// <see cref="DuckDbInterval"/>; LIST and ARRAY object?[]; STRUCT Dictionary&lt;string, object?&gt;; MAP
/// List&lt;KeyValuePair&lt;object?, object?&gt;&gt;. Other types (UNION, BIT, BIGNUM, …) throw a
/// <see cref="DuckDbException"/> asking to cast the column in SQL.
/// </remarks>
public sealed unsafe class DuckDbResult : IDisposable
{
    private readonly DuckDbResultHandle _handle;
    private readonly string[] _names;
    private readonly ColumnTypeInfo[] _types;
    private readonly nint[] _vectors;
    private readonly nint[] _data;
    private readonly nint[] _validity;
    private DuckDbDataChunkHandle? _chunk;
    private ulong _chunkSize;
    private ulong _row;
    private bool _onRow;
    private bool _finished;
    private bool _disposed;

    internal DuckDbResult(DuckDbResultHandle handle)
    {
        _handle = handle;
        var result = handle.Result;
        var count = checked((int)NativeMethods.duckdb_column_count(result));
        _names = new string[count];
        _types = new ColumnTypeInfo[count];
        for (var i = 0; i < count; i++)
        {
            _names[i] = Utf8.FromNative(NativeMethods.duckdb_column_name(result, (ulong)i)) ?? "";
            var logicalType = NativeMethods.duckdb_column_logical_type(result, (ulong)i);
            try
            {
                _types[i] = ColumnTypeInfo.FromLogicalType(logicalType);
            }
            finally
            {
                NativeMethods.duckdb_destroy_logical_type(&logicalType);
            }
        }

        RowsChanged = checked((long)NativeMethods.duckdb_rows_changed(result));
        _vectors = new nint[count];
        _data = new nint[count];
        _validity = new nint[count];
    }

    /// <summary>How many columns the result has.</summary>
    public int ColumnCount => _names.Length;

    /// <summary>Rows inserted, updated or deleted by the statement; 0 for queries.</summary>
    public long RowsChanged { get; }

    /// <summary>The column's name.</summary>
    public string GetName(int column) => _names[CheckColumn(column)];

    /// <summary>The index of the first column with this name (exact match first, then ignoring case).</summary>
    /// <exception cref="ArgumentException">No column has this name.</exception>
    public int GetOrdinal(string name)
    {
        var index = Array.FindIndex(_names, n => string.Equals(n, name, StringComparison.Ordinal));
        if (index < 0)
        {
            index = Array.FindIndex(_names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        }

        return index >= 0 ? index : throw new ArgumentException($"The result has no column named '{name}'.", nameof(name));
    }

    /// <summary>The column's DuckDB type id.</summary>
    public DuckDbType GetColumnType(int column) => _types[CheckColumn(column)].Type;

    /// <summary>The column's SQL type, e.g. <c>DECIMAL(12,2)</c>, <c>VARCHAR[]</c>, <c>STRUCT(a INTEGER)</c>.</summary>
    public string GetTypeName(int column) => _types[CheckColumn(column)].SqlName;

    /// <summary>Moves to the next row; false when there are no more.</summary>
    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            return false;
        }

        if (_onRow && _row + 1 < _chunkSize)
        {
            _row++;
            return true;
        }

        while (FetchChunk())
        {
            if (_chunkSize > 0)
            {
                _row = 0;
                _onRow = true;
                return true;
            }
        }

        _onRow = false;
        _finished = true;
        return false;
    }

    /// <summary>True when the column is NULL in the current row.</summary>
    public bool IsNull(int column)
    {
        CheckRow(column);
        return !VectorReader.IsValid((ulong*)_validity[column], _row);
    }

    /// <summary>The value in the current row as its natural .NET type (see the remarks on this class), or null.</summary>
    public object? GetValue(int column)
    {
        CheckRow(column);
        return VectorReader.IsValid((ulong*)_validity[column], _row)
            ? VectorReader.ReadValid(_types[column], _vectors[column], (void*)_data[column], _row, _names[column])
            : null;
    }

    /// <summary>Copies the current row's values into <paramref name="values"/>; returns how many were copied.</summary>
    public int GetValues(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = Math.Min(values.Length, ColumnCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    /// <summary>Reads the remaining rows, each as an array of <see cref="GetValue"/> results.</summary>
    public IEnumerable<object?[]> Rows()
    {
        while (Read())
        {
            var row = new object?[ColumnCount];
            GetValues(row);
            yield return row;
        }
    }

    /// <summary>The value converted to <typeparamref name="T"/> (numbers widen or narrow when the value fits).</summary>
    /// <remarks>The typed getters below convert the same way; all throw <see cref="InvalidCastException"/> for NULL
    /// (check <see cref="IsNull"/>, or ask for a nullable type) and for a value that does not convert.</remarks>
    /// <exception cref="InvalidCastException">NULL for a non-nullable T, or a value that does not convert.</exception>
    public T GetFieldValue<T>(int column) => ValueConverter.To<T>(GetValue(column), _names[column]);

    /// <summary>A BOOLEAN.</summary>
    public bool GetBoolean(int column) => GetFieldValue<bool>(column);

    /// <summary>An integer (any width) whose value fits in an int.</summary>
    public int GetInt32(int column) =>
        Is(column, DuckDbType.Integer) ? ((int*)_data[column])[_row] : GetFieldValue<int>(column);

    /// <summary>An integer (any width, or an integral DECIMAL) whose value fits in a long.</summary>
    public long GetInt64(int column) =>
        Is(column, DuckDbType.BigInt) ? ((long*)_data[column])[_row] : GetFieldValue<long>(column);

    /// <summary>A DOUBLE, FLOAT, DECIMAL or integer as a double.</summary>
    public double GetDouble(int column) =>
        Is(column, DuckDbType.Double) ? ((double*)_data[column])[_row] : GetFieldValue<double>(column);

    /// <summary>A DECIMAL (any width) or integer as a decimal.</summary>
    public decimal GetDecimal(int column) => GetFieldValue<decimal>(column);

    /// <summary>A VARCHAR or ENUM.</summary>
    public string GetString(int column) => GetFieldValue<string>(column);

    /// <summary>A BLOB.</summary>
    public byte[] GetBlob(int column) => GetFieldValue<byte[]>(column);

    /// <summary>A UUID.</summary>
    public Guid GetGuid(int column) => GetFieldValue<Guid>(column);

    /// <summary>A DATE.</summary>
    public DateOnly GetDate(int column) => GetFieldValue<DateOnly>(column);

    /// <summary>A TIMESTAMP (any unit) or TIMESTAMP WITH TIME ZONE as a UTC DateTime.</summary>
    public DateTime GetTimestamp(int column) => GetFieldValue<DateTime>(column);

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _chunk?.Dispose();
        _chunk = null;
        _handle.Dispose();
    }

    private bool FetchChunk()
    {
        _chunk?.Dispose();
        _chunk = null;
        var chunk = NativeMethods.duckdb_fetch_chunk(*_handle.Result);
        if (chunk == 0)
        {
            return false;
        }

        _chunk = new DuckDbDataChunkHandle(chunk);
        _chunkSize = NativeMethods.duckdb_data_chunk_get_size(chunk);
        for (var i = 0; i < _vectors.Length; i++)
        {
            var vector = NativeMethods.duckdb_data_chunk_get_vector(chunk, (ulong)i);
            _vectors[i] = vector;
            _data[i] = (nint)NativeMethods.duckdb_vector_get_data(vector);
            _validity[i] = (nint)NativeMethods.duckdb_vector_get_validity(vector);
        }

        return true;
    }

    private bool Is(int column, DuckDbType type)
    {
        CheckRow(column);
        return _types[column].Type == type && VectorReader.IsValid((ulong*)_validity[column], _row);
    }

    private int CheckColumn(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
        return column;
    }

    private void CheckRow(int column)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckColumn(column);
        if (!_onRow)
        {
            throw new InvalidOperationException("No current row: call Read() first, and only while it returns true.");
        }
    }
}
