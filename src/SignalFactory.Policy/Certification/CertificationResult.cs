namespace SignalFactory.Policy.Certification;

/// <summary>One column of the schema the certifier observed (canonical type, as in <c>baseline.json</c>).</summary>
public sealed record ObservedColumn(string Name, string Type, bool Nullable);

/// <summary>
/// The outcome of <see cref="CertifiedViewInitializer.CertifyAsync"/>. <see cref="Record"/> is the stored record
/// after the call (unchanged, or null when there is none, after <see cref="CertificationStatus.Failed"/>).
/// <see cref="Pointer"/> is what the table holds now: the certified pointer for a CERTIFIED outcome, the pointer
/// that would have been certified for SCHEMA_CHANGED, null otherwise. Messages never hold data values.
/// </summary>
public sealed record CertificationResult
{
    /// <summary>The dataset URN.</summary>
    public required string DatasetUrn { get; init; }

    /// <summary>CERTIFIED, DEFERRED, SCHEMA_CHANGED or FAILED (see <see cref="CertificationStatus"/>).</summary>
    public required string Status { get; init; }

    /// <summary>What happened, in one sentence (the reason for anything but CERTIFIED).</summary>
    public required string Message { get; init; }

    /// <summary>The stored record after the call.</summary>
    public CertifiedViewState? Record { get; init; }

    /// <summary>The pointer the table gives now; see the type's remarks.</summary>
    public CertifiedPointer? Pointer { get; init; }

    /// <summary>For DEFERRED: <see cref="DeferredReasons"/>.</summary>
    public string? DeferredReason { get; init; }

    /// <summary>What the schema check did.</summary>
    public SchemaCheckOutcome SchemaCheck { get; init; } = SchemaCheckOutcome.NotRun;

    /// <summary>The fingerprint the table was checked against.</summary>
    public string? ExpectedSchemaFingerprint { get; init; }

    /// <summary>The table's current fingerprint, when it has data.</summary>
    public string? ObservedSchemaFingerprint { get; init; }

    /// <summary>The table's current columns, when it has data (names and types only).</summary>
    public IReadOnlyList<ObservedColumn> ObservedColumns { get; init; } = [];

    /// <summary>True when this call wrote a new record version; false when the stored record already said the same.</summary>
    public bool RecordChanged { get; init; }

    /// <summary>True when the graph node and edges are in place for the record.</summary>
    public bool GraphSeeded { get; init; }

    /// <summary>Problems that did not decide the outcome (e.g. the graph could not be seeded).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
