using SignalFactory.DuckDb;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// A data column as DuckDB reads it from the files: <see cref="SourceName"/> is the name in the files (quoted in
/// <see cref="Sql"/>, never pasted raw), <see cref="LogicalName"/> the table's name for it.
/// </summary>
internal sealed record ScanColumn(
    string SourceName,
    string LogicalName,
    string TypeName,
    DuckDbType Type,
    ScanColumnKind Kind,
    bool Nullable)
{
    public string Sql { get; } = DuckDbSql.QuoteIdentifier(SourceName);

    /// <summary>
    /// Whether the Parquet schemas name this column as DuckDB does. When not (a name DuckDB changed), which files hold
    /// it is unknown, and it is assumed present in every file.
    /// </summary>
    public bool NamedInFooters { get; init; } = true;

    /// <summary>Min/max make sense (and are cheap) for every non-nested column.</summary>
    public bool HasMinMax => Kind != ScanColumnKind.Nested;

    public bool IsFloatingPoint => Type is DuckDbType.Float or DuckDbType.Double;

    public static ScanColumnKind KindOf(DuckDbType type) => type switch
    {
        DuckDbType.TinyInt or DuckDbType.SmallInt or DuckDbType.Integer or DuckDbType.BigInt
            or DuckDbType.UTinyInt or DuckDbType.USmallInt or DuckDbType.UInteger or DuckDbType.UBigInt
            or DuckDbType.HugeInt or DuckDbType.UHugeInt or DuckDbType.Float or DuckDbType.Double
            or DuckDbType.Decimal => ScanColumnKind.Numeric,
        DuckDbType.VarChar => ScanColumnKind.String,
        DuckDbType.Boolean => ScanColumnKind.Boolean,
        DuckDbType.Date or DuckDbType.Time or DuckDbType.TimeNs or DuckDbType.TimeTz or DuckDbType.Timestamp
            or DuckDbType.TimestampS or DuckDbType.TimestampMs or DuckDbType.TimestampNs or DuckDbType.TimestampTz
            or DuckDbType.Interval => ScanColumnKind.Temporal,
        DuckDbType.List or DuckDbType.Struct or DuckDbType.Map or DuckDbType.Array or DuckDbType.Union
            or DuckDbType.Variant => ScanColumnKind.Nested,
        _ => ScanColumnKind.Other,
    };
}
