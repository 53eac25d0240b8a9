namespace SignalFactory.Registry;

/// <summary>
/// One manifest to register. The caller has parsed and validated the <c>dataset.yaml</c>; the store only versions it.
/// </summary>
/// <param name="Urn">Canonical URN, <c>ds://{zone}/{name}</c>.</param>
/// <param name="Tier">TIER_1 / TIER_2 / TIER_3 (stored as given).</param>
/// <param name="Format">Storage format, <c>delta</c> or <c>parquet</c>.</param>
/// <param name="Runtime">spark / python / dask / dbt.</param>
/// <param name="EnforcementModel">inline_sdk / post_write, or null when the manifest has none.</param>
/// <param name="OwnerTeam">Owning team.</param>
/// <param name="RegisteredBy"><c>autopilot</c> or <c>human:&lt;username&gt;</c>.</param>
/// <param name="YamlContent">The manifest text, stored and published as is.</param>
/// <param name="ContentHash">
/// Hash of the manifest content; equal hashes mean "same manifest" (re-registration keeps the version).
/// See <see cref="DatasetRegistryService.ComputeContentHash"/>.
/// </param>
public sealed record RegistrationRequest(
    string Urn,
    string Tier,
    string Format,
    string Runtime,
    string? EnforcementModel,
    string OwnerTeam,
    string RegisteredBy,
    string YamlContent,
    string ContentHash);

/// <summary>
/// One version of a registered dataset. Version fields (tier … yaml) are those of <see cref="Version"/>;
/// <see cref="Status"/>, <see cref="BootstrapId"/> and <see cref="UpdatedAt"/> are the dataset's current values,
/// whichever version is asked for.
/// </summary>
/// <remarks>
/// <see cref="RegisteredAt"/> is when this version was first registered and never changes; <see cref="UpdatedAt"/>
/// is when the dataset last changed (new version or status change).
/// </remarks>
public sealed record RegisteredDataset(
    string Urn,
    int Version,
    string Tier,
    string Format,
    string Runtime,
    string? EnforcementModel,
    string OwnerTeam,
    string Status,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    string ContentHash,
    string YamlContent,
    string? BootstrapId);

/// <summary>What a registration did to its dataset.</summary>
public enum RegistrationOutcome
{
    /// <summary>The URN was new: version 1 created with status REGISTERED.</summary>
    Created,

    /// <summary>The content differed from the latest version: version N+1 created, status kept.</summary>
    NewVersion,

    /// <summary>The content hash equalled the latest version's: nothing changed.</summary>
    Unchanged,
}

/// <summary>The outcome of one <see cref="RegistrationRequest"/> and the dataset version it left.</summary>
public sealed record RegistrationResult(RegisteredDataset Dataset, RegistrationOutcome Outcome);

/// <summary>
/// A page of the registry: latest version per URN, ordered by URN, filtered by exact matches (all given filters
/// must hold).
/// </summary>
/// <remarks>
/// <see cref="PageSize"/> is 1 to <see cref="MaxPageSize"/>. <see cref="PageToken"/> is the
/// <see cref="RegistryPage.NextPageToken"/> of the previous page, issued for the same filters; null or empty for
/// the first page.
/// </remarks>
public sealed record RegistryQuery(
    string? Tier = null,
    string? Status = null,
    string? Format = null,
    string? OwnerTeam = null,
    int PageSize = 50,
    string? PageToken = null)
{
    /// <summary>Largest page size accepted.</summary>
    public const int MaxPageSize = 1000;
}

/// <summary>One page of results; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record RegistryPage(IReadOnlyList<RegisteredDataset> Items, string? NextPageToken);
