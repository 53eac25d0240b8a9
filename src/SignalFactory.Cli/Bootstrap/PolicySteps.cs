using System.Globalization;
using SignalFactory.Core.Manifests;
using SignalFactory.Orchestration.StateMachine;
using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Signing;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Registry.Workspaces;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>
/// Policy steps of a bootstrap. Generation signs the draft at once (the signature covers exactly the bytes a reviewer
/// approves) and stores it under <c>bootstraps/{id}/policy_attempt_{n}.yaml</c>, overwriting on a rerun; approval then
/// publishes that draft, verified again, as the dataset's <c>policy_bundle.yaml</c> with the attempt's backtest report.
/// Reviewer feedback (<see cref="ReviewerFeedback"/>) reaches the generator as <see cref="PolicyFeedback"/> and
/// accumulates like <c>sf policy generate --feedback-file</c>: attempt n applies the effective feedback of attempt n−1
/// (the <c>feedback.effective</c> block of its backtest report, <c>policy_attempt_{n-1}.backtest.json</c>) combined
/// with the new feedback.
/// </summary>
internal sealed class PolicySteps(Workspace workspace, KeySources keys, TimeProvider clock)
{
    /// <summary><c>feedback_not_applied</c> when every feedback item matched something.</summary>
    public const string NothingMissed = "none";

    public static string DraftKey(string bootstrapId, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"bootstraps/{bootstrapId}/policy_attempt_{attempt}.yaml");

    public static string ReportKey(string bootstrapId, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"bootstraps/{bootstrapId}/policy_attempt_{attempt}.backtest.json");

    public async Task<BootstrapEvent> GenerateAsync(BootstrapRecord record, GeneratePolicy command, CancellationToken ct)
    {
        var artifacts = workspace.CreateArtifactStore();
        var dataset = await workspace.CreateRegistryStore(clock).GetAsync(record.DatasetUrn, null, ct).ConfigureAwait(false);
        var manifest = dataset is null ? null : ManifestLoader.Load(dataset.YamlContent, record.DatasetUrn).Manifest;
        var baselineKey = ArtifactKeys.Baseline(record.DatasetUrn);
        var baselineBytes = await artifacts.ReadAsync(baselineKey, ct).ConfigureAwait(false);
        if (manifest is null || baselineBytes is null)
        {
            return new PolicyGenerationFailed($"{record.DatasetUrn}: the registered manifest or the baseline ({baselineKey}) is missing", Retryable: false);
        }

        try
        {
            var store = new PolicyBundleStore(artifacts);
            var template = await store.ReadTemplateAsync(record.Tier, ct).ConfigureAwait(false);
            var feedback = PolicyFeedback.Combine(
                await EarlierFeedbackAsync(artifacts, record.BootstrapId, command.Attempt, ct).ConfigureAwait(false),
                ReviewerFeedback.Decode(command.Feedback));
            var request = new PolicyGenerationRequest
            {
                Baseline = BaselineJson.Deserialize(baselineBytes, baselineKey),
                Manifest = manifest,
                Template = template?.Template,
                TemplateSource = template?.Source,
                Attempt = command.Attempt,
                Feedback = feedback,
            };
            var result = await PolicyGenerator.GenerateAsync(request, null, clock, ct).ConfigureAwait(false);
            using var key = SigningKey();
            var signed = new PolicyBundleSigner(key).Sign(result.Bundle, clock);
            var draft = DraftKey(record.BootstrapId, command.Attempt);
            var reportKey = ReportKey(record.BootstrapId, command.Attempt);
            await artifacts.WriteAsync(reportKey, BacktestReportJson.Serialize(result.Backtest), ct).ConfigureAwait(false);
            await artifacts.WriteAsync(draft, signed.Bytes, ct).ConfigureAwait(false);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["key_id"] = signed.KeyId, ["backtest_report"] = reportKey };
            if (command.Feedback is not null)
            {
                metadata["feedback"] = command.Feedback;
            }

            if (result.Backtest.Feedback is { } report)
            {
                // Value-free (rule ids and column names): what the reviewer asked for that matched nothing. Always
                // set, so an earlier attempt's list does not linger in the step's metadata.
                metadata["feedback_not_applied"] = report.NotApplied.Count == 0 ? NothingMissed : string.Join("; ", report.NotApplied);
            }

            return new PolicyGenerated(draft, metadata);
        }
        catch (Exception ex) when (ex is PolicyGenerationException or PolicyInputException or PolicyKeyException or BaselineFormatException)
        {
            return new PolicyGenerationFailed(ex.Message, Retryable: false);
        }
    }

    public async Task<BootstrapEvent> PublishAsync(BootstrapRecord record, CancellationToken ct)
    {
        var draft = record.Steps.PolicyConfig.ArtifactUri;
        var artifacts = workspace.CreateArtifactStore();
        var bytes = draft is null ? null : await artifacts.ReadAsync(draft, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return new PolicySigningFailed($"the approved draft {draft} is missing");
        }

        try
        {
            var signed = PolicyBundleReader.Read(bytes, KeyStore.ResolveTrustedKeys(keys), draft);
            var report = await ReadReportAsync(artifacts, ReportKey(record.BootstrapId, record.PolicyAttempt), ct).ConfigureAwait(false);
            var stored = await new PolicyBundleStore(artifacts).SaveAsync(signed, report, ct).ConfigureAwait(false);
            return new PolicySigned(stored.Key, signed.KeyId);
        }
        catch (Exception ex) when (ex is PolicyBundleVerificationException or PolicyKeyException)
        {
            return new PolicySigningFailed(ex.Message);
        }
    }

    // The effective feedback behind attempt n-1 (none before attempt 2), as its backtest report recorded it.
    private static async Task<PolicyFeedback?> EarlierFeedbackAsync(IArtifactStore artifacts, string bootstrapId, int attempt, CancellationToken ct) =>
        attempt <= 1 ? null : (await ReadReportAsync(artifacts, ReportKey(bootstrapId, attempt - 1), ct).ConfigureAwait(false))?.Feedback?.Effective;

    private static async Task<BacktestReport?> ReadReportAsync(IArtifactStore artifacts, string key, CancellationToken ct)
    {
        var bytes = await artifacts.ReadAsync(key, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return BacktestReportJson.Deserialize(bytes, key);
        }
        catch (FormatException)
        {
            // A damaged report only costs the published bundle its report (or the next attempt the earlier feedback).
            return null;
        }
    }

    private PolicySigningKey SigningKey()
    {
        if (KeyStore.TryResolveSigningKey(keys) is { } key)
        {
            return key;
        }

        // A workspace that never signed anything gets its key pair on first use (as sf policy generate does). Parallel
        // workers race here: one creates it (the lock, within a process); a loser in another process finds it made.
        lock (_keyCreation)
        {
            if (KeyStore.TryResolveSigningKey(keys) is { } made)
            {
                return made;
            }

            try
            {
                KeyGenerator.GenerateInWorkspace(workspace.RootPath);
            }
            catch (PolicyKeyException) when (KeyStore.TryResolveSigningKey(keys) is not null)
            {
            }
        }

        return KeyStore.ResolveSigningKey(keys);
    }

    private static readonly Lock _keyCreation = new();
}
