namespace SignalFactory.Storage.Artifacts;

/// <summary>
/// The one place that maps a dataset URN to artifact keys. The seed layout (LLD §3.4) is
/// <c>datasets/{name}/…</c>; here the zone is kept as a folder, <c>datasets/{zone}/{name}/…</c>, so
/// <c>ds://raw/orders</c> and <c>ds://curated/orders</c> never share a folder.
/// </summary>
/// <remarks>
/// The URN is split minimally (<c>ds://{zone}/{name}</c>, both parts non-empty, no further '/'); full validation
/// belongs to the manifest validator. A zone or name that is not a safe key segment is refused by
/// <see cref="ArtifactKey.Validate"/>. Error messages carry no parameter name so they can be shown as they are.
/// </remarks>
public static class ArtifactKeys
{
    private const string Scheme = "ds://";

    /// <summary><c>datasets/{zone}/{name}</c> (no trailing slash).</summary>
    public static string DatasetFolder(string urn)
    {
        var (zone, name) = SplitUrn(urn);
        var folder = $"datasets/{zone}/{name}";
        if (!ArtifactKey.IsValid(folder))
        {
            throw new ArgumentException(
                $"Dataset URN '{urn}' cannot name an artifact folder: zone and name must be plain path segments (no '.', '..', '\\' or ':').");
        }

        return folder;
    }

    /// <summary>The latest manifest: <c>datasets/{zone}/{name}/dataset.yaml</c>.</summary>
    public static string DatasetYaml(string urn) => DatasetFolder(urn) + "/dataset.yaml";

    /// <summary>One manifest version: <c>datasets/{zone}/{name}/dataset.yaml.v{version}</c>.</summary>
    public static string DatasetYamlVersion(string urn, int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return FormattableString.Invariant($"{DatasetFolder(urn)}/dataset.yaml.v{version}");
    }

    /// <summary>The latest baseline: <c>datasets/{zone}/{name}/baseline.json</c>.</summary>
    public static string Baseline(string urn) => DatasetFolder(urn) + "/baseline.json";

    /// <summary>One baseline version: <c>datasets/{zone}/{name}/baseline.json.history/baseline.v{version}.json</c>.</summary>
    public static string BaselineVersion(string urn, int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return FormattableString.Invariant($"{DatasetFolder(urn)}/baseline.json.history/baseline.v{version}.json");
    }

    /// <summary>The latest signed policy bundle: <c>datasets/{zone}/{name}/policy_bundle.yaml</c>.</summary>
    public static string PolicyBundle(string urn) => DatasetFolder(urn) + "/policy_bundle.yaml";

    /// <summary>One policy bundle version: <c>datasets/{zone}/{name}/policy_bundle.yaml.history/policy_bundle.v{version}.yaml</c>.</summary>
    public static string PolicyBundleVersion(string urn, int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return FormattableString.Invariant($"{DatasetFolder(urn)}/policy_bundle.yaml.history/policy_bundle.v{version}.yaml");
    }

    /// <summary>The backtest report of the latest generated bundle: <c>datasets/{zone}/{name}/policy_backtest.json</c>.</summary>
    public static string PolicyBacktestReport(string urn) => DatasetFolder(urn) + "/policy_backtest.json";

    /// <summary>
    /// The backtest report of bundle version <paramref name="version"/>:
    /// <c>datasets/{zone}/{name}/policy_backtest.json.history/policy_backtest.v{version}.json</c>.
    /// </summary>
    public static string PolicyBacktestReportVersion(string urn, int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return FormattableString.Invariant($"{DatasetFolder(urn)}/policy_backtest.json.history/policy_backtest.v{version}.json");
    }

    /// <summary>The org policy template of a tier: <c>templates/policy/{tier}.yaml</c>, e.g. <c>templates/policy/TIER_2.yaml</c>.</summary>
    public static string PolicyTemplate(string tier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tier);
        var key = $"templates/policy/{tier}.yaml";
        if (tier.Contains('/', StringComparison.Ordinal) || !ArtifactKey.IsValid(key))
        {
            throw new ArgumentException($"Tier '{tier}' cannot name a template file.");
        }

        return key;
    }

    /// <summary>Splits <c>ds://{zone}/{name}</c>; throws <see cref="ArgumentException"/> for any other shape.</summary>
    public static (string Zone, string Name) SplitUrn(string urn)
    {
        ArgumentNullException.ThrowIfNull(urn);
        if (urn.StartsWith(Scheme, StringComparison.Ordinal))
        {
            var parts = urn[Scheme.Length..].Split('/');
            if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
            {
                return (parts[0], parts[1]);
            }
        }

        throw new ArgumentException($"Invalid dataset URN '{urn}': expected ds://{{zone}}/{{name}}.");
    }
}
