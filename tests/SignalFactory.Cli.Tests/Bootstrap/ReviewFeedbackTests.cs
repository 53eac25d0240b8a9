using System.Text.RegularExpressions;
using SignalFactory.Cli.Bootstrap;
using SignalFactory.Cli.Tests.Support;
using SignalFactory.Policy.Generation;

namespace SignalFactory.Cli.Tests.Bootstrap;

/// <summary><c>sf reject … --feedback-file</c>: structured feedback reaches the next policy attempt (Tier-1 example Delta table).</summary>
public sealed partial class ReviewFeedbackTests(BootstrapLakeFixture lake) : IClassFixture<BootstrapLakeFixture>
{
    [Fact]
    public async Task Reject_DropRulesFiles_NextAttemptsOmitTheRulesAndFeedbackAccumulates()
    {
        using var cwd = new TempFolder();
        var id = await StartPendingAsync(cwd);
        var first = RuleIds(cwd, id, 1);
        Assert.Contains("order_total_range", first);
        Assert.Contains("quantity_range", first);
        await File.WriteAllTextAsync(cwd.Combine("drop1.yaml"), "drop_rules: [order_total_range]\n");
        await File.WriteAllTextAsync(cwd.Combine("drop2.json"), """{ "drop_rules": ["quantity_range"] }""");

        var rejected1 = await CliRun.InAsync(cwd.Path, "reject", id, "--as", "jane", "--reason", "range too tight", "--feedback-file", "drop1.yaml", "--json");
        var second = RuleIds(cwd, id, 2);
        var rejected2 = await CliRun.InAsync(cwd.Path, "reject", id, "--as", "jane", "--reason", "still noisy", "--feedback-file", "drop2.json", "--json");
        var third = RuleIds(cwd, id, 3);
        var audit = await CliRun.InAsync(cwd.Path, "audit", "verify");

        Assert.Equal(0, rejected1.ExitCode);
        Assert.Equal("POLICY_PENDING", rejected1.Json().GetProperty("state").GetString());
        Assert.Equal(2, rejected1.Json().GetProperty("policy_attempt").GetInt32());
        Assert.Equal(first.Where(r => r != "order_total_range").ToList(), second);
        Assert.Equal(0, rejected2.ExitCode);
        Assert.Equal(3, rejected2.Json().GetProperty("policy_attempt").GetInt32());
        // The second rejection adds to the first: both rules are gone from attempt 3.
        Assert.Equal(first.Where(r => r is not ("order_total_range" or "quantity_range")).ToList(), third);
        Assert.Equal(0, audit.ExitCode);
    }

