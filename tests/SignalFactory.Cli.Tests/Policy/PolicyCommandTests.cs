using System.Text;
using System.Text.Json;

namespace SignalFactory.Cli.Tests.Policy;

public sealed class PolicyCommandTests
{
    private const string Urn = PolicyWorkspace.Urn;

    [Fact]
    public async Task Lifecycle_KeysGenerateShowTamperKillSwitch_EachStepHasTheContractedExitCode()
    {
        using var ws = await PolicyWorkspace.CreateAsync();

        var keys = await ws.RunAsync("keys", "generate");
        Assert.Equal(0, keys.ExitCode);
        Assert.Contains("generated signing key sf-", keys.Output, StringComparison.Ordinal);
        Assert.Equal(3, (await ws.RunAsync("keys", "generate")).ExitCode);

        var generate = await ws.RunAsync("policy", "generate", Urn);
        Assert.Equal(0, generate.ExitCode);
        Assert.Contains("Sections: security, schema, contract_lite, volume, contract, pii, freshness, performance, bootstrap", generate.Output, StringComparison.Ordinal);
        Assert.Contains("loosened       volume.min_rows_per_partition: 5 of 5 profiled partitions have fewer than 100000 rows", generate.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(ws.BundlePath));

        var show = await ws.RunAsync("policy", "show", Urn);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("valid signature by sf-", show.Output, StringComparison.Ordinal);
        Assert.Contains("order_total BETWEEN 0.00 AND 527.50", show.Output, StringComparison.Ordinal);

        // One byte changed inside the signed content: the bundle stays well-formed YAML, so it is refused (1).
        var original = await File.ReadAllBytesAsync(ws.BundlePath);
        var tampered = (byte[])original.Clone();
        var at = Encoding.UTF8.GetString(tampered).IndexOf("boot-cli-1", StringComparison.Ordinal) + 4;
        tampered[at] = (byte)'_';
        await File.WriteAllBytesAsync(ws.BundlePath, tampered);

        var refusedShow = await ws.RunAsync("policy", "show", Urn);
        Assert.Equal(1, refusedShow.ExitCode);
        Assert.Contains("refused", refusedShow.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("order_total", refusedShow.Output, StringComparison.Ordinal);
        Assert.Equal(1, (await ws.RunAsync("policy", "verify", ws.BundlePath)).ExitCode);
        Assert.Equal(1, (await ws.RunAsync("kill-switch", Urn, "--reason", "bad data", "--as", "alice")).ExitCode);

        await File.WriteAllBytesAsync(ws.BundlePath, original);
        Assert.Equal(0, (await ws.RunAsync("policy", "verify", ws.BundlePath)).ExitCode);

        var kill = await ws.RunAsync("kill-switch", Urn, "--reason", "upstream outage", "--as", "alice");
        Assert.Equal(0, kill.ExitCode);
        Assert.Contains("kill switch engaged", kill.Output, StringComparison.Ordinal);

        var verify = await ws.RunAsync("policy", "verify", ws.BundlePath, "--json");
        Assert.Equal(0, verify.ExitCode);
        Assert.False(verify.Json().GetProperty("validation_enabled").GetBoolean());
        var text = await File.ReadAllTextAsync(ws.BundlePath);
        Assert.Contains("validation_enabled: false", text, StringComparison.Ordinal);
        Assert.Contains("actor: \"human:alice\"", text, StringComparison.Ordinal);
        Assert.Contains("reason: \"upstream outage\"", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(ws.Artifacts, "datasets", "curated", "orders", "policy_bundle.yaml.history", "policy_bundle.v2.yaml")));

        var release = await ws.RunAsync("kill-switch", Urn, "--reason", "outage over", "--as", "alice", "--release");
        Assert.Equal(0, release.ExitCode);
        Assert.True((await ws.RunAsync("policy", "verify", ws.BundlePath, "--json")).Json().GetProperty("validation_enabled").GetBoolean());
    }

