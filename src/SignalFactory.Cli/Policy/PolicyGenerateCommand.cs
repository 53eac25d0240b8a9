using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Core.Manifests;
using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Signing;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Registry.Workspaces;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Cli.Policy;

/// <summary>
/// <c>sf policy generate URN [--feedback-file F] [--json]</c>: reads the registered manifest, its baseline and the
/// tier's org template, generates and backtests the bundle, signs it with the workspace key (creating one on first
/// use, and saying so) and writes <c>policy_bundle.yaml</c> with history and its backtest report.
/// </summary>
internal static class PolicyGenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var urnArgument = new Argument<string>("URN") { Description = "Dataset URN, e.g. ds://curated/orders_enriched" };
        var feedbackFile = new Option<string?>("--feedback-file")
        {
            Description = "Reviewer feedback on the current bundle (YAML/JSON: reason, drop_rules, optional_columns, widen_ranges, free_text); "
                + "the new bundle applies it and counts the attempt",
        };
        var noData = new Option<bool>("--no-data-read")
        {
            Description = "Do not read the table for accepted-value sets (statistics from the baseline only)",
        };
        var json = GlobalOptions.Json();
        var command = new Command("generate", "Generate, backtest and sign the dataset's policy_bundle.yaml from its baseline")
        {
            urnArgument,
            feedbackFile,
            noData,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var urn = CliArguments.RequireUrn(parse.GetRequiredValue(urnArgument));
            var feedback = ReadFeedback(console, parse.GetValue(feedbackFile));
            var workspace = await WorkspaceAccess.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            var manifest = await LoadManifestAsync(console, workspace, urn, ct).ConfigureAwait(false);
            var baseline = await LoadBaselineAsync(workspace, urn, ct).ConfigureAwait(false);
            var store = PolicyCli.Store(workspace);
            var keys = PolicyCli.Keys(console, workspace.RootPath);

            (PolicyTemplate Template, string Source)? template;
            try
            {
                template = await store.ReadTemplateAsync(manifest.Tier!, ct).ConfigureAwait(false);
            }
            catch (PolicyInputException ex)
            {
                throw new InvalidInputException($"the org template is not usable: {ex.Message}");
            }

            var attempt = 1;
            if (feedback is not null)
            {
                (attempt, feedback) = await PreviousAttemptAsync(workspace, store, keys, urn, feedback, ct).ConfigureAwait(false);
            }

            var request = new PolicyGenerationRequest
            {
                Baseline = baseline,
                Manifest = manifest,
                Template = template?.Template,
                TemplateSource = template?.Source,
                Attempt = attempt,
                Feedback = feedback,
            };

            PolicyGenerationResult result;
            try
            {
                var (source, note) = parse.GetValue(noData)
                    ? ((ParquetAcceptedValuesSource?)null, "the table was not read (--no-data-read): no accepted-value rules")
                    : await ProfiledFiles.TryOpenSourceAsync(manifest, baseline, PolicyGenerator.AcceptedValueCandidates(request), ct).ConfigureAwait(false);
                using (source)
                {
                    result = await PolicyGenerator.GenerateAsync(request, source, console.Clock, ct).ConfigureAwait(false);
                }

                if (note is not null)
                {
                    result = result with { Notes = [.. result.Notes, note] };
                }
            }
            catch (PolicyGenerationException ex)
            {
                throw new InvalidInputException(ex.Message);
            }

            using var signingKey = ResolveOrCreateKey(console, workspace, keys);
            var signed = new PolicyBundleSigner(signingKey).Sign(result.Bundle, console.Clock);
            var stored = await store.SaveAsync(signed, result.Backtest, ct).ConfigureAwait(false);
            PolicySummary.Print(console, parse.GetValue(json), manifest.Tier!, signed, result, stored, PolicyCli.PathOf(workspace, stored.Key));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A <c>--feedback-file</c> (YAML or JSON PolicyFeedback); null without one; unreadable or invalid: exit 2.</summary>
    internal static PolicyFeedback? ReadFeedback(CliConsole console, string? path)
    {
        if (path is null)
        {
            return null;
        }

        var full = Path.GetFullPath(path, console.CurrentDirectory);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{path}: cannot read the feedback file: {ex.Message}");
        }

        try
        {
            return PolicyFeedbackYaml.Parse(bytes, path);
        }
        catch (PolicyInputException ex)
        {
            throw new InvalidInputException(ex.Message);
        }
    }

    private static async Task<DatasetManifest> LoadManifestAsync(CliConsole console, Workspace workspace, string urn, CancellationToken ct)
    {
        var dataset = await workspace.CreateRegistryStore(console.Clock).GetAsync(urn, null, ct).ConfigureAwait(false)
            ?? throw new InvalidInputException($"{urn} is not registered in {workspace.RootPath}; register its dataset.yaml with `sf registry register`");
        var loaded = ManifestLoader.Load(dataset.YamlContent, $"{urn} (registered version {dataset.Version})");
        return loaded.Manifest
            ?? throw new InvalidInputException($"the registered manifest of {urn} no longer validates: {string.Join("; ", loaded.Report.All.Select(d => d.ToString()))}");
    }

    private static async Task<Baseline> LoadBaselineAsync(Workspace workspace, string urn, CancellationToken ct)
    {
        var key = ArtifactKeys.Baseline(urn);
        var bytes = await workspace.CreateArtifactStore().ReadAsync(key, ct).ConfigureAwait(false)
            ?? throw new InvalidInputException($"{urn} has no baseline yet ({key}); run `sf profile {urn}` first");
        try
        {
            return BaselineJson.Deserialize(bytes, key);
        }
        catch (BaselineFormatException ex)
        {
            throw new InvalidInputException(ex.Message);
        }
    }

    /// <summary>
    /// With feedback, the new bundle is the next attempt after the bundle in force, which must verify (its attempt
    /// number is trusted only then); the feedback of earlier rejections, kept in the last report, is carried over.
    /// </summary>
    private static async Task<(int Attempt, PolicyFeedback Feedback)> PreviousAttemptAsync(
        Workspace workspace, PolicyBundleStore store, KeySources keys, string urn, PolicyFeedback feedback, CancellationToken ct)
    {
        var bytes = await store.ReadLatestAsync(urn, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return (1, feedback);
        }

        SignedPolicyBundle current;
        try
        {
            current = PolicyBundleReader.Read(bytes, KeyStore.ResolveTrustedKeys(keys), PolicyCli.PathOf(workspace, ArtifactKeys.PolicyBundle(urn)));
        }
        catch (PolicyKeyException ex)
        {
            throw new InvalidInputException(ex.Message);
        }
        catch (PolicyBundleVerificationException ex)
        {
            throw new CliException(
                $"the bundle in force does not verify, so its attempt cannot be continued: {ex.Message}. Regenerate without --feedback-file to start over.",
                ExitCodes.Failed);
        }

        BacktestReport? report = null;
        try
        {
            report = await store.ReadReportAsync(urn, ct).ConfigureAwait(false);
        }
        catch (FormatException)
        {
            // A damaged report only loses the earlier feedback; the new feedback still applies.
        }

        var earlier = report is not null && report.GenerationAttempt == current.Bundle.Bootstrap?.GenerationAttempt ? report.Feedback?.Effective : null;
        return ((current.Bundle.Bootstrap?.GenerationAttempt ?? 1) + 1, PolicyFeedback.Combine(earlier, feedback)!);
    }

    private static PolicySigningKey ResolveOrCreateKey(CliConsole console, Workspace workspace, KeySources keys)
    {
        try
        {
            var key = KeyStore.TryResolveSigningKey(keys);
            if (key is not null)
            {
                return key;
            }

            // First use: a workspace that has never signed anything gets its key pair now, and the user is told.
            var pair = KeyGenerator.GenerateInWorkspace(workspace.RootPath);
            console.Error.WriteLine($"note: no signing key was set up; generated {pair.KeyId} in {Path.GetDirectoryName(pair.PrivateKeyPath)} (back it up; `sf keys generate --force` rotates it)");
            return KeyStore.ResolveSigningKey(keys);
        }
        catch (PolicyKeyException ex)
        {
            throw new InvalidInputException(ex.Message);
        }
    }
}