    [Fact]
    public async Task Approve_AfterDropRulesFeedback_PublishesThatAttemptWithItsBacktestReport()
    {
        using var cwd = new TempFolder();
        var id = await StartPendingAsync(cwd);
        await File.WriteAllTextAsync(cwd.Combine("drop.yaml"), "drop_rules: [order_total_range]\n");
        await CliRun.InAsync(cwd.Path, "reject", id, "--as", "jane", "--reason", "range too tight", "--feedback-file", "drop.yaml");

        var approved = await CliRun.InAsync(cwd.Path, "approve", id, "--as", "jane", "--json");

        Assert.Equal("SIGNAL_READY", approved.Json().GetProperty("state").GetString());
        var dataset = cwd.Combine(".sf", "artifacts", "datasets", "curated", "orders_enriched");
        var published = await File.ReadAllTextAsync(Path.Combine(dataset, "policy_bundle.yaml"));
        Assert.Equal(RuleIds(cwd, id, 2), [.. RuleId().Matches(published).Select(m => m.Groups[1].Value)]);
        Assert.DoesNotContain("order_total_range", RuleIds(cwd, id, 2));
        using var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dataset, "policy_backtest.json")));
        var effective = report.RootElement.GetProperty("feedback").GetProperty("effective");
        Assert.Equal(["order_total_range"], effective.GetProperty("drop_rules").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, report.RootElement.GetProperty("generation_attempt").GetInt32());
    }

    [Fact]
    public async Task Reject_FreeTextOnly_IsRecordedAsANoteAndDropsNothing()
    {
        using var cwd = new TempFolder();
        var id = await StartPendingAsync(cwd);

        var rejected = await CliRun.InAsync(cwd.Path, "reject", id, "--as", "jane", "--reason", "unsure", "--feedback", "please drop order_total_range");

        Assert.Equal(0, rejected.ExitCode);
        Assert.Equal(RuleIds(cwd, id, 1), RuleIds(cwd, id, 2));
        using var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(Artifact(cwd, id, "policy_attempt_2.backtest.json")));
        var effective = report.RootElement.GetProperty("feedback").GetProperty("effective");
        Assert.Equal("please drop order_total_range", effective.GetProperty("free_text").GetString());
        Assert.Equal(0, effective.GetProperty("drop_rules").GetArrayLength());
    }

    [Theory]
    [InlineData("drop_rules: order_total_range\nwiden_ranges: { quantity: 20 }\n", "drop_rules")]
    [InlineData("widen_ranges: { quantity: -5 }\n", "widen_ranges.quantity")]
    [InlineData("drop_rule: [order_total_range]\n", "drop_rule")]
    [InlineData("", "empty")]
    public async Task Reject_InvalidFeedbackFile_ExitsTwoNamingFileAndFieldAndStoresNothing(string content, string named)
    {
        using var cwd = new TempFolder();
        var id = await StartPendingAsync(cwd);
        await File.WriteAllTextAsync(cwd.Combine("bad.yaml"), content);
        var before = await CliRun.InAsync(cwd.Path, "bootstrap", "status", id, "--json");

        var result = await CliRun.InAsync(cwd.Path, "reject", id, "--as", "jane", "--reason", "r", "--feedback-file", "bad.yaml");
        var after = await CliRun.InAsync(cwd.Path, "bootstrap", "status", id, "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.yaml", result.Error, StringComparison.Ordinal);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(before.Output, after.Output);
        Assert.False(File.Exists(Artifact(cwd, id, "policy_attempt_2.yaml")));
    }

    [Fact]
    public async Task Reject_DropRuleThatDoesNotExist_RegeneratesAndWarnsNamingIt()
    {
        using var cwd = new TempFolder();
        var id = await StartPendingAsync(cwd);
        Assert.DoesNotContain("no_such_rule", RuleIds(cwd, id, 1));
        await File.WriteAllTextAsync(cwd.Combine("drop.yaml"), "drop_rules: [no_such_rule]\n");

        var result = await CliRun.InAsync(cwd.Path, "reject", id, "--as", "jane", "--reason", "r", "--feedback-file", "drop.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning:", result.Error, StringComparison.Ordinal);
        Assert.Contains("no_such_rule", result.Error, StringComparison.Ordinal);
        Assert.Equal(RuleIds(cwd, id, 1), RuleIds(cwd, id, 2));
    }

    [Fact]
    public async Task Reject_MissingFeedbackFile_ExitsTwoNamingIt()
    {
        using var cwd = new TempFolder();
        var id = await StartPendingAsync(cwd);

        var result = await CliRun.InAsync(cwd.Path, "reject", id, "--as", "jane", "--reason", "r", "--feedback-file", "nope.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.yaml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeDecode_StructuredFeedback_RoundTrips()
    {
        var feedback = new PolicyFeedback
        {
            Reason = "too \"tight\"",
            DropRules = ["a_range", "b_not_null"],
            OptionalColumns = ["discount_pct"],
            WidenRanges = new Dictionary<string, double> { ["z"] = 12.5, ["a"] = 50 },
            FreeText = "ünïcode note",
        };

        var back = ReviewerFeedback.Decode(ReviewerFeedback.Encode(feedback))!;

        Assert.Equal(feedback.Reason, back.Reason);
        Assert.Equal(feedback.DropRules, back.DropRules);
        Assert.Equal(feedback.OptionalColumns, back.OptionalColumns);
        Assert.Equal(feedback.WidenRanges.OrderBy(p => p.Key), back.WidenRanges.OrderBy(p => p.Key));
        Assert.Equal(feedback.FreeText, back.FreeText);
    }

    [Theory]
    [InlineData("drop the range rule")]
    [InlineData("{ not json")]
    [InlineData("{\"unknown_key\": 1}")]
    public void Decode_OtherText_IsAFreeTextNote(string text)
    {
        var back = ReviewerFeedback.Decode(text)!;

        Assert.Equal(text, back.FreeText);
        Assert.Empty(back.DropRules);
    }

    private async Task<string> StartPendingAsync(TempFolder cwd)
    {
        var (manifest, _) = lake.CopyOrders(cwd);
        var started = await CliRun.InAsync(cwd.Path, "bootstrap", manifest, "--wait", "--json");
        Assert.Equal(0, started.ExitCode);
        var entry = started.Json().GetProperty("bootstraps")[0];
        Assert.Equal("POLICY_PENDING", entry.GetProperty("status").GetProperty("state").GetString());
        return entry.GetProperty("bootstrap_id").GetString()!;
    }

    private static string Artifact(TempFolder cwd, string id, string name) => cwd.Combine(".sf", "artifacts", "bootstraps", id, name);

    // The rule ids of a draft bundle, in file order, read straight from its YAML.
    private static List<string> RuleIds(TempFolder cwd, string id, int attempt) =>
        [.. RuleId().Matches(File.ReadAllText(Artifact(cwd, id, $"policy_attempt_{attempt}.yaml"))).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("""^\s*- id: "([^"]+)"$""", RegexOptions.Multiline)]
    private static partial Regex RuleId();
}