    [Fact]
    public async Task Generate_Json_ReportsSectionsRulesAndBacktest()
    {
        using var ws = await PolicyWorkspace.CreateAsync();

        var result = await ws.RunAsync("policy", "generate", Urn, "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal("full_contract", json.GetProperty("enrichment_level").GetString());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal(1, json.GetProperty("generation_attempt").GetInt32());
        Assert.Equal(["security", "schema", "contract_lite", "volume", "contract", "pii", "freshness", "performance", "bootstrap"], Strings(json.GetProperty("sections")));
        Assert.Equal(["order_id", "order_total", "customer_email", "status"], Strings(json.GetProperty("required_fields")));
        Assert.Equal(["order_id_not_null", "order_id_range", "order_total_range"], Strings(json.GetProperty("invariants")));
        var backtest = json.GetProperty("backtest");
        Assert.Equal("passed", backtest.GetProperty("status").GetString());
        Assert.Equal(1, backtest.GetProperty("loosened").GetInt32());
        Assert.Equal(0, backtest.GetProperty("dropped").GetInt32());
        Assert.Contains("accepted-value rules skipped: the table is not at a local path or file:// URI", Strings(json.GetProperty("notes")));
        Assert.Equal("datasets/curated/orders/policy_backtest.json", json.GetProperty("backtest_report").GetString());
        Assert.True(File.Exists(Path.Combine(ws.Artifacts, "datasets", "curated", "orders", "policy_backtest.json")));
    }

    [Fact]
    public async Task Generate_NoSigningKeyYet_CreatesOneAndSaysSo()
    {
        using var ws = await PolicyWorkspace.CreateAsync();

        var result = await ws.RunAsync("policy", "generate", Urn);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("note: no signing key was set up; generated sf-", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(ws.Dir, ".sf", "keys", "policy-signing.pem")));
        Assert.Equal(0, (await ws.RunAsync("policy", "show", Urn)).ExitCode);
    }

    [Fact]
    public async Task Generate_NoBaseline_Exit2TellingToProfileFirst()
    {
        using var ws = await PolicyWorkspace.CreateAsync(withBaseline: false);

        var result = await ws.RunAsync("policy", "generate", Urn);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run `sf profile ds://curated/orders` first", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(ws.BundlePath));
    }

