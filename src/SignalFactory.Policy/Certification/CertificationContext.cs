namespace SignalFactory.Policy.Certification;

/// <summary>What a certification needs besides the manifest.</summary>
public sealed record CertificationContext
{
    /// <summary>The bootstrap run this certification belongs to (<c>bootstrap_id</c>).</summary>
    public required string BootstrapId { get; init; }

    /// <summary>
    /// The baseline's <c>schema.canonical_fingerprint</c>. Null skips the schema check, and so does the synthetic
    /// placeholder <c>sha256:SYNTHETIC_PENDING</c>; the current fingerprint is recorded either way.
    /// </summary>
    public string? ExpectedSchemaFingerprint { get; init; }

    /// <summary>The active policy version, recorded as <c>policy_bundle_version</c>.</summary>
    public string? PolicyBundleVersion { get; init; }

    /// <summary>Where the signed policy bundle is, recorded as <c>policy_bundle_location</c>.</summary>
    public string? PolicyBundleLocation { get; init; }

    /// <summary>
    /// Known downstream consumers (job or team names), each written as a <c>Consumer</c> node with a
    /// <c>CONSUMED_BY</c> edge from the dataset. The manifest names no consumer, so they come from the caller.
    /// </summary>
    public IReadOnlyList<string> Consumers { get; init; } = [];

    /// <summary>The clock for <c>certified_at</c>, <c>deferred_at</c> and durations.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
