using SignalFactory.Policy.Signing;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Policy.Generation;

/// <summary>One stored bundle write.</summary>
/// <param name="Urn">The dataset.</param>
/// <param name="Version">History number N of <c>policy_bundle.vN.yaml</c>.</param>
/// <param name="Key">Key of the latest bundle.</param>
/// <param name="ReportKey">Key of the latest backtest report, when one was written with the bundle.</param>
public sealed record StoredPolicyBundle(string Urn, int Version, string Key, string? ReportKey);

/// <summary>
/// Keeps each dataset's signed bundles in the artifact store: the latest at <c>datasets/{zone}/{name}/policy_bundle.yaml</c>,
/// every version at <c>policy_bundle.yaml.history/policy_bundle.vN.yaml</c>, and the backtest report of a generated
/// version beside it (<c>policy_backtest.json</c>, history <c>policy_backtest.json.history/policy_backtest.vN.json</c>).
/// A save writes the report, then the history entry, then the latest bundle, each atomically, so the latest bundle
/// (the commit point) always has its history entry and report. Only signed bundles are stored.
/// </summary>
public sealed class PolicyBundleStore
{
    private const string HistoryFolder = "policy_bundle.yaml.history/";
    private readonly IArtifactStore _artifacts;

    /// <summary>A store over <paramref name="artifacts"/>.</summary>
    public PolicyBundleStore(IArtifactStore artifacts)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        _artifacts = artifacts;
    }

    /// <summary>Saves a signed bundle as the dataset's new latest version, with its backtest report when given.</summary>
    public async Task<StoredPolicyBundle> SaveAsync(SignedPolicyBundle bundle, BacktestReport? report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var urn = bundle.Bundle.DatasetUrn;
        var versions = await GetVersionsAsync(urn, cancellationToken).ConfigureAwait(false);
        var version = versions.Count == 0 ? 1 : versions[^1] + 1;
        string? reportKey = null;
        if (report is not null)
        {
            var json = BacktestReportJson.Serialize(report);
            await _artifacts.WriteAsync(ArtifactKeys.PolicyBacktestReportVersion(urn, version), json, cancellationToken).ConfigureAwait(false);
            reportKey = ArtifactKeys.PolicyBacktestReport(urn);
            await _artifacts.WriteAsync(reportKey, json, cancellationToken).ConfigureAwait(false);
        }

        await _artifacts.WriteAsync(ArtifactKeys.PolicyBundleVersion(urn, version), bundle.Bytes, cancellationToken).ConfigureAwait(false);
        var key = ArtifactKeys.PolicyBundle(urn);
        await _artifacts.WriteAsync(key, bundle.Bytes, cancellationToken).ConfigureAwait(false);
        return new StoredPolicyBundle(urn, version, key, reportKey);
    }

    /// <summary>The latest bundle's bytes (not verified: read them with <see cref="PolicyBundleReader"/>), or null.</summary>
    public Task<byte[]?> ReadLatestAsync(string urn, CancellationToken cancellationToken) =>
        _artifacts.ReadAsync(ArtifactKeys.PolicyBundle(urn), cancellationToken);

    /// <summary>The latest backtest report, or null when there is none.</summary>
    /// <exception cref="FormatException">The stored report is damaged.</exception>
    public async Task<BacktestReport?> ReadReportAsync(string urn, CancellationToken cancellationToken)
    {
        var key = ArtifactKeys.PolicyBacktestReport(urn);
        var json = await _artifacts.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return json is null ? null : BacktestReportJson.Deserialize(json, key);
    }

    /// <summary>The history's version numbers, ascending.</summary>
    public Task<IReadOnlyList<int>> GetVersionsAsync(string urn, CancellationToken cancellationToken) =>
        ArtifactHistory.ListVersionsAsync(_artifacts, ArtifactKeys.DatasetFolder(urn) + "/" + HistoryFolder, "policy_bundle", ".yaml",
            cancellationToken);

    /// <summary>The org template of <paramref name="tier"/> and its key, or null when the organisation has none.</summary>
    /// <exception cref="PolicyInputException">The template file is not a valid template; the message names the file and line.</exception>
    public async Task<(PolicyTemplate Template, string Source)?> ReadTemplateAsync(string tier, CancellationToken cancellationToken)
    {
        var key = ArtifactKeys.PolicyTemplate(tier);
        var bytes = await _artifacts.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : (PolicyTemplateYaml.Parse(bytes, key), key);
    }
}
