using System.CommandLine;
using SignalFactory.Cli.Hosting;
using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Signing;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Cli.Policy;

/// <summary>
/// <c>sf policy show URN [--json]</c>: the bundle in force. Reading verifies: a bundle that does not verify against
/// the workspace's trusted keys is refused (exit 1) and none of its content is shown.
/// </summary>
internal static class PolicyShowCommand
{
    public static Command Create(CliConsole console)
    {
        var urnArgument = new Argument<string>("URN") { Description = "Dataset URN, e.g. ds://curated/orders_enriched" };
        var json = GlobalOptions.Json();
        var command = new Command("show", "Verify and print the dataset's signed policy_bundle.yaml") { urnArgument, json };
        command.SetAction(async (parse, ct) =>
        {
            var urn = CliArguments.RequireUrn(parse.GetRequiredValue(urnArgument));
            var workspace = await WorkspaceAccess.OpenAsync(console, parse, create: false, ct).ConfigureAwait(false);
            var bytes = await PolicyCli.RequireBundleAsync(workspace, urn, ct).ConfigureAwait(false);
            var path = PolicyCli.PathOf(workspace, ArtifactKeys.PolicyBundle(urn));
            SignedPolicyBundle verified;
            try
            {
                verified = PolicyBundleReader.Read(bytes, KeyStore.ResolveTrustedKeys(PolicyCli.Keys(console, workspace.RootPath)), path);
            }
            catch (PolicyKeyException ex)
            {
                throw new InvalidInputException(ex.Message);
            }
            catch (PolicyBundleVerificationException ex)
            {
                throw new CliException($"refused: {ex.Message}", ExitCodes.Failed);
            }

            var store = PolicyCli.Store(workspace);
            var versions = await store.GetVersionsAsync(urn, ct).ConfigureAwait(false);
            BacktestReport? report = null;
            try
            {
                report = await store.ReadReportAsync(urn, ct).ConfigureAwait(false);
            }
            catch (FormatException ex)
            {
                console.WriteWarning(ex.Message);
            }

            var bundle = verified.Bundle;
            if (parse.GetValue(json))
            {
                CliJson.Write(console, new
                {
                    urn,
                    path,
                    versions,
                    key_id = verified.KeyId,
                    signed_at = verified.Signature.SignedAt,
                    enrichment_level = bundle.EnrichmentLevel,
                    generation_attempt = bundle.Bootstrap?.GenerationAttempt,
                    validation_enabled = bundle.Security.ValidationEnabled,
                    kill_switch = bundle.Security.KillSwitch,
                    sections = PolicySummary.Sections(bundle),
                    backtest = report,
                    yaml = verified.Text,
                });
                return ExitCodes.Ok;
            }

            var state = bundle.Security.ValidationEnabled ? "validation enabled" : "validation DISABLED by the kill switch";
            console.Output.WriteLine($"# {urn}: valid signature by {verified.KeyId} (signed {verified.Signature.SignedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)}); {state}; version {(versions.Count == 0 ? 0 : versions[^1])}");
            if (report is not null)
            {
                console.Output.WriteLine($"# backtest {report.Status}: {report.Count(RuleVerdicts.Passed)} passed, {report.Count(RuleVerdicts.Loosened)} loosened, "
                    + $"{report.Count(RuleVerdicts.Dropped)} dropped, {report.Count(RuleVerdicts.Unverified)} unverified ({ArtifactKeys.PolicyBacktestReport(urn)})");
            }

            console.Output.Write(verified.Text);
            return ExitCodes.Ok;
        });
        return command;
    }
}
