namespace SignalFactory.Policy.Certification.Inspection;

/// <summary>A partition column as the profiler types it: DuckDB type name and declared nullability.</summary>
internal sealed record PartitionColumnSpec(string Name, string DuckDbType, bool Nullable);

/// <summary>
/// What the current schema is computed from: a few data files of the newest data, the table's partition columns,
/// Delta column mapping (physical → logical names) and the nullability the table declares (Delta), if any.
/// </summary>
internal sealed record SchemaSource(
    IReadOnlyList<string> Files,
    IReadOnlyList<PartitionColumnSpec> PartitionColumns,
    IReadOnlyDictionary<string, string> PhysicalToLogical,
    IReadOnlyDictionary<string, bool> DeclaredNullable);

/// <summary>
/// What examining a gold table found: either a reason to defer (no data yet) or a pointer to certify together
/// with what its schema is read from. <see cref="Probe"/> is the cheap first-write check's view of the table.
/// </summary>
internal sealed record TableInspection(
    string Probe,
    string Message,
    string? DeferredReason,
    CertifiedPointer? Pointer,
    SchemaSource? Schema)
{
    public static TableInspection Defer(string probe, string reason, string message) => new(probe, message, reason, null, null);

    public static TableInspection WithData(string probe, CertifiedPointer pointer, SchemaSource schema, string message) =>
        new(probe, message, null, pointer, schema);
}

/// <summary>The table exists but cannot be read as what the manifest says; the message names the file or folder.</summary>
internal sealed class TableInspectionException : Exception
{
    public TableInspectionException(string message)
        : base(message)
    {
    }

    public TableInspectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
