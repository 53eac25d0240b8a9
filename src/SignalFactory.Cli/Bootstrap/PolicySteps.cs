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
/// publishes that draft, verified again, as the dataset's <c>policy_bundle.yaml</c>. Reviewer feedback text is kept on
/// the step; it is not yet turned into structured <see cref="PolicyFeedback"/> for the generator.
/// </summary>
internal sealed class PolicySteps(Workspace workspace, KeySources keys, TimeProvider clock)
{
    public static string DraftKey(string bootstrapId, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"bootstraps/{bootstrapId}/policy_attempt_{attempt}.yaml");

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
            var request = new PolicyGenerationRequest
            {
                Baseline = BaselineJson.Deserialize(baselineBytes, baselineKey),
                Manifest = manifest,
                Template = template?.Template,
                TemplateSource = template?.Source,
                Attempt = command.Attempt,
            };
            var result = await PolicyGenerator.GenerateAsync(request, null, clock, ct).ConfigureAwait(false);
            using var key = SigningKey();
            var signed = new PolicyBundleSigner(key).Sign(result.Bundle, clock);
            var draft = DraftKey(record.BootstrapId, command.Attempt);
            await artifacts.WriteAsync(draft, signed.Bytes, ct).ConfigureAwait(false);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["key_id"] = signed.KeyId };
            if (command.Feedback is not null)
            {
                metadata["feedback"] = command.Feedback;
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
            var stored = await new PolicyBundleStore(artifacts).SaveAsync(signed, null, ct).ConfigureAwait(false);
            return new PolicySigned(stored.Key, signed.KeyId);
        }
        catch (Exception ex) when (ex is PolicyBundleVerificationException or PolicyKeyException)
        {
            return new PolicySigningFailed(ex.Message);
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
