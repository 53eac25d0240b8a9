using System.Text;
using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Bundles;

public sealed class PolicyBundleYamlTests
{
    [Fact]
    public void ToCanonicalYaml_SmallBundle_IsTheDocumentedLayout()
    {
        const string expected = """
            # policy_bundle.yaml v2.0 (HLD §6.5), signed by Signal Factory (ADR-008).
            # Any edit, even to a comment or a space, invalidates the signature. Check: sf policy verify FILE
            version: "2.0"
            dataset_urn: "ds://raw/clicks"
            bootstrap_id: "boot-7"
            generated_by: "autopilot"
            enrichment_level: contract_lite

            # --- Security (ADR-008) ---
            security:
              validation_enabled: true

            # --- Contract-Lite ---
            contract_lite:
              required_fields:
                - "id"
                - "ts"
              invariants: []

            # --- Performance Budget ---
            performance:
              gate_timeout_ms: 20000
              total_validation_budget_pct: 10
              pii_scan_timeout_ms: 20000
              sampling_rate: 0.5

            """;

        Assert.Equal(expected, PolicyBundleYaml.ToCanonicalYaml(SampleBundles.Small()));
    }

    [Fact]
    public void ToCanonicalYaml_ListsOfMappingsAndSignature_UseDashFirstKeyLayout()
    {
        var bundle = SampleBundles.Small() with
        {
            Security = new SecuritySection
            {
                Signature = new BundleSignature("ecdsa-p256-sha256", "sf-0123456789abcdef", new DateTimeOffset(2026, 2, 15, 11, 0, 0, TimeSpan.Zero), "QUJD"),
                ValidationEnabled = false,
                KillSwitch = new KillSwitchRecord(true, "bad \"rows\"", "human:ana", new DateTimeOffset(2026, 2, 15, 10, 59, 30, 500, TimeSpan.Zero)),
            },
            Pii = new PiiSection { Detection = [new PiiRule("EMAIL", "tokenize"), new PiiRule("SSN", "redact")], ScanColumns = [] },
        };

        var text = PolicyBundleYaml.ToCanonicalYaml(bundle);

        Assert.Contains("""
            security:
              signature:
                algorithm: ecdsa-p256-sha256
                key_id: "sf-0123456789abcdef"
                signed_at: "2026-02-15T11:00:00Z"
                value: "QUJD"
              validation_enabled: false
              kill_switch:
                engaged: true
                reason: "bad \"rows\""
                actor: "human:ana"
                at: "2026-02-15T10:59:30.5Z"

            """, text, StringComparison.Ordinal);
        Assert.Contains("""
            pii:
              detection:
                - pattern: EMAIL
                  action: tokenize
                - pattern: SSN
                  action: redact
              scan_columns: []

            """, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSigningPayload_SignedBundle_IsCanonicalTextWithoutTheValueLine()
    {
        var bundle = SampleBundles.Small() with
        {
            Security = new SecuritySection
            {
                Signature = new BundleSignature("ecdsa-p256-sha256", "sf-0123456789abcdef", new DateTimeOffset(2026, 2, 15, 11, 0, 0, TimeSpan.Zero), "QUJD"),
            },
        };
        var canonical = PolicyBundleYaml.ToCanonicalYaml(bundle);

        var payload = Encoding.UTF8.GetString(PolicyBundleYaml.ToSigningPayload(bundle));

        Assert.Equal(canonical.Replace("    value: \"QUJD\"\n", "", StringComparison.Ordinal), payload);
        Assert.Contains("signed_at", payload, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCanonicalBytes_CalledTwice_IdenticalBytes()
    {
        Assert.Equal(PolicyBundleYaml.ToCanonicalBytes(SampleBundles.Full()), PolicyBundleYaml.ToCanonicalBytes(SampleBundles.Full()));
    }

    [Fact]
    public void ToCanonicalBytes_ScheduleBuiltInDifferentInsertionOrders_IdenticalBytes()
    {
        var weeks = new (string Week, ValueList<string> Gates)[]
        {
            ("week_1", ["G1_RESOLUTION", "G2_IDENTITY", "G3_SCHEMA"]),
            ("week_2", ["G6_VOLUME"]),
            ("week_3", ["G5_FRESHNESS"]),
            ("week_10", ["DQ_CHECKS"]),
        };
        var forward = new Dictionary<string, ValueList<string>>();
        foreach (var (week, gates) in weeks)
        {
            forward[week] = gates;
        }

        var backward = new Dictionary<string, ValueList<string>>();
        foreach (var (week, gates) in weeks.Reverse())
        {
            backward[week] = gates;
        }

        var a = SampleBundles.Full() with { Bootstrap = SampleBundles.Full().Bootstrap! with { ProgressiveSchedule = ValueMap.From(forward) } };
        var b = SampleBundles.Full() with { Bootstrap = SampleBundles.Full().Bootstrap! with { ProgressiveSchedule = ValueMap.From(backward) } };

        var textA = PolicyBundleYaml.ToCanonicalYaml(a);
        Assert.Equal(textA, PolicyBundleYaml.ToCanonicalYaml(b));
        Assert.Equal(a, b);
        // Weeks in numeric order, week_10 last.
        var order = new[] { "week_1:", "week_2:", "week_3:", "week_10:" }.Select(k => textA.IndexOf("    " + k, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order().ToList(), order);
    }

    [Fact]
    public void Parse_CanonicalTextOfFullBundle_RoundTripsToEqualBundle()
    {
        var bundle = SampleBundles.Full();

        var parsed = PolicyBundleYaml.ParseUnverified(PolicyBundleYaml.ToCanonicalYaml(bundle));

        Assert.Equal(bundle, parsed);
        Assert.Equal(PolicyBundleYaml.ToCanonicalBytes(bundle), PolicyBundleYaml.ToCanonicalBytes(parsed));
    }

    [Fact]
    public void Parse_FreeLayoutWithCommentsFlowListsAndOtherKeyOrder_GivesSameBundleAsCanonical()
    {
        const string text = """
            # written by hand
            enrichment_level: 'contract_lite'
            performance: { sampling_rate: 0.5, gate_timeout_ms: 20000, pii_scan_timeout_ms: 20000, total_validation_budget_pct: 10 }
            contract_lite:
              invariants: []
              required_fields: [id, "ts"]   # flow list
            security: {validation_enabled: true}
            version: "2.0"
            generated_by: autopilot
            bootstrap_id: boot-7
            dataset_urn: ds://raw/clicks
            """;

        var parsed = PolicyBundleYaml.ParseUnverified(text);

        Assert.Equal(SampleBundles.Small(), parsed);
    }

    [Theory]
    [InlineData("plain \"quoted\" text")]
    [InlineData("back\\slash and\ttab")]
    [InlineData("line one\nline two\r\n")]
    [InlineData("ünïcödé — 日本語 😀")]
    [InlineData("\u0001\u007f\u0085\u2028\ufeff")]
    [InlineData("  leading and trailing  ")]
    [InlineData("x\"; DROP TABLE t; --")]
    [InlineData("")]
    public void Parse_CanonicalTextWithAwkwardStrings_RoundTrips(string value)
    {
        var bundle = SampleBundles.Small() with
        {
            ContractLite = new ContractLiteSection { RequiredFields = [value, "b"], Invariants = [value] },
        };

        var text = PolicyBundleYaml.ToCanonicalYaml(bundle);
        var parsed = PolicyBundleYaml.ParseUnverified(text);

        Assert.Equal(bundle, parsed);
        Assert.Equal(text, PolicyBundleYaml.ToCanonicalYaml(parsed));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(40, "40")]
    [InlineData(1e-7, "1.0E-07")]
    [InlineData(1.5e21, "1.5E+21")]
    [InlineData(-0.0, "0")]
    [InlineData(12800.25, "12800.25")]
    public void ToCanonicalYaml_Floats_InvariantShortestFormAndRoundTrip(double value, string expected)
    {
        var bundle = SampleBundles.Full() with { Volume = SampleBundles.Full().Volume! with { BaselineStddev = value } };

        var text = PolicyBundleYaml.ToCanonicalYaml(bundle);

        Assert.Contains("  baseline_stddev: " + expected + "\n", text, StringComparison.Ordinal);
        Assert.Equal(value, PolicyBundleYaml.ParseUnverified(text).Volume!.BaselineStddev);
    }

    [Fact]
    public void Parse_TimestampWithFractionAndNonUtcOffset_RoundTripsAsTheSameInstant()
    {
        var local = new DateTimeOffset(2026, 2, 15, 12, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var bundle = SampleBundles.Full() with { Bootstrap = SampleBundles.Full().Bootstrap! with { GeneratedAt = local } };

        var text = PolicyBundleYaml.ToCanonicalYaml(bundle);

        Assert.Contains("  generated_at: \"2026-02-15T10:00:00.1234567Z\"\n", text, StringComparison.Ordinal);
        Assert.Equal(local, PolicyBundleYaml.ParseUnverified(text).Bootstrap!.GeneratedAt);
    }
}
