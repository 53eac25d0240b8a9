using System.Globalization;
using SignalFactory.Cli.Hosting;
using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Signing;

namespace SignalFactory.Cli.Policy;

/// <summary>What <c>sf policy generate</c> prints: sections, rule counts, backtest verdicts and notes.</summary>
internal static class PolicySummary
{
    public static string[] Sections(PolicyBundle b) =>
    [
        .. new (string Name, object? Value)[]
        {
            ("security", b.Security), ("schema", b.Schema), ("contract_lite", b.ContractLite), ("volume", b.Volume),
            ("contract", b.Contract), ("pii", b.Pii), ("freshness", b.Freshness), ("performance", b.Performance),
            ("bootstrap", b.Bootstrap),
        }.Where(s => s.Value is not null).Select(s => s.Name),
    ];

    public static void Print(
        CliConsole console, bool json, string tier, SignedPolicyBundle signed, PolicyGenerationResult result, StoredPolicyBundle stored, string path)
    {
        var b = signed.Bundle;
        var report = result.Backtest;
        var invariants = b.Contract?.Invariants.Select(i => i.Id).ToList() ?? [];
        if (json)
        {
            CliJson.Write(console, new
            {
                urn = b.DatasetUrn,
                tier,
                enrichment_level = b.EnrichmentLevel,
                generation_attempt = b.Bootstrap?.GenerationAttempt,
                version = stored.Version,
                key = stored.Key,
                path,
                backtest_report = stored.ReportKey,
                key_id = signed.KeyId,
                sections = Sections(b),
                required_fields = b.ContractLite?.RequiredFields.ToList() ?? [],
                invariants,
                contract_lite_invariants = b.ContractLite?.Invariants.ToList() ?? [],
                pii_rules = b.Pii?.Detection.Select(r => new { pattern = r.Pattern, action = r.Action }).ToList(),
                backtest = new
                {
                    status = report.Status,
                    passed = report.Count(RuleVerdicts.Passed),
                    loosened = report.Count(RuleVerdicts.Loosened),
                    dropped = report.Count(RuleVerdicts.Dropped),
                    unverified = report.Count(RuleVerdicts.Unverified),
                    not_applicable = report.Count(RuleVerdicts.NotApplicable),
                    rules = report.Rules,
                },
                feedback = report.Feedback,
                notes = result.Notes,
            });
            return;
        }

        var o = console.Output;
        o.WriteLine($"Generated the policy of {b.DatasetUrn} ({tier}, {b.EnrichmentLevel}, attempt {b.Bootstrap?.GenerationAttempt ?? 1})");
        o.WriteLine($"  signed with key {signed.KeyId}; written to {path} (version {stored.Version.ToString(CultureInfo.InvariantCulture)})");
        o.WriteLine($"Sections: {string.Join(", ", Sections(b))}");
        var pii = b.Pii is null ? "" : $", {b.Pii.Detection.Count} PII rule(s)";
        var lite = b.ContractLite?.Invariants.Count is > 0 and var n ? $", {n} contract_lite invariant(s)" : "";
        o.WriteLine($"Rules: {b.ContractLite?.RequiredFields.Count ?? 0} required field(s), {invariants.Count} invariant(s){lite}{pii}");
        o.WriteLine($"Backtest on the profiled data: {report.Status}: {report.Count(RuleVerdicts.Passed)} passed, "
            + $"{report.Count(RuleVerdicts.Loosened)} loosened, {report.Count(RuleVerdicts.Dropped)} dropped, "
            + $"{report.Count(RuleVerdicts.Unverified)} unverified, {report.Count(RuleVerdicts.NotApplicable)} not applicable"
            + (stored.ReportKey is null ? "" : $" (report: {stored.ReportKey})"));
        foreach (var rule in report.Rules.Where(r => r.Verdict != RuleVerdicts.Passed))
        {
            o.WriteLine($"  {rule.Verdict,-14} {rule.Rule}: {rule.Reason}");
        }

        foreach (var note in result.Notes)
        {
            o.WriteLine($"note: {note}");
        }
    }
}
