namespace SignalFactory.Policy.Certification.Store;

/// <summary>
/// The <c>certified_view_state</c> store (LLD §7.4; DynamoDB in the seed, the workspace database here): one current
/// record per dataset plus its history. Writes are optimistic: a record must carry the next
/// <see cref="CertifiedViewState.RecordVersion"/> (1 for a dataset without a record).
/// </summary>
public interface ICertificationStore
{
    /// <summary>The current record, or null when the dataset has none.</summary>
    Task<CertifiedViewState?> GetAsync(string datasetUrn, CancellationToken ct);

    /// <summary>Current records with the given status, ordered by URN.</summary>
    Task<IReadOnlyList<CertifiedViewState>> ListByStatusAsync(string status, CancellationToken ct);

    /// <summary>Every version of the dataset's record, oldest first (empty when none).</summary>
    Task<IReadOnlyList<CertifiedViewState>> GetHistoryAsync(string datasetUrn, CancellationToken ct);

    /// <summary>Stores a new version of the record and appends it to the history, in one transaction.</summary>
    /// <exception cref="CertificationConcurrencyException">The stored version is not <c>RecordVersion - 1</c>.</exception>
    /// <exception cref="ArgumentException">The record has an unknown status or an empty required field.</exception>
    Task SaveAsync(CertifiedViewState record, CancellationToken ct);

    /// <summary>
    /// Notes that the graph was seeded for this record version (no new version: the record's content is unchanged).
    /// Returns false when the record has moved on to another version meanwhile.
    /// </summary>
    Task<bool> MarkGraphSeededAsync(string datasetUrn, int recordVersion, CancellationToken ct);
}

/// <summary>Another writer changed the dataset's record first; read it again and decide anew.</summary>
public sealed class CertificationConcurrencyException : Exception
{
    public CertificationConcurrencyException()
    {
    }

    public CertificationConcurrencyException(string message)
        : base(message)
    {
    }

    public CertificationConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The dataset whose record changed.</summary>
    public string? DatasetUrn { get; init; }
}