    [Fact]
    public async Task Generate_UnregisteredOrMalformedUrn_Exit2()
    {
        using var ws = await PolicyWorkspace.CreateAsync();

        var unregistered = await ws.RunAsync("policy", "generate", "ds://curated/unknown");
        Assert.Equal(2, unregistered.ExitCode);
        Assert.Contains("is not registered", unregistered.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await ws.RunAsync("policy", "generate", "orders")).ExitCode);
    }

    [Fact]
    public async Task Generate_WithFeedback_NextAttemptAppliesItAndKeepsHistory()
    {
        using var ws = await PolicyWorkspace.CreateAsync();
        Assert.Equal(0, (await ws.RunAsync("policy", "generate", Urn)).ExitCode);
        await File.WriteAllTextAsync(ws.Folder.Combine("feedback.yaml"), """
            reason: "order ids are reused after archiving"
            drop_rules: [order_id_range]
            widen_ranges: { order_total: 50 }
            free_text: "totals double in December"
            """);

        var second = await ws.RunAsync("policy", "generate", Urn, "--feedback-file", "feedback.yaml", "--json");

        Assert.Equal(0, second.ExitCode);
        var json = second.Json();
        Assert.Equal(2, json.GetProperty("generation_attempt").GetInt32());
        Assert.Equal(2, json.GetProperty("version").GetInt32());
        Assert.Equal(["order_id_not_null", "order_total_range"], Strings(json.GetProperty("invariants")));
        Assert.Equal("order ids are reused after archiving", json.GetProperty("feedback").GetProperty("reason").GetString());
        var text = await File.ReadAllTextAsync(ws.BundlePath);
        Assert.Contains("order_total BETWEEN 0.00 AND 791.25", text, StringComparison.Ordinal); // 527.50 wide, +50% each side, never negative
        Assert.Contains("generation_attempt: 2", text, StringComparison.Ordinal);

        // The third attempt keeps the earlier drop and adds the new request.
        await File.WriteAllTextAsync(ws.Folder.Combine("feedback2.yaml"), "optional_columns: [status]\n");
        var third = (await ws.RunAsync("policy", "generate", Urn, "--feedback-file", "feedback2.yaml", "--json")).Json();
        Assert.Equal(3, third.GetProperty("generation_attempt").GetInt32());
        Assert.Equal(["order_id_not_null", "order_total_range"], Strings(third.GetProperty("invariants")));
        Assert.DoesNotContain("status", Strings(third.GetProperty("required_fields")));
    }

    [Fact]
    public async Task Generate_FeedbackWithoutReasonOrFreeText_NextAttemptKeepsTheEarlierDrop()
    {
        using var ws = await PolicyWorkspace.CreateAsync();
        Assert.Equal(0, (await ws.RunAsync("policy", "generate", Urn)).ExitCode);
        await File.WriteAllTextAsync(ws.Folder.Combine("drop.yaml"), "drop_rules: [order_id_range]\n");
        var second = (await ws.RunAsync("policy", "generate", Urn, "--feedback-file", "drop.yaml", "--json")).Json();
        Assert.Equal(2, second.GetProperty("generation_attempt").GetInt32());
        Assert.DoesNotContain("order_id_range", Strings(second.GetProperty("invariants")));

        // Attempt 2's report has a feedback block without reason and free_text; attempt 3 must still read it.
        await File.WriteAllTextAsync(ws.Folder.Combine("optional.yaml"), "optional_columns: [status]\n");
        var third = await ws.RunAsync("policy", "generate", Urn, "--feedback-file", "optional.yaml", "--json");

        Assert.Equal(0, third.ExitCode);
        var json = third.Json();
        Assert.Equal(3, json.GetProperty("generation_attempt").GetInt32());
        Assert.DoesNotContain("order_id_range", Strings(json.GetProperty("invariants")));
        Assert.DoesNotContain("status", Strings(json.GetProperty("required_fields")));
    }

    [Fact]
    public async Task Generate_BadFeedbackFile_Exit2NamingTheField()
    {
        using var ws = await PolicyWorkspace.CreateAsync();
        await File.WriteAllTextAsync(ws.Folder.Combine("feedback.yaml"), "drop_rule: [x]\n");

        var result = await ws.RunAsync("policy", "generate", Urn, "--feedback-file", "feedback.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("drop_rule (line 1): unknown key; did you mean 'drop_rules'?", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(ws.BundlePath));
    }

    [Fact]
    public async Task Generate_OrgTemplateRuleTheDataBreaks_DroppedAndReported()
    {
        using var ws = await PolicyWorkspace.CreateAsync();
        var templates = Directory.CreateDirectory(Path.Combine(ws.Artifacts, "templates", "policy")).FullName;
        await File.WriteAllTextAsync(Path.Combine(templates, "TIER_1.yaml"), """
            invariants:
              - id: big_orders_only
                description: "Orders above 100"
                expression: "order_total > 100"
                severity: error
              - id: positive_totals
                expression: "order_total > 0"
            """);

        var result = await ws.RunAsync("policy", "generate", Urn);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("dropped        big_orders_only: the profiled data breaks it: profiled min 5.00, max 480.00: not every value is > 100", result.Output, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(ws.BundlePath);
        Assert.Contains("expression: \"order_total > 0\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("order_total > 100", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingOrNotABundle_Exit2()
    {
        using var ws = await PolicyWorkspace.CreateAsync();
        await File.WriteAllTextAsync(ws.Folder.Combine("notes.yaml"), "hello: world\n");

        Assert.Equal(2, (await ws.RunAsync("policy", "verify", "missing.yaml")).ExitCode);
        Assert.Equal(2, (await ws.RunAsync("policy", "verify", "notes.yaml")).ExitCode);
    }

    [Fact]
    public async Task Show_NoBundleYet_Exit2WithHint()
    {
        using var ws = await PolicyWorkspace.CreateAsync();

        var result = await ws.RunAsync("policy", "show", Urn);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run `sf policy generate ds://curated/orders` first", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_Write_StoresTheDefaultsThenRefusesToOverwrite()
    {
        using var ws = await PolicyWorkspace.CreateAsync();

        Assert.Contains("enrichment_level: volume_baseline", (await ws.RunAsync("policy", "template", "TIER_2")).Output, StringComparison.Ordinal);
        Assert.Equal(0, (await ws.RunAsync("policy", "template", "TIER_2", "--write")).ExitCode);
        Assert.True(File.Exists(Path.Combine(ws.Artifacts, "templates", "policy", "TIER_2.yaml")));
        Assert.Equal(3, (await ws.RunAsync("policy", "template", "TIER_2", "--write")).ExitCode);
        Assert.Equal(2, (await ws.RunAsync("policy", "template", "TIER_9")).ExitCode);
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString() ?? "")];
}
