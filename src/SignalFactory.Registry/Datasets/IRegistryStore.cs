namespace SignalFactory.Registry;

/// <summary>
/// Called by <see cref="IRegistryStore.RegisterAsync(IReadOnlyList{RegistrationRequest}, RegistrationCommitHook?, CancellationToken)"/>
/// after every version in the batch is assigned and before the transaction commits. If it throws, nothing is
/// committed. Used to write version artifacts before the database can point at them.
/// </summary>
public delegate Task RegistrationCommitHook(IReadOnlyList<RegistrationResult> pending, CancellationToken cancellationToken);

/// <summary>
/// The system of record for dataset manifests (LLD §3.3), independent of the database behind it. Every
/// implementation must pass the <c>RegistryStoreCompliance</c> test suite.
/// </summary>
/// <remarks>
/// Rules: versions start at 1 and grow by one per URN; a request whose content hash equals the latest version's
/// changes nothing (<see cref="RegistrationOutcome.Unchanged"/>); a new version keeps the current status and
/// bootstrap id; concurrent registrations of one URN never produce duplicate or lost versions.
/// </remarks>
public interface IRegistryStore
{
    /// <summary>Registers a batch in one transaction: all requests take effect or none; results in request order.</summary>
    /// <exception cref="ArgumentException">A request has an empty required field; nothing is registered.</exception>
    Task<IReadOnlyList<RegistrationResult>> RegisterAsync(IReadOnlyList<RegistrationRequest> requests, CancellationToken cancellationToken)
        => RegisterAsync(requests, beforeCommit: null, cancellationToken);

    /// <summary>As <see cref="RegisterAsync(IReadOnlyList{RegistrationRequest}, CancellationToken)"/>, running
    /// <paramref name="beforeCommit"/> inside the transaction, after versions are assigned.</summary>
    Task<IReadOnlyList<RegistrationResult>> RegisterAsync(
        IReadOnlyList<RegistrationRequest> requests,
        RegistrationCommitHook? beforeCommit,
        CancellationToken cancellationToken);

    /// <summary>The given version, or the latest when <paramref name="version"/> is null; null when unknown.</summary>
    Task<RegisteredDataset?> GetAsync(string urn, int? version, CancellationToken cancellationToken);

    /// <summary>All versions of the URN in ascending order; empty when the URN is unknown.</summary>
    Task<IReadOnlyList<int>> GetVersionsAsync(string urn, CancellationToken cancellationToken);

    /// <summary>Latest version per URN matching the filters, ordered by URN (ordinal), one page at a time.</summary>
    /// <exception cref="ArgumentException">
    /// Page size outside 1..<see cref="RegistryQuery.MaxPageSize"/>, unknown status filter, or a page token that is
    /// corrupted or was issued for other filters.
    /// </exception>
    Task<RegistryPage> ListAsync(RegistryQuery query, CancellationToken cancellationToken);

    /// <summary>Sets the dataset's status and bootstrap id (null clears it); returns the latest version.</summary>
    /// <exception cref="ArgumentException">Unknown status.</exception>
    /// <exception cref="DatasetNotFoundException">No dataset has that URN.</exception>
    Task<RegisteredDataset> SetStatusAsync(string urn, string status, string? bootstrapId, CancellationToken cancellationToken);
}
